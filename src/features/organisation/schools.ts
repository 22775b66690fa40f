import type { z } from 'zod';
import { transaction, type Db } from '../../db/index.ts';
import { audit } from '../../platform/audit.ts';
import { fail, fieldError } from '../../platform/errors.ts';
import { isUniqueViolation } from '../../platform/http/errors.ts';
import type { StaffContext } from '../../platform/http/context.ts';
import { schoolPolicy } from './policy.ts';
import type { LocationInput, SchoolInput, SchoolPatch, SchoolQuery, SchoolSummary } from './schema.ts';

type Summary = z.infer<typeof SchoolSummary>;

const selectSchools = (db: Db, partnershipId: string) => db`
  select s.id, s.name, s.brin, s.kind, s.levels, s.cluster, s.active, json_build_object('id', b.id, 'name', b.name) as board
  from schools s join boards b on b.id = s.board_id where s.partnership_id = ${partnershipId}`;

export async function listSchools(ctx: StaffContext, q: z.infer<typeof SchoolQuery>) {
  schoolPolicy.authorize(ctx.principal, 'read', { schoolId: null });
  const term = q.q ? `%${q.q.toLowerCase()}%` : null;
  const schools = await ctx.sql<Summary[]>`
    ${selectSchools(ctx.sql, ctx.scope.partnershipId)}
      and (${term}::text is null or lower(s.name) like ${term} or lower(s.brin) like ${term})
      and (${q.kind ?? null}::text is null or s.kind = ${q.kind ?? null})
    order by s.name`;
  return { schools, allowed: { create: schoolPolicy.can(ctx.principal, 'create', { schoolId: null }) } };
}

export async function getSchool(ctx: StaffContext, id: string) {
  const [school] = await ctx.sql<Summary[]>`${selectSchools(ctx.sql, ctx.scope.partnershipId)} and s.id = ${id}`;
  if (!school) fail('NOT_FOUND');
  schoolPolicy.authorize(ctx.principal, 'read', { schoolId: id });
  const locations = await ctx.sql<{ id: string; name: string; street: string; postcode: string; city: string }[]>`
    select id, name, street, postcode, city from school_locations where school_id = ${id} order by name`;
  const { update, manageLocations, manageStaff, importPupils, readClasses } = schoolPolicy.allowed(ctx.principal, { schoolId: id });
  return { ...school!, locations, allowed: { update, manageLocations, manageStaff, importPupils, readClasses } };
}

async function checkBoard(db: Db, partnershipId: string, boardId: string) {
  const [b] = await db`select 1 from boards where id = ${boardId} and partnership_id = ${partnershipId}`;
  if (!b) fieldError('boardId', 'Kies een bestuur van dit samenwerkingsverband.');
}

const duplicateBrin = (e: unknown) =>
  isUniqueViolation(e) ? fieldError('brin', 'Er is al een school met deze BRIN-code.') : Promise.reject(e);

export async function createSchool(ctx: StaffContext, input: z.infer<typeof SchoolInput>) {
  schoolPolicy.authorize(ctx.principal, 'create', { schoolId: null });
  return transaction(ctx.sql, async (tx) => {
    await checkBoard(tx, ctx.scope.partnershipId, input.boardId);
    const [row] = await tx<{ id: string }[]>`
      insert into schools (partnership_id, board_id, name, brin, kind, levels, cluster)
      values (${ctx.scope.partnershipId}, ${input.boardId}, ${input.name}, ${input.brin}, ${input.kind}, ${input.levels}, ${input.cluster})
      returning id`;
    await audit(tx, ctx.actor, { action: 'school.create', entityType: 'school', entityId: row!.id, schoolId: row!.id });
    return { id: row!.id };
  }).catch(duplicateBrin);
}

export async function updateSchool(ctx: StaffContext, id: string, patch: z.infer<typeof SchoolPatch>) {
  schoolPolicy.authorize(ctx.principal, 'update', { schoolId: id });
  return transaction(ctx.sql, async (tx) => {
    const [current] = await tx<{ kind: string; cluster: number | null }[]>`
      select kind, cluster from schools where id = ${id} and partnership_id = ${ctx.scope.partnershipId} for update`;
    if (!current) fail('NOT_FOUND');
    if (patch.boardId) await checkBoard(tx, ctx.scope.partnershipId, patch.boardId);
    const kind = patch.kind ?? current!.kind;
    const cluster = patch.cluster !== undefined ? patch.cluster : current!.cluster;
    if (cluster !== null && kind !== 'so' && kind !== 'vso') fieldError('cluster', 'Alleen (v)so-scholen hebben een cluster.');
    await tx`
      update schools set board_id = coalesce(${patch.boardId ?? null}, board_id), name = coalesce(${patch.name ?? null}, name),
        brin = coalesce(${patch.brin ?? null}, brin), kind = ${kind}, levels = coalesce(${patch.levels ?? null}, levels),
        cluster = ${cluster}, active = coalesce(${patch.active ?? null}, active)
      where id = ${id}`;
    await audit(tx, ctx.actor, { action: 'school.update', entityType: 'school', entityId: id, schoolId: id, details: { fields: Object.keys(patch) } });
    return { id };
  }).catch(duplicateBrin);
}

async function schoolInTenant(ctx: StaffContext, schoolId: string) {
  const [s] = await ctx.sql`select 1 from schools where id = ${schoolId} and partnership_id = ${ctx.scope.partnershipId}`;
  if (!s) fail('NOT_FOUND');
}

export async function addLocation(ctx: StaffContext, schoolId: string, input: z.infer<typeof LocationInput>) {
  await schoolInTenant(ctx, schoolId);
  schoolPolicy.authorize(ctx.principal, 'manageLocations', { schoolId });
  return transaction(ctx.sql, async (tx) => {
    const [row] = await tx<{ id: string }[]>`
      insert into school_locations (partnership_id, school_id, name, street, postcode, city)
      values (${ctx.scope.partnershipId}, ${schoolId}, ${input.name}, ${input.street}, ${input.postcode}, ${input.city}) returning id`;
    await audit(tx, ctx.actor, { action: 'location.create', entityType: 'location', entityId: row!.id, schoolId });
    return { id: row!.id };
  });
}

export async function updateLocation(ctx: StaffContext, schoolId: string, locationId: string, input: z.infer<typeof LocationInput>) {
  await schoolInTenant(ctx, schoolId);
  schoolPolicy.authorize(ctx.principal, 'manageLocations', { schoolId });
  return transaction(ctx.sql, async (tx) => {
    const rows = await tx`update school_locations set name = ${input.name}, street = ${input.street}, postcode = ${input.postcode}, city = ${input.city}
      where id = ${locationId} and school_id = ${schoolId} returning id`;
    if (rows.length === 0) fail('NOT_FOUND');
    await audit(tx, ctx.actor, { action: 'location.update', entityType: 'location', entityId: locationId, schoolId });
    return { id: locationId };
  });
}

export async function deleteLocation(ctx: StaffContext, schoolId: string, locationId: string) {
  await schoolInTenant(ctx, schoolId);
  schoolPolicy.authorize(ctx.principal, 'manageLocations', { schoolId });
  return transaction(ctx.sql, async (tx) => {
    const rows = await tx`delete from school_locations where id = ${locationId} and school_id = ${schoolId} returning id`;
    if (rows.length === 0) fail('NOT_FOUND');
    await audit(tx, ctx.actor, { action: 'location.delete', entityType: 'location', entityId: locationId, schoolId });
    return { id: locationId };
  });
}

export async function listClasses(ctx: StaffContext, schoolId: string) {
  await schoolInTenant(ctx, schoolId);
  schoolPolicy.authorize(ctx.principal, 'readClasses', { schoolId });
  return ctx.sql<{ id: string; name: string; schoolYear: string; level: string | null; yearGroup: number | null; pupilCount: number }[]>`
    select c.id, c.name, c.school_year as "schoolYear", c.level, c.year_group as "yearGroup",
      (select count(*)::int from enrolments e where e.class_id = c.id and e.end_date is null) as "pupilCount"
    from classes c where c.school_id = ${schoolId} order by c.school_year desc, c.year_group, c.name`;
}

import type { z } from 'zod';
import { transaction, type Db, type Tx } from '../../db/index.ts';
import { reveal } from '../../platform/access/reveal.ts';
import { audit, auditMany } from '../../platform/audit.ts';
import { clockOf, extensionRefusal, latestExtensionOn } from '../../platform/calendar/zorgplicht-clock.ts';
import { fail, fieldError } from '../../platform/errors.ts';
import type { StaffContext } from '../../platform/http/context.ts';
import { likeTerm } from '../../platform/http/schemas.ts';
import { auditExport, EXPORT_LIMIT, type ExportSheet } from '../../platform/list-export.ts';
import { schoolYearOf, today } from '../../platform/time.ts';
import { pupilFor, pupilPolicy } from '../pupils/api.ts';
import { ADMISSIONS, placementPolicy, registrationPolicy, zorgplichtPolicy, type RegistrationResource } from './policy.ts';
import { schoolsWithRole } from '../../platform/access/principal.ts';
import { mayPutOnTable, PLACED_OUTCOMES, readTable } from './table.ts';
import {
  outcomeLabels,
  registrationStatusLabels,
  type DecideInput,
  type ExtendInput,
  type Outcome,
  type RegistrationExportQuery,
  type RegistrationInput,
  type RegistrationList,
  type RegistrationQuery,
  type RegistrationStatus,
  type RegistrationView,
} from './schema.ts';

/** Registrations per page of the school's list: one audit row per pupil shown. */
export const PAGE_SIZE = 50;

/** The child as the registration names them: first name, prefix, last name (the dossier's pupil name when picked). */
export const CHILD_NAME = `concat_ws(' ', z.first_name, nullif(z.name_prefix, ''), z.last_name)`;

export type LoadedRegistration = RegistrationResource & { id: string; decidedOn: string | null; level: string | null; yearGroup: number | null; desiredStart: string | null };

const selectResource = (db: Db, partnershipId: string, id: string, lock: boolean) => db<LoadedRegistration[]>`
  select z.id, z.school_id as "schoolId", z.pupil_id as "pupilId", z.support_suspected as "supportSuspected", z.status,
    z.received_on::text as "receivedOn", z.extended_to::text as "extendedTo", z.decided_on::text as "decidedOn",
    z.level, z.year_group as "yearGroup", z.desired_start::text as "desiredStart",
    coalesce((select array_agg(q.school_id::text) from zorgplicht_placement_requests q where q.registration_id = z.id and q.status <> 'withdrawn'), '{}') as "askedSchoolIds"
  from zorgplicht_registrations z
  where z.id = ${id} and z.partnership_id = ${partnershipId} ${lock ? db`for update of z` : db``}`;

/** The registration as the policy sees it, after reveal-then-authorise (404 unless readable, 403 unless the action is the reader's, 409 unless now). */
export async function registrationFor(db: Db, ctx: StaffContext, id: string, action: Parameters<typeof registrationPolicy.can>[1], lock = false): Promise<LoadedRegistration> {
  const [row] = await selectResource(db, ctx.scope.partnershipId, id, lock);
  return reveal(ctx.principal, registrationPolicy, action, { id, row });
}

/** Records a registration the school received. A pupil the reader already sees is picked: name and birth date come from the dossier. */
export async function createRegistration(ctx: StaffContext, input: RegistrationInput) {
  const [school] = await ctx.sql<{ id: string }[]>`select id from schools where id = ${input.schoolId} and partnership_id = ${ctx.scope.partnershipId}`;
  if (!school) fieldError('schoolId', 'Deze school bestaat niet (meer).');
  registrationPolicy.authorize(ctx.principal, 'record', { schoolId: input.schoolId, pupilId: null, supportSuspected: input.supportSuspected, status: 'open', receivedOn: input.receivedOn, extendedTo: null, askedSchoolIds: [] });
  if (input.receivedOn > today()) fieldError('receivedOn', 'De ontvangstdatum ligt in de toekomst. Vul de dag in waarop de school de aanmelding ontving.');
  return transaction(ctx.sql, async (tx) => {
    let child = { firstName: input.firstName, namePrefix: input.namePrefix, lastName: input.lastName, birthDate: input.birthDate! };
    if (input.pupilId) {
      await pupilFor(tx, ctx, input.pupilId, 'read');
      const [p] = await tx<(typeof child)[]>`
        select first_name as "firstName", name_prefix as "namePrefix", last_name as "lastName", birth_date::text as "birthDate" from pupils where id = ${input.pupilId}`;
      child = p!;
    }
    const [row] = await tx<{ id: string }[]>`
      insert into zorgplicht_registrations (partnership_id, school_id, pupil_id, first_name, name_prefix, last_name, birth_date, previous_school,
        parent_names, parent_email, parent_phone, desired_start, level, year_group, need_by_parents, need_by_school, support_suspected, received_on, created_by)
      values (${ctx.scope.partnershipId}, ${input.schoolId}, ${input.pupilId}, ${child.firstName}, ${child.namePrefix}, ${child.lastName}, ${child.birthDate},
        ${input.previousSchool}, ${input.parentNames}, ${input.parentEmail}, ${input.parentPhone}, ${input.desiredStart}, ${input.level}, ${input.yearGroup},
        ${input.needByParents}, ${input.needBySchool}, ${input.supportSuspected}, ${input.receivedOn}, ${ctx.principal.userId})
      returning id`;
    await audit(tx, ctx.actor, { action: 'zorgplicht.create', entityType: 'zorgplicht_registration', entityId: row!.id, pupilId: input.pupilId, schoolId: input.schoolId, details: { supportSuspected: input.supportSuspected } });
    return { id: row!.id };
  });
}

/** One registration with its clock, the placement search's requests, and what the reader may do. Audited. */
export async function readRegistration(ctx: StaffContext, id: string, now = new Date()): Promise<RegistrationView> {
  return transaction(ctx.sql, async (tx) => {
    const r = await registrationFor(tx, ctx, id, 'read');
    const [d] = await tx<{
      schoolName: string; name: string; birthDate: string; previousSchool: string; parentNames: string; parentEmail: string; parentPhone: string;
      needByParents: string; needBySchool: string; extensionReason: string | null; outcome: Outcome | null; outcomeReason: string | null;
      offerSchoolId: string | null; offerSchoolName: string | null; decidedBy: string | null; createdBy: string; pupilSchoolId: string | null; classId: string | null;
    }[]>`
      select s.name as "schoolName", ${tx.unsafe(CHILD_NAME)} as name, z.birth_date::text as "birthDate", z.previous_school as "previousSchool",
        z.parent_names as "parentNames", z.parent_email as "parentEmail", z.parent_phone as "parentPhone", z.need_by_parents as "needByParents",
        z.need_by_school as "needBySchool", z.extension_reason as "extensionReason", z.outcome, z.outcome_reason as "outcomeReason",
        z.offer_school_id as "offerSchoolId", os.name as "offerSchoolName", du.name as "decidedBy", cu.name as "createdBy",
        p.school_id as "pupilSchoolId", e.class_id as "classId"
      from zorgplicht_registrations z join schools s on s.id = z.school_id join users cu on cu.id = z.created_by
        left join schools os on os.id = z.offer_school_id left join users du on du.id = z.decided_by
        left join pupils p on p.id = z.pupil_id left join enrolments e on e.pupil_id = p.id and e.end_date is null
      where z.id = ${id}`;
    const placements = await tx<{ id: string; schoolId: string; schoolName: string; status: 'asked' | 'accepted' | 'declined' | 'withdrawn'; message: string; answerReason: string | null; askedAt: Date; answeredAt: Date | null }[]>`
      select q.id, q.school_id as "schoolId", s.name as "schoolName", q.status, q.message, q.answer_reason as "answerReason", q.asked_at as "askedAt", q.answered_at as "answeredAt"
      from zorgplicht_placement_requests q join schools s on s.id = q.school_id
      where q.registration_id = ${id} order by q.asked_at`;
    await audit(tx, ctx.actor, { action: 'zorgplicht.read', entityType: 'zorgplicht_registration', entityId: id, pupilId: r.pupilId, schoolId: r.schoolId });
    const p = ctx.principal;
    const atSchool = registrationPolicy.permits(p, 'decide', r);
    // An asked school sees its own request and nothing of the others asked.
    const shown = atSchool || registrationPolicy.permits(p, 'read', { ...r, askedSchoolIds: [] }) ? placements : placements.filter((q) => schoolsWithRole(p, ...ADMISSIONS).includes(q.schoolId));
    const x = d!;
    // The pupil has a place once the school decided admitted or with an accepted offer elsewhere: the placement table's follow-up ends there.
    const tableRef = { ...r, placed: r.status === 'decided' && (PLACED_OUTCOMES as readonly string[]).includes(x.outcome ?? '') };
    const [table, putOnTable] = await Promise.all([readTable(tx, p, ctx.scope.partnershipId, tableRef), mayPutOnTable(tx, p, ctx.scope.partnershipId, tableRef)]);
    return {
      id,
      school: { id: r.schoolId!, name: x.schoolName },
      pupil: { id: r.pupilId, name: x.name, birthDate: x.birthDate, openable: !!r.pupilId && pupilPolicy.can(p, 'read', { schoolId: x.pupilSchoolId, classId: x.classId }) },
      previousSchool: x.previousSchool,
      parentNames: x.parentNames,
      parentEmail: x.parentEmail,
      parentPhone: x.parentPhone,
      desiredStart: r.desiredStart,
      level: r.level,
      yearGroup: r.yearGroup,
      needByParents: x.needByParents,
      needBySchool: x.needBySchool,
      supportSuspected: r.supportSuspected,
      status: r.status,
      extensionReason: x.extensionReason,
      outcome: x.outcome,
      outcomeReason: x.outcomeReason,
      offerSchool: x.offerSchoolId ? { id: x.offerSchoolId, name: x.offerSchoolName! } : null,
      decidedBy: x.decidedBy,
      createdBy: x.createdBy,
      clock: clockOf(r, now),
      latestExtension: latestExtensionOn(r.receivedOn),
      placements: shown.map((q) => ({
        id: q.id,
        school: { id: q.schoolId, name: q.schoolName },
        status: q.status,
        message: q.message,
        answerReason: q.answerReason,
        askedAt: q.askedAt,
        answeredAt: q.answeredAt,
        allowed: { answer: placementPolicy.can(p, 'answer', { schoolId: q.schoolId, status: q.status }) },
      })),
      askedHere: !atSchool && !registrationPolicy.permits(p, 'read', { ...r, askedSchoolIds: [] }),
      table,
      allowed: { extend: registrationPolicy.can(p, 'extend', r), decide: registrationPolicy.can(p, 'decide', r), askPlacement: registrationPolicy.can(p, 'askPlacement', r), putOnTable: !table && putOnTable },
    };
  });
}

type ListRowDb = LoadedRegistration & { pupilName: string; birthDate: string; schoolName: string; outcome: Outcome | null };

/** The rows the reader may see with the filters, sorted; a page of them, or all (the export). */
async function selectList(tx: Tx, ctx: StaffContext, q: Omit<z.infer<typeof RegistrationQuery>, 'page'>, window: { limit: number; offset: number }) {
  const day = today();
  const name = tx.unsafe(CHILD_NAME);
  const decideBy = tx`coalesce(z.extended_to, z.received_on + 42)`;
  const where = tx`
    z.partnership_id = ${ctx.scope.partnershipId} and ${registrationPolicy.scope(tx, ctx.principal, 'read')}
    ${q.show === 'open' ? tx`and z.status = 'open'` : q.show === 'closed' ? tx`and z.status <> 'open'` : tx``}
    ${q.schoolId ? tx`and z.school_id = ${q.schoolId}` : tx``}
    ${q.overdue === 'true' ? tx`and z.status = 'open' and ${decideBy} < ${day}::date` : tx``}
    ${q.q ? tx`and lower(${name}) like ${likeTerm(q.q)}` : tx``}`;
  const dir = tx.unsafe(q.dir === 'desc' ? 'desc' : 'asc');
  const keys = {
    due: tx`${decideBy} ${dir}`,
    received: tx`z.received_on ${dir}`,
    pupil: tx`lower(${name}) ${dir}`,
    school: tx`lower(s.name) ${dir}`,
    status: tx`array_position(array['open', 'decided', 'withdrawn'], z.status) ${dir}`,
  } as const;
  const rows = await tx<ListRowDb[]>`
    select z.id, z.school_id as "schoolId", s.name as "schoolName", z.pupil_id as "pupilId", ${name} as "pupilName", z.birth_date::text as "birthDate",
      z.support_suspected as "supportSuspected", z.status, z.outcome, z.received_on::text as "receivedOn", z.extended_to::text as "extendedTo",
      z.decided_on::text as "decidedOn", z.level, z.year_group as "yearGroup", z.desired_start::text as "desiredStart",
      coalesce((select array_agg(q.school_id::text) from zorgplicht_placement_requests q where q.registration_id = z.id and q.status <> 'withdrawn'), '{}') as "askedSchoolIds"
    from zorgplicht_registrations z join schools s on s.id = z.school_id
    where ${where}
    order by (z.status <> 'open'), ${keys[q.sort]}, z.created_at desc, z.id
    limit ${window.limit} offset ${window.offset}`;
  const [count] = await tx<{ n: number }[]>`select count(*)::int as n from zorgplicht_registrations z where ${where}`;
  return { rows, total: count!.n };
}

const rowOf = (ctx: StaffContext, r: ListRowDb, now: Date) => ({
  id: r.id,
  pupilName: r.pupilName,
  birthDate: r.birthDate,
  school: { id: r.schoolId!, name: r.schoolName },
  status: r.status,
  outcome: r.outcome,
  supportSuspected: r.supportSuspected,
  clock: clockOf(r, now),
  asked: !registrationPolicy.permits(ctx.principal, 'read', { ...r, askedSchoolIds: [] }),
});

/**
 * The school's list of registrations: at the reader's schools every
 * registration; for the partnership's watchers those with a suspected support
 * need; for a school asked in the placement search, the cases it was asked
 * about. Open ones first, most urgent first. Every pupil shown is audited.
 */
export async function listRegistrations(ctx: StaffContext, q: z.infer<typeof RegistrationQuery>, now = new Date()): Promise<z.input<typeof RegistrationList>> {
  zorgplichtPolicy.authorize(ctx.principal, 'list', {});
  return transaction(ctx.sql, async (tx) => {
    const { rows, total } = await selectList(tx, ctx, q, { limit: PAGE_SIZE, offset: (q.page - 1) * PAGE_SIZE });
    await auditMany(tx, ctx.actor, rows.map((r) => ({ action: 'zorgplicht.list', entityType: 'zorgplicht_registration', entityId: r.id, pupilId: r.pupilId, schoolId: r.schoolId })));
    const schoolIds = schoolsWithRole(ctx.principal, ...ADMISSIONS);
    const schools = await tx<{ id: string; name: string }[]>`select id, name from schools where id = any(${schoolIds}::uuid[]) and active order by name`;
    return {
      total,
      page: q.page,
      pageSize: PAGE_SIZE,
      today: today(now),
      rows: rows.map((r) => rowOf(ctx, r, now)),
      recordAt: schools,
      allowed: { board: zorgplichtPolicy.can(ctx.principal, 'board', {}) },
    };
  });
}

/** The list as a file: the same rows as the pages together, audited as an export (one row for the export, one per registration). */
export async function exportRegistrations(ctx: StaffContext, q: z.infer<typeof RegistrationExportQuery>, now = new Date()): Promise<ExportSheet> {
  zorgplichtPolicy.authorize(ctx.principal, 'list', {});
  return transaction(ctx.sql, async (tx) => {
    const { rows } = await selectList(tx, ctx, q, { limit: EXPORT_LIMIT, offset: 0 });
    await auditExport(tx, ctx.actor, {
      list: 'zorgplicht',
      format: q.format,
      count: rows.length,
      pupils: rows.map((r) => ({ action: 'zorgplicht.list_export', entityType: 'zorgplicht_registration', entityId: r.id, pupilId: r.pupilId, schoolId: r.schoolId })),
    });
    return {
      name: 'aanmeldingen',
      title: 'Aanmeldingen',
      columns: [
        { header: 'Leerling', width: 28 },
        { header: 'Geboortedatum', kind: 'day', width: 14 },
        { header: 'School', width: 30 },
        { header: 'Ondersteuning vermoed', width: 12 },
        { header: 'Ontvangen', kind: 'day', width: 14 },
        { header: 'Beslissen uiterlijk', kind: 'day', width: 14 },
        { header: 'Verlengd tot', kind: 'day', width: 14 },
        { header: 'Dagen over', kind: 'number' },
        { header: 'Status', width: 14 },
        { header: 'Besluit', width: 36 },
        { header: 'Besloten op', kind: 'day', width: 14 },
      ],
      rows: rows.map((r) => {
        const c = clockOf(r, now);
        return [r.pupilName, r.birthDate, r.schoolName, r.supportSuspected ? 'ja' : 'nee', c.received, c.due, c.extendedTo, c.daysLeft, registrationStatusLabels[r.status], r.outcome ? outcomeLabels[r.outcome] : '', c.decidedOn];
      }),
    };
  });
}

/** Extends the decision term once, within the 6 weeks, by at most 4 weeks, with the reason the parents read in the letter. */
export async function extendRegistration(ctx: StaffContext, id: string, input: z.output<typeof ExtendInput>) {
  return transaction(ctx.sql, async (tx) => {
    const r = await registrationFor(tx, ctx, id, 'extend', true);
    const why = extensionRefusal({ ...r, today: today() }, input.extendedTo);
    if (why) fieldError('extendedTo', why);
    await tx`update zorgplicht_registrations set extended_to = ${input.extendedTo}, extension_reason = ${input.reason}, extended_at = now(), extended_by = ${ctx.principal.userId} where id = ${id}`;
    await audit(tx, ctx.actor, { action: 'zorgplicht.extend', entityType: 'zorgplicht_registration', entityId: id, pupilId: r.pupilId, schoolId: r.schoolId, details: { extendedTo: input.extendedTo } });
    return { ok: true as const };
  });
}

/**
 * "Full" ends nothing unless the school is publicly full: the published
 * support profile of one of its locations, for the school year of the desired
 * start, shows capacity for the level and year and every such row has no free
 * places (DOMAIN.md C6: "the school's published capacity must show it").
 */
async function publiclyFull(tx: Tx, r: LoadedRegistration): Promise<boolean> {
  const year = schoolYearOf(new Date(`${r.desiredStart ?? today()}T12:00:00Z`));
  const profiles = await tx<{ content: { capacity?: { level: string; yearGroup: number | null; places: number }[] }; freePlaces: Record<string, number> }[]>`
    select published_content as content, free_places as "freePlaces" from support_profiles
    where school_id = ${r.schoolId} and school_year = ${year} and published_at is not null`;
  const rows = profiles.flatMap((p) =>
    (p.content.capacity ?? [])
      .filter((c) => (c.level === 'alle' || c.level === r.level) && (c.yearGroup === null || c.yearGroup === r.yearGroup))
      .map((c) => p.freePlaces[`${c.level}|${c.yearGroup ?? ''}`]),
  );
  return rows.length > 0 && rows.every((free) => free === 0);
}

/** The decision, with its reason: admitted, an accepted offer elsewhere, publicly full, or withdrawn by the parents. */
export async function decideRegistration(ctx: StaffContext, id: string, input: z.output<typeof DecideInput>) {
  return transaction(ctx.sql, async (tx) => {
    const r = await registrationFor(tx, ctx, id, 'decide', true);
    let offerSchoolId: string | null = null;
    if (input.outcome === 'offer_elsewhere') {
      const [accepted] = await tx<{ schoolId: string }[]>`
        select school_id as "schoolId" from zorgplicht_placement_requests where registration_id = ${id} and status = 'accepted' order by answered_at desc limit 1`;
      // The zorgplicht ends only with a fitting offer at a school that has accepted the pupil.
      if (!accepted) fieldError('outcome', 'Dit besluit kan pas als een andere school heeft laten weten dat zij de leerling aanneemt. Zoek eerst een plaats en vraag een school.');
      offerSchoolId = accepted!.schoolId;
    }
    if (input.outcome === 'full' && !(await publiclyFull(tx, r))) {
      fieldError('outcome', '"Vol" kan alleen als het gepubliceerde ondersteuningsprofiel van de school voor dit niveau en leerjaar plaatsen noemt en geen vrije plaatsen meer toont. Werk eerst de vrije plaatsen in het profiel bij.');
    }
    const status: RegistrationStatus = input.outcome === 'withdrawn' ? 'withdrawn' : 'decided';
    await tx`
      update zorgplicht_registrations set status = ${status}, outcome = ${input.outcome}, outcome_reason = ${input.reason}, offer_school_id = ${offerSchoolId},
        decided_on = ${today()}, decided_by = ${ctx.principal.userId}
      where id = ${id}`;
    // Requests still waiting for an answer are withdrawn: the case is closed.
    await tx`update zorgplicht_placement_requests set status = 'withdrawn' where registration_id = ${id} and status = 'asked'`;
    await audit(tx, ctx.actor, { action: 'zorgplicht.decide', entityType: 'zorgplicht_registration', entityId: id, pupilId: r.pupilId, schoolId: r.schoolId, details: { outcome: input.outcome } });
    return { ok: true as const };
  });
}

/** Nothing to see before a decision: the letter is made from it. */
export const noDecisionYet = () => fail('NOT_FOUND', 'Over deze aanmelding is nog niet besloten.');

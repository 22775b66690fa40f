import type { z } from 'zod';
import { transaction, type Db } from '../../db/index.ts';
import { reveal } from '../../platform/access/reveal.ts';
import { audit } from '../../platform/audit.ts';
import { AppError, fail, fieldError, type FieldError } from '../../platform/errors.ts';
import type { StaffContext } from '../../platform/http/context.ts';
import { schoolYearOf } from '../../platform/time.ts';
import { offerPolicy, profilePolicy } from './policy.ts';
import {
  capacityKey,
  emptyContent,
  ProfileContent as ProfileContentSchema,
  type FreePlacesInput,
  type ProfileContent,
  type ProfileListQuery,
  type ProfileView,
  type PublishInput,
  type SaveProfileInput,
  type StartProfileInput,
  type SupportOfferSettings,
} from './schema.ts';
import { loadNeeds, loadSettings, type NeedRow } from './settings.ts';

export const currentSchoolYear = (now = new Date()) => schoolYearOf(now);

/** The day of a school year by which its profile must be published: 'MM-DD' from August falls in the first calendar year, before August in the second. */
export function dueOn(schoolYear: string, monthDay: string): string {
  const [start, end] = schoolYear.split('-');
  return `${monthDay >= '08' ? start : end}-${monthDay}`;
}

interface ProfileRow {
  id: string;
  schoolId: string;
  locationId: string;
  schoolYear: string;
  content: ProfileContent;
  revision: number;
  updatedAt: Date;
  updatedBy: string | null;
  publishedContent: ProfileContent | null;
  publishedAt: Date | null;
  publishedBy: string | null;
  freePlaces: Record<string, number>;
  freePlacesAt: Date | null;
}

const selectProfile = (db: Db, partnershipId: string, id: string, lock = false) => db<ProfileRow[]>`
  select p.id, p.school_id as "schoolId", p.location_id as "locationId", p.school_year as "schoolYear", p.content, p.revision,
    p.updated_at as "updatedAt", u.name as "updatedBy", p.published_content as "publishedContent", p.published_at as "publishedAt",
    pu.name as "publishedBy", p.free_places as "freePlaces", p.free_places_at as "freePlacesAt"
  from support_profiles p left join users u on u.id = p.updated_by left join users pu on pu.id = p.published_by
  where p.id = ${id} and p.partnership_id = ${partnershipId} ${lock ? db`for update of p` : db``}`;

async function loadProfile(ctx: StaffContext, db: Db, id: string, action: 'read' | 'edit' | 'publish' | 'freePlaces', lock = false) {
  const [row] = await selectProfile(db, ctx.scope.partnershipId, id, lock);
  return reveal(ctx.principal, profilePolicy, action, { id, row });
}

/** Every location the reader may see, with where its profile for the school year stands. */
export async function listProfiles(ctx: StaffContext, q: z.infer<typeof ProfileListQuery>) {
  offerPolicy.authorize(ctx.principal, 'listProfiles', {});
  const schoolYear = q.schoolYear ?? currentSchoolYear();
  const settings = await loadSettings(ctx.sql, ctx.scope.partnershipId);
  const rows = await ctx.sql<{
    locationId: string;
    locationName: string;
    city: string;
    school: { id: string; name: string; kind: 'po' };
    profileId: string | null;
    draftDiffers: boolean | null;
    publishedAt: Date | null;
    lastPublishedYear: string | null;
  }[]>`
    select l.id as "locationId", l.name as "locationName", l.city, json_build_object('id', s.id, 'name', s.name, 'kind', s.kind) as school,
      p.id as "profileId", p.content is distinct from p.published_content as "draftDiffers", p.published_at as "publishedAt",
      (select max(x.school_year) from support_profiles x where x.location_id = l.id and x.published_at is not null) as "lastPublishedYear"
    from school_locations l
    join schools s on s.id = l.school_id
    left join support_profiles p on p.location_id = l.id and p.school_year = ${schoolYear}
    where l.partnership_id = ${ctx.scope.partnershipId} and s.active and ${profilePolicy.scope(ctx.sql, ctx.principal, 'read')}
    order by s.name, l.name`;
  return {
    schoolYear,
    dueOn: dueOn(schoolYear, settings.rules.updateBefore),
    rows: rows.map(({ draftDiffers, ...r }) => ({
      ...r,
      status: !r.profileId ? ('none' as const) : !r.publishedAt ? ('draft' as const) : draftDiffers ? ('changed' as const) : ('published' as const),
      allowed: { start: profilePolicy.can(ctx.principal, 'edit', { schoolId: r.school.id }) },
    })),
    allowed: { overview: offerPolicy.can(ctx.principal, 'overview', {}), manageSettings: offerPolicy.can(ctx.principal, 'manage', {}) },
  };
}

/**
 * Opens the location's profile for a school year, starting it from the
 * latest profile of the location (a new year begins as last year's offer,
 * to be checked), or empty. An existing one is simply opened.
 */
export async function startProfile(ctx: StaffContext, input: z.infer<typeof StartProfileInput>) {
  const [location] = await ctx.sql<{ schoolId: string }[]>`
    select school_id as "schoolId" from school_locations where id = ${input.locationId} and partnership_id = ${ctx.scope.partnershipId}`;
  if (!location) fieldError('locationId', 'Deze locatie bestaat niet (meer).');
  profilePolicy.authorize(ctx.principal, 'edit', location!);
  return transaction(ctx.sql, async (tx) => {
    const [existing] = await tx<{ id: string }[]>`select id from support_profiles where location_id = ${input.locationId} and school_year = ${input.schoolYear}`;
    if (existing) return { id: existing.id };
    const [previous] = await tx<{ content: ProfileContent }[]>`
      select content from support_profiles where location_id = ${input.locationId} and school_year < ${input.schoolYear} order by school_year desc limit 1`;
    // Content written under older rules is read through today's schema: what no longer fits starts empty.
    const parsed = ProfileContentSchema.safeParse(previous?.content);
    const content = parsed.success ? parsed.data : emptyContent();
    const [row] = await tx<{ id: string }[]>`
      insert into support_profiles (partnership_id, school_id, location_id, school_year, content, updated_by)
      values (${ctx.scope.partnershipId}, ${location!.schoolId}, ${input.locationId}, ${input.schoolYear}, ${tx.json(content as never)}, ${ctx.principal.userId})
      returning id`;
    await audit(tx, ctx.actor, { action: 'support_profile.create', entityType: 'support_profile', entityId: row!.id, schoolId: location!.schoolId, details: { schoolYear: input.schoolYear, copied: !!previous } });
    return { id: row!.id };
  });
}

export async function getProfile(ctx: StaffContext, id: string): Promise<ProfileView> {
  const p = await loadProfile(ctx, ctx.sql, id, 'read');
  const [[place], settings, needs] = await Promise.all([
    ctx.sql<{ school: ProfileView['school']; location: ProfileView['location'] }[]>`
      select json_build_object('id', s.id, 'name', s.name, 'kind', s.kind, 'levels', s.levels) as school,
        json_build_object('id', l.id, 'name', l.name, 'street', l.street, 'postcode', l.postcode, 'city', l.city) as location
      from school_locations l join schools s on s.id = l.school_id where l.id = ${p.locationId}`,
    loadSettings(ctx.sql, ctx.scope.partnershipId),
    loadNeeds(ctx.sql, ctx.scope.partnershipId),
  ]);
  const named = new Set(p.content.offers.map((o) => o.needId));
  const { edit, publish, freePlaces } = profilePolicy.allowed(ctx.principal, p);
  return {
    id: p.id,
    schoolYear: p.schoolYear,
    school: place!.school,
    location: place!.location,
    content: p.content,
    revision: p.revision,
    updatedAt: p.updatedAt,
    updatedBy: p.updatedBy,
    published: p.publishedAt ? { at: p.publishedAt, by: p.publishedBy } : null,
    changedSincePublished: p.publishedAt !== null && JSON.stringify(p.publishedContent) !== JSON.stringify(p.content),
    freePlaces: p.freePlaces,
    freePlacesAt: p.freePlacesAt,
    needs: needs.filter((n) => n.active || named.has(n.id)),
    settings,
    allowed: { edit, publish, freePlaces },
  };
}

const staleRevision = () => fail('CONFLICT', 'Iemand anders heeft dit profiel intussen opgeslagen. Vernieuw de pagina; uw tekst blijft dan niet bewaard, kopieer hem eerst.');

/** A need the content names must be one of the partnership's. */
function checkNeeds(content: ProfileContent, needs: NeedRow[]) {
  const known = new Set(needs.map((n) => n.id));
  content.offers.forEach((o, i) => {
    if (!known.has(o.needId)) fieldError(`content.offers.${i}.needId`, 'Deze ondersteuningsbehoefte kent het samenwerkingsverband niet.');
  });
}

export async function saveProfile(ctx: StaffContext, id: string, input: z.output<typeof SaveProfileInput>) {
  return transaction(ctx.sql, async (tx) => {
    const p = await loadProfile(ctx, tx, id, 'edit', true);
    if (p.revision !== input.revision) staleRevision();
    checkNeeds(input.content, await loadNeeds(tx, ctx.scope.partnershipId));
    const [row] = await tx<{ revision: number }[]>`
      update support_profiles set content = ${tx.json(input.content as never)}, revision = revision + 1, updated_by = ${ctx.principal.userId}, updated_at = now()
      where id = ${id} returning revision`;
    await audit(tx, ctx.actor, { action: 'support_profile.update', entityType: 'support_profile', entityId: id, schoolId: p.schoolId });
    return { revision: row!.revision };
  });
}

/** What keeps a profile from publication under the partnership's rules, as field problems on the form. */
export function publicationProblems(content: ProfileContent, needs: NeedRow[], settings: SupportOfferSettings): FieldError[] {
  const problems: FieldError[] = [];
  if (settings.rules.requireBasisForEveryNeed) {
    const missing = needs.filter((n) => n.active && !content.offers.some((o) => o.needId === n.id && o.level === 'basis'));
    if (missing.length) {
      problems.push({ path: 'content.offers', message: `Vul in wat de school in de ${settings.levels.basis.label.toLowerCase()} biedt bij: ${missing.map((n) => n.label).join(', ')}.` });
    }
  }
  if (settings.rules.requireCapacity && content.capacity.length === 0) problems.push({ path: 'content.capacity', message: 'Vul in hoeveel plaatsen de school heeft.' });
  if (settings.rules.requireContact && !content.contact.phone && !content.contact.email) {
    problems.push({ path: 'content.contact.phone', message: 'Vul een telefoonnummer of e-mailadres in, zodat ouders de school kunnen bereiken.' });
  }
  return problems;
}

/** The school leader publishes what is saved: from then on it is what the directory shows. */
export async function publishProfile(ctx: StaffContext, id: string, input: z.output<typeof PublishInput>) {
  return transaction(ctx.sql, async (tx) => {
    const p = await loadProfile(ctx, tx, id, 'publish', true);
    if (p.revision !== input.revision) staleRevision();
    const [needs, settings] = await Promise.all([loadNeeds(tx, ctx.scope.partnershipId), loadSettings(tx, ctx.scope.partnershipId)]);
    const problems = publicationProblems(p.content, needs, settings);
    if (problems.length) throw new AppError('VALIDATION', 'Het profiel voldoet nog niet aan de regels van het samenwerkingsverband. Vul eerst aan en sla op.', problems);
    const [row] = await tx<{ publishedAt: Date }[]>`
      update support_profiles set published_content = content, published_at = now(), published_by = ${ctx.principal.userId}
      where id = ${id} returning published_at as "publishedAt"`;
    await audit(tx, ctx.actor, { action: 'support_profile.publish', entityType: 'support_profile', entityId: id, schoolId: p.schoolId, details: { schoolYear: p.schoolYear } });
    return { publishedAt: row!.publishedAt };
  });
}

/** Free places now, per capacity row of the saved profile; no more free than there are places. */
export async function saveFreePlaces(ctx: StaffContext, id: string, input: z.output<typeof FreePlacesInput>) {
  return transaction(ctx.sql, async (tx) => {
    const p = await loadProfile(ctx, tx, id, 'freePlaces', true);
    const rows = new Map(p.content.capacity.map((c) => [capacityKey(c), c.places]));
    const free: Record<string, number> = {};
    input.places.forEach((x, i) => {
      const places = rows.get(x.key);
      if (places === undefined) fieldError(`places.${i}.free`, 'Deze rij staat niet (meer) in het profiel. Vernieuw de pagina.');
      if (x.free > places!) fieldError(`places.${i}.free`, `Er zijn ${places} plaatsen; meer vrije plaatsen kan niet.`);
      free[x.key] = x.free;
    });
    await tx`update support_profiles set free_places = ${tx.json(free)}, free_places_at = now() where id = ${id}`;
    await audit(tx, ctx.actor, { action: 'support_profile.free_places', entityType: 'support_profile', entityId: id, schoolId: p.schoolId });
    return { ok: true as const };
  });
}

import type { z } from 'zod';
import { transaction } from '../../db/index.ts';
import { reveal } from '../../platform/access/reveal.ts';
import { audit } from '../../platform/audit.ts';
import { fieldError, fail } from '../../platform/errors.ts';
import type { StaffContext } from '../../platform/http/context.ts';
import { distanceKm, loadNeeds } from '../support-offer/api.ts';
import { placementPolicy, registrationPolicy } from './policy.ts';
import { registrationFor } from './registrations.ts';
import type { AnswerPlacementInput, AskPlacementInput, PlacementSearch, PlacementSearchQuery } from './schema.ts';

/**
 * The placement search (DOMAIN.md C6, C8): when the school cannot offer the
 * support, it searches the other schools' published support profiles (levels,
 * year, needs served, free places, kind, distance) and asks a school to take
 * the pupil. The asked school sees the case only once asked, and accepts or
 * declines with a reason; an accepted offer lets the first school decide "not
 * admitted, a place at <school>", which ends the zorgplicht.
 */

interface Profile {
  locationId: string;
  locationName: string;
  city: string;
  schoolId: string;
  schoolName: string;
  kind: string;
  levels: string[];
  content: { offers?: { needId: string }[]; capacity?: { level: string; yearGroup: number | null }[]; coordinates?: { lat: number; lon: number } | null };
  freePlaces: Record<string, number>;
}

/** The latest published profile of every active school's location in the partnership. */
const publishedProfiles = (db: StaffContext['sql'], partnershipId: string) => db<Profile[]>`
  select distinct on (p.location_id) p.location_id as "locationId", l.name as "locationName", l.city, s.id as "schoolId", s.name as "schoolName", s.kind, s.levels,
    p.published_content as content, p.free_places as "freePlaces"
  from support_profiles p join schools s on s.id = p.school_id join school_locations l on l.id = p.location_id
  where p.partnership_id = ${partnershipId} and p.published_at is not null and s.active
  order by p.location_id, p.school_year desc`;

/** Free places for a level and year in a profile: the known free places of the rows that fit; null when the profile gives none. */
function freeFor(p: Profile, level: string | null, yearGroup: number | null): number | null {
  const rows = (p.content.capacity ?? []).filter((c) => (c.level === 'alle' || !level || c.level === level) && (c.yearGroup === null || !yearGroup || c.yearGroup === yearGroup));
  const known = rows.map((c) => p.freePlaces[`${c.level}|${c.yearGroup ?? ''}`]).filter((n): n is number => typeof n === 'number');
  return known.length ? known.reduce((a, b) => a + b, 0) : null;
}

export async function searchPlacement(ctx: StaffContext, id: string, q: z.infer<typeof PlacementSearchQuery>): Promise<z.input<typeof PlacementSearch>> {
  return transaction(ctx.sql, async (tx) => {
    const r = await registrationFor(tx, ctx, id, 'askPlacement');
    const [profiles, needs] = await Promise.all([publishedProfiles(ctx.sql, ctx.scope.partnershipId), loadNeeds(tx, ctx.scope.partnershipId)]);
    const label = new Map(needs.map((n) => [n.id, n.label]));
    const level = q.level ?? r.level;
    // Distance from the school registered at, where its profile gives coordinates.
    const origin = profiles.find((p) => p.schoolId === r.schoolId && p.content.coordinates)?.content.coordinates ?? null;
    const candidates = profiles
      .filter((p) => p.schoolId !== r.schoolId)
      .filter((p) => !q.kind || p.kind === q.kind)
      .filter((p) => !level || p.levels.length === 0 || p.levels.includes(level))
      .filter((p) => !q.needId || (p.content.offers ?? []).some((o) => o.needId === q.needId))
      .map((p) => {
        const free = freeFor(p, level, r.yearGroup);
        return {
          school: { id: p.schoolId, name: p.schoolName },
          kind: p.kind,
          location: { id: p.locationId, name: p.locationName, city: p.city },
          levels: p.levels,
          needsServed: [...new Set((p.content.offers ?? []).map((o) => label.get(o.needId)).filter((x): x is string => !!x))],
          freePlaces: free,
          distanceKm: origin && p.content.coordinates ? Math.round(distanceKm(origin, p.content.coordinates) * 10) / 10 : null,
          alreadyAsked: r.askedSchoolIds.includes(p.schoolId),
        };
      })
      .filter((c) => q.freeOnly !== 'true' || (c.freePlaces ?? 0) > 0)
      .sort((a, b) => (b.freePlaces ?? -1) > 0 !== (a.freePlaces ?? -1) > 0 ? ((b.freePlaces ?? 0) > 0 ? 1 : -1) : (a.distanceKm ?? Infinity) - (b.distanceKm ?? Infinity) || a.school.name.localeCompare(b.school.name, 'nl'));
    await audit(tx, ctx.actor, { action: 'zorgplicht.placement_search', entityType: 'zorgplicht_registration', entityId: id, pupilId: r.pupilId, schoolId: r.schoolId });
    return { candidates, needs: needs.filter((n) => n.active).map((n) => ({ id: n.id, name: n.label })) };
  });
}

/** Asks another school of the partnership to take the pupil; from now on that school sees the case. */
export async function askPlacement(ctx: StaffContext, id: string, input: z.output<typeof AskPlacementInput>) {
  return transaction(ctx.sql, async (tx) => {
    const r = await registrationFor(tx, ctx, id, 'askPlacement', true);
    const [school] = await tx<{ id: string }[]>`select id from schools where id = ${input.schoolId} and partnership_id = ${ctx.scope.partnershipId} and active`;
    if (!school) fieldError('schoolId', 'Deze school bestaat niet (meer).');
    if (input.schoolId === r.schoolId) fieldError('schoolId', 'Kies een andere school dan de school waar de leerling is aangemeld.');
    if (r.askedSchoolIds.includes(input.schoolId)) fieldError('schoolId', 'Deze school is al gevraagd.');
    const [row] = await tx<{ id: string }[]>`
      insert into zorgplicht_placement_requests (partnership_id, registration_id, school_id, message, asked_by)
      values (${ctx.scope.partnershipId}, ${id}, ${input.schoolId}, ${input.message}, ${ctx.principal.userId}) returning id`;
    await audit(tx, ctx.actor, { action: 'zorgplicht.placement_ask', entityType: 'zorgplicht_registration', entityId: id, pupilId: r.pupilId, schoolId: r.schoolId, details: { askedSchoolId: input.schoolId } });
    return { id: row!.id };
  });
}

/** The asked school answers: accepts the pupil, or declines with a reason. */
export async function answerPlacement(ctx: StaffContext, placementId: string, input: z.output<typeof AnswerPlacementInput>) {
  return transaction(ctx.sql, async (tx) => {
    const [q] = await tx<{ registrationId: string; schoolId: string; status: 'asked' | 'accepted' | 'declined' | 'withdrawn' }[]>`
      select registration_id as "registrationId", school_id as "schoolId", status from zorgplicht_placement_requests
      where id = ${placementId} and partnership_id = ${ctx.scope.partnershipId} for update`;
    // Unknown, or a case the reader may not read: not there.
    if (!q) reveal(ctx.principal, registrationPolicy, 'read', { id: placementId, row: undefined });
    const r = await registrationFor(tx, ctx, q!.registrationId, 'read');
    placementPolicy.authorize(ctx.principal, 'answer', q!);
    if (r.status !== 'open') fail('CONFLICT', 'Over deze aanmelding is al besloten.');
    await tx`
      update zorgplicht_placement_requests set status = ${input.accept ? 'accepted' : 'declined'}, answer_reason = ${input.reason}, answered_by = ${ctx.principal.userId}, answered_at = now()
      where id = ${placementId}`;
    await audit(tx, ctx.actor, { action: 'zorgplicht.placement_answer', entityType: 'zorgplicht_registration', entityId: q!.registrationId, pupilId: r.pupilId, schoolId: q!.schoolId, details: { accepted: input.accept } });
    return { ok: true as const };
  });
}

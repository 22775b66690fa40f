import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Sql } from '../../../src/db/index.ts';
import type { Role } from '../../../src/platform/access/roles.ts';
import { createSession } from '../../../src/platform/auth/sessions.ts';
import { Client } from '../../helpers/client.ts';
import * as f from '../../helpers/factories.ts';
import { schoolYearOf } from '../../../src/platform/time.ts';

/** A support profile that meets the default publication rules: the basis for the need, places, and a phone number. */
export const completeProfile = (needId: string) => ({
  summary: 'Een school met aandacht voor elke leerling.',
  offers: [{ needId, level: 'basis', aspects: ['materials'], note: 'Voorleessoftware' }],
  provisions: ['low_stimulus_room'],
  expertise: '',
  limits: '',
  capacity: [{ level: 'alle', yearGroup: null, places: 10 }],
  contact: { name: '', phone: '0299 123 456', email: '', website: '' },
  coordinates: null,
});

/**
 * Two partnerships. In A: schools A1 and A2, every role at A1 or for the
 * partnership, an OCO and a school admin at A2 (the "other school"), a class
 * with a mentor and a pupil. In B: an admin and an OCO ("other partnership").
 */
export const actors = [
  'anonymous',
  'swv_admin', 'swv_director', 'swv_decider', 'swv_consultant', 'swv_expert', 'privacy_officer',
  'oco', 'mentor', 'schoolleider', 'ondersteuner', 'school_admin',
  'oco_other_school', 'school_admin_other_school',
  'swv_admin_other_partnership', 'oco_other_partnership',
] as const;
export type Actor = (typeof actors)[number];
/** The support team of A1: the only actors who may read a confidential logbook entry of A1's pupil. */
export const supportTeam: Actor[] = ['oco', 'ondersteuner'];

export type World = Awaited<ReturnType<typeof buildWorld>>;

export async function buildWorld(sql: Sql) {
  const a = await f.partnership(sql);
  const board = await f.board(sql, a.id);
  const a1 = await f.school(sql, a.id, board.id);
  const a2 = await f.school(sql, a.id, board.id);
  const b = await f.partnership(sql);
  const bBoard = await f.board(sql, b.id);
  const b1 = await f.school(sql, b.id, bBoard.id);

  const at = (role: Role, schoolId: string | null) => ({ roles: [{ role, schoolId }] });
  const users: Record<Exclude<Actor, 'anonymous'>, f.TestUser> = {
    swv_admin: await f.user(sql, a.id, at('swv_admin', null)),
    swv_director: await f.user(sql, a.id, at('swv_director', null)),
    swv_decider: await f.user(sql, a.id, at('swv_decider', null)),
    swv_consultant: await f.user(sql, a.id, at('swv_consultant', null)),
    swv_expert: await f.user(sql, a.id, at('swv_expert', null)),
    privacy_officer: await f.user(sql, a.id, at('privacy_officer', null)),
    oco: await f.user(sql, a.id, at('oco', a1.id)),
    mentor: await f.user(sql, a.id, at('mentor', a1.id)),
    schoolleider: await f.user(sql, a.id, at('schoolleider', a1.id)),
    // A1's ondersteuner is also its aandachtsfunctionaris: the one actor who keeps A1's meldcode files.
    ondersteuner: await f.user(sql, a.id, { roles: [{ role: 'ondersteuner', schoolId: a1.id }, { role: 'aandachtsfunctionaris', schoolId: a1.id }] }),
    school_admin: await f.user(sql, a.id, at('school_admin', a1.id)),
    oco_other_school: await f.user(sql, a.id, at('oco', a2.id)),
    school_admin_other_school: await f.user(sql, a.id, at('school_admin', a2.id)),
    swv_admin_other_partnership: await f.user(sql, b.id, at('swv_admin', null)),
    oco_other_partnership: await f.user(sql, b.id, at('oco', b1.id)),
  };
  const klass = await f.klass(sql, a.id, a1.id, [{ userId: users.mentor.id }]);
  const pupil = await f.pupil(sql, a.id, a1.id, klass.id);
  await f.pupil(sql, a.id, a2.id, null);
  // A pupil of A1 in no class of the mentor: the mentor never reads them, by any route.
  const unclassed = await f.pupil(sql, a.id, a1.id, null);
  // A confidential logbook entry: its text may reach the support team of A1 (oco, ondersteuner) and nobody else, by any route.
  const confidentialText = `Vertrouwelijk ${randomUUID()}`;
  const confidential = await f.logbookEntry(sql, {
    partnership_id: a.id, school_id: a1.id, pupil_id: pupil.id, kind: 'parent_conversation', body: confidentialText, confidential: true, author_id: users.oco.id,
  });
  const provider = { id: await f.oidcProvider(sql, a.id, { label: 'Entree', issuer: 'https://login.example.nl', clientId: 'leerrecht', clientSecret: 'geheim' }) };
  const location = await f.schoolLocation(sql, { partnership_id: a.id, school_id: a1.id, name: 'Hoofdlocatie' });
  // A1's support profile of this school year, complete enough to publish, with one need of A's list.
  const need = await f.supportNeed(sql, { partnership_id: a.id, label: 'Dyslexie' });
  // The public directory names a partnership by its registration number.
  const [{ registrationNumber }] = await sql<[{ registrationNumber: string }]>`select registration_number as "registrationNumber" from partnerships where id = ${a.id}`;
  const profileContent = completeProfile(need.id);
  const profile = await f.supportProfile(sql, { partnership_id: a.id, school_id: a1.id, location_id: location.id, school_year: schoolYearOf(new Date()), content: profileContent });

  return {
    confidential: { entryId: confidential.id, text: confidentialText },
    a: { partnershipId: a.id, boardId: board.id, schoolId: a1.id, otherSchoolId: a2.id, classId: klass.id, pupilId: pupil.id, unclassedPupilId: unclassed.id, locationId: location.id, oidcProviderId: provider!.id, needId: need.id, profileId: profile.id, profileContent, code: registrationNumber },
    b: { partnershipId: b.id, schoolId: b1.id },
    users,
    /** Ids of partnership A that must never appear in an answer to partnership B (its OIDC provider is public: the sign-in page lists it). */
    aIds: [a.id, board.id, a1.id, a2.id, klass.id, pupil.id, profile.id, ...Object.entries(users).filter(([k]) => !k.endsWith('other_partnership')).map(([, u]) => u.id)],
    sql,
    /** A fresh staff member at A1 (target of staff actions), in the given status. */
    async staffTarget(status: 'active' | 'invited' | 'deactivated' = 'active') {
      return f.user(sql, a.id, { ...at('oco', a1.id), status });
    },
  };
}

/**
 * A fresh, fully signed-in session for an actor. Made directly (the sign-in
 * journey itself is tested in auth.test.ts): one insert instead of an argon2
 * verify per request keeps the matrix fast.
 */
export async function clientFor(app: FastifyInstance, sql: Sql, w: World, actor: Actor): Promise<Client> {
  const c = new Client(app);
  if (actor === 'anonymous') return c;
  const { token, csrfToken } = await createSession(sql, { idleMinutes: 30, maxHours: 12 }, {
    userId: w.users[actor].id, mfaVerified: true, ip: null, userAgent: null,
  });
  c.cookie = `lr_session=${token}`;
  c.csrf = csrfToken;
  return c;
}

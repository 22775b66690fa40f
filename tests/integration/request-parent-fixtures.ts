import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Sql } from '../../src/db/index.ts';
import { principalOf } from '../../src/platform/access/principal.ts';
import { createSession } from '../../src/platform/auth/sessions.ts';
import type { StaffContext } from '../../src/platform/http/context.ts';
import { Client } from '../helpers/client.ts';
import * as f from '../helpers/factories.ts';
import { insertLink } from '../helpers/parent-client.ts';

/**
 * A draft request about a pupil with three attached items (one of them
 * health data), made straight in the database: composing a request is
 * another feature's; these tests start where the school asks consent.
 */
export async function draftRequest(sql: Sql, o: { birthDate?: string; firstName?: string; question?: string; kind?: 'tlv' | 'opdc' } = {}) {
  const p = await f.partnership(sql);
  const b = await f.board(sql, p.id);
  const s = await f.school(sql, p.id, b.id);
  const oco = await f.user(sql, p.id, { roles: [{ role: 'oco', schoolId: s.id }] });
  const director = await f.user(sql, p.id, { roles: [{ role: 'swv_director', schoolId: null }] });
  const pupil = await f.pupil(sql, p.id, s.id, null);
  const firstName = o.firstName ?? 'Noor';
  await sql`update pupils set first_name = ${firstName}, birth_date = ${o.birthDate ?? '2015-05-04'} where id = ${pupil.id}`;
  const question = o.question ?? 'Wij vragen een plek in het speciaal basisonderwijs.';
  const r = await f.request(sql, {
    partnership_id: p.id, school_id: s.id, pupil_id: pupil.id, kind: o.kind ?? 'tlv', tlv_school_kind: o.kind === 'opdc' ? null : 'sbo', question, expectation: 'Een besluit binnen zes weken.', created_by: oco.id,
  });
  const attach = async (label: string, health: boolean, itemType = 'document') => {
    const a = await f.requestAttachment(sql, { partnership_id: p.id, request_id: r.id, item_type: itemType, item_id: randomUUID(), label, item_date: '2026-10-01', health, added_by: oco.id });
    return a.id;
  };
  const opp = await attach('OPP versie 2', false, 'opp_version');
  const report = await attach('Toetsverslag november', false);
  const medical = await attach('Verslag kinderarts', true);
  return { partnershipId: p.id, schoolId: s.id, pupilId: pupil.id, requestId: r.id, ocoId: oco.id, directorId: director.id, firstName, question, attachments: { opp, report, medical } };
}
export type DraftRequest = Awaited<ReturnType<typeof draftRequest>>;

/** One link as askConsent makes it: 90 days. */
export const requestLink = (sql: Sql, r: DraftRequest, o: { signer?: 'parent' | 'pupil'; name?: string; email?: string } = {}) =>
  insertLink(sql, { partnershipId: r.partnershipId, kind: 'request', subjectId: r.requestId, createdBy: r.ocoId, days: 90 }, o);

/** The link in the latest mail to an address. */
export async function mailedLink(sql: Sql, email: string): Promise<{ token: string; subject: string; text: string }> {
  const [m] = await sql<{ text: string; subject: string }[]>`select text_body as text, subject from outbox where to_address = ${email} order by id desc limit 1`;
  const token = m?.text.match(/\/ouders\/aanvraag#token=([\w-]+)/)?.[1];
  if (!token) throw new Error(`no request link mailed to ${email}`);
  return { token, subject: m!.subject, text: m!.text };
}

/** A signed-in staff client (session made directly; the sign-in journey is auth.test.ts's). */
export async function staffClient(app: FastifyInstance, sql: Sql, userId: string): Promise<Client> {
  const c = new Client(app);
  const { token, csrfToken } = await createSession(sql, { idleMinutes: 30, maxHours: 12 }, { userId, mfaVerified: true, ip: null, userAgent: null });
  c.cookie = `lr_session=${token}`;
  c.csrf = csrfToken;
  return c;
}

/** The context of a staff member as the gate makes it, for calling a command directly. */
export async function staffCtx(sql: Sql, userId: string, partnershipId: string): Promise<StaffContext> {
  const [u] = await sql<{ name: string; email: string }[]>`select name, email from users where id = ${userId}`;
  const roles = await sql<{ role: never; schoolId: string | null }[]>`select role, school_id as "schoolId" from role_assignments where user_id = ${userId}`;
  const principal = principalOf({ userId, name: u!.name, email: u!.email, partnershipId, roles, classIds: [] });
  return { sql, actor: { partnershipId, userId, ip: null, userAgent: null }, publicUrl: 'http://localhost:3000', principal, scope: principal.scope };
}

import { randomUUID } from 'node:crypto';
import type { Sql } from '../../src/db/index.ts';
import type { Role } from '../../src/platform/access/roles.ts';
import { hashPassword } from '../../src/platform/auth/passwords.ts';
import { newTotpSecret } from '../../src/platform/auth/totp.ts';
import { totpContext } from '../../src/features/auth/mfa.ts';
import { clientSecretContext } from '../../src/features/auth/oidc.ts';
import { secretBox } from '../../src/platform/secrets.ts';
import * as rows from '../../src/seed/factories/index.ts';

export * from '../../src/seed/factories/index.ts';
/** The bare row builders, for where a helper below of the same name does more (f.pupil also enrols, f.user also assigns roles). */
export { rows };

/** Factories write straight to the database: the state a test starts from, not the thing it tests. */
export const PASSWORD = 'correct horse battery staple';
let passwordHash: Promise<string> | null = null;
const uniq = () => randomUUID().slice(0, 8);
/**
 * A mail address no other test uses. Test files run in parallel on one
 * database and the outbox is told apart by address (helpers/fingerprint.ts),
 * so a shared address lets one file's mail show up in another's fingerprint.
 */
export const mailbox = (who: string) => `${who}-${randomUUID()}@test.leerrecht.nl`;
/** The SECRET_KEY of every test app (helpers/app.ts, the crash test): factories store secrets sealed with it, as the app does. */
export const TEST_SECRET_KEY = Buffer.alloc(32, 'leerrecht-test-key').toString('base64');
export const testSecrets = secretBox(Buffer.from(TEST_SECRET_KEY, 'base64'));
let brinCounter = Math.floor(Math.random() * 90 * 26 * 26);

export async function partnership(sql: Sql, name = `SWV ${uniq()}`) {
  const p = await rows.partnership(sql, { name });
  return { id: p.id, name };
}

export async function board(sql: Sql, partnershipId: string) {
  return { id: (await rows.board(sql, { partnership_id: partnershipId })).id };
}

export function nextBrin(): string {
  const n = brinCounter++;
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return `${String(10 + (n % 90))}${letters[Math.floor(n / 90) % 26]}${letters[Math.floor(n / 2340) % 26]}`;
}

export async function school(sql: Sql, partnershipId: string, boardId: string, o: { kind?: string; name?: string } = {}) {
  const s = await rows.school(sql, { partnership_id: partnershipId, board_id: boardId, brin: nextBrin(), name: o.name, kind: o.kind });
  return { id: s.id, name: s.name as string };
}

export interface TestUser {
  id: string;
  email: string;
  password: string;
  totpSecret: string | null;
}

export async function user(
  sql: Sql,
  partnershipId: string,
  o: { roles: { role: Role; schoolId: string | null }[]; mfa?: boolean; status?: string; email?: string },
): Promise<TestUser> {
  passwordHash ??= hashPassword(PASSWORD);
  const totpSecret = o.mfa === false ? null : newTotpSecret();
  const email = o.email ?? `u-${uniq()}@test.leerrecht.nl`;
  const id = randomUUID();
  await rows.user(sql, {
    id, partnership_id: partnershipId, email, status: o.status, password_hash: await passwordHash,
    totp_secret: totpSecret ? testSecrets.seal(totpSecret, totpContext(id)) : null, totp_enabled_at: totpSecret ? new Date() : null,
  });
  for (const r of o.roles) await rows.roleAssignment(sql, { partnership_id: partnershipId, user_id: id, role: r.role, school_id: r.schoolId });
  return { id, email, password: PASSWORD, totpSecret };
}

export async function klass(sql: Sql, partnershipId: string, schoolId: string, staff: { userId: string; mentor?: boolean }[] = []) {
  const c = await rows.klass(sql, { partnership_id: partnershipId, school_id: schoolId });
  for (const s of staff) await rows.classStaff(sql, { partnership_id: partnershipId, class_id: c.id, user_id: s.userId, is_mentor: s.mentor });
  return { id: c.id };
}

/** A pupil enrolled at the school (in the class, if given), with the columns a test names. */
export async function pupil(sql: Sql, partnershipId: string, schoolId: string, classId: string | null, o: { lastName?: string } & rows.Cols = {}) {
  const { lastName, ...cols } = o;
  const p = await rows.pupil(sql, { partnership_id: partnershipId, school_id: schoolId, last_name: lastName, ...cols });
  await rows.enrolment(sql, { partnership_id: partnershipId, pupil_id: p.id, school_id: schoolId, class_id: classId, level: 'havo' });
  return { id: p.id };
}

/** An OIDC provider of a partnership, its client secret sealed as the app stores it. */
export async function oidcProvider(
  sql: Sql,
  partnershipId: string,
  o: { issuer: string; clientId: string; clientSecret: string; label?: string; enabled?: boolean; trustIdpMfa?: boolean },
) {
  const id = randomUUID();
  await rows.oidcProvider(sql, {
    id, partnership_id: partnershipId, label: o.label, issuer: o.issuer, client_id: o.clientId,
    client_secret: testSecrets.seal(o.clientSecret, clientSecretContext(id)), enabled: o.enabled, trust_idp_mfa: o.trustIdpMfa,
  });
  return id;
}

/** The partnership's next TLV number: the register numbers its TLVs 1…n without gaps. */
export async function nextTlvNumber(sql: Sql, partnershipId: string): Promise<number> {
  const [{ next }] = (await sql`select coalesce(max(number), 0) + 1 as next from tlvs where partnership_id = ${partnershipId}`) as unknown as [{ next: number }];
  return next;
}

import { randomUUID } from 'node:crypto';
import type { Sql } from '../../src/db/index.ts';
import type { Role } from '../../src/platform/access/roles.ts';
import { hashPassword } from '../../src/platform/auth/passwords.ts';
import { newTotpSecret } from '../../src/platform/auth/totp.ts';
import { totpContext } from '../../src/features/auth/mfa.ts';
import { clientSecretContext } from '../../src/features/auth/oidc.ts';
import { secretBox } from '../../src/platform/secrets.ts';

/** Factories write straight to the database: the state a test starts from, not the thing it tests. */
export const PASSWORD = 'correct horse battery staple';
let passwordHash: Promise<string> | null = null;
const uniq = () => randomUUID().slice(0, 8);
/** The SECRET_KEY of every test app (helpers/app.ts, the crash test): factories store secrets sealed with it, as the app does. */
export const TEST_SECRET_KEY = Buffer.alloc(32, 'leerrecht-test-key').toString('base64');
export const testSecrets = secretBox(Buffer.from(TEST_SECRET_KEY, 'base64'));
let brinCounter = Math.floor(Math.random() * 90 * 26 * 26);

export async function partnership(sql: Sql, name = `SWV ${uniq()}`) {
  const [p] = await sql<{ id: string }[]>`
    insert into partnerships (name, sector, registration_number) values (${name}, 'vo', ${`VO${uniq()}`}) returning id`;
  return { id: p!.id, name };
}

export async function board(sql: Sql, partnershipId: string) {
  const [b] = await sql<{ id: string }[]>`
    insert into boards (partnership_id, name, board_number) values (${partnershipId}, ${`Bestuur ${uniq()}`}, ${String(10000 + Math.floor(Math.random() * 89999))})
    returning id`;
  return { id: b!.id };
}

export function nextBrin(): string {
  const n = brinCounter++;
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return `${String(10 + (n % 90))}${letters[Math.floor(n / 90) % 26]}${letters[Math.floor(n / 2340) % 26]}`;
}

export async function school(sql: Sql, partnershipId: string, boardId: string, o: { kind?: string; name?: string } = {}) {
  const [s] = await sql<{ id: string; name: string }[]>`
    insert into schools (partnership_id, board_id, name, brin, kind, levels)
    values (${partnershipId}, ${boardId}, ${o.name ?? `School ${uniq()}`}, ${nextBrin()}, ${o.kind ?? 'vo'}, ${['havo', 'vwo']})
    returning id, name`;
  return s!;
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
  const [u] = await sql<{ id: string }[]>`
    insert into users (id, partnership_id, email, name, status, password_hash, totp_secret, totp_enabled_at)
    values (${id}, ${partnershipId}, ${email}, ${`Medewerker ${uniq()}`}, ${o.status ?? 'active'}, ${await passwordHash},
            ${totpSecret ? testSecrets.seal(totpSecret, totpContext(id)) : null}, ${totpSecret ? new Date() : null})
    returning id`;
  for (const r of o.roles) {
    await sql`insert into role_assignments (partnership_id, user_id, role, school_id) values (${partnershipId}, ${u!.id}, ${r.role}, ${r.schoolId})`;
  }
  return { id: u!.id, email, password: PASSWORD, totpSecret };
}

export async function klass(sql: Sql, partnershipId: string, schoolId: string, staff: { userId: string; mentor?: boolean }[] = []) {
  const [c] = await sql<{ id: string }[]>`
    insert into classes (partnership_id, school_id, name, school_year, level, year_group)
    values (${partnershipId}, ${schoolId}, ${`2H${uniq()}`}, '2026-2027', 'havo', 2) returning id`;
  for (const s of staff) {
    await sql`insert into class_staff (partnership_id, class_id, user_id, is_mentor) values (${partnershipId}, ${c!.id}, ${s.userId}, ${s.mentor ?? true})`;
  }
  return { id: c!.id };
}

export async function pupil(sql: Sql, partnershipId: string, schoolId: string, classId: string | null, o: { lastName?: string } = {}) {
  const [p] = await sql<{ id: string }[]>`
    insert into pupils (partnership_id, school_id, student_number, first_name, last_name, birth_date)
    values (${partnershipId}, ${schoolId}, ${uniq()}, 'Sam', ${o.lastName ?? `Jansen-${uniq()}`}, '2013-05-04') returning id`;
  await sql`insert into enrolments (partnership_id, pupil_id, school_id, class_id, level, start_date)
            values (${partnershipId}, ${p!.id}, ${schoolId}, ${classId}, 'havo', '2025-08-18')`;
  return { id: p!.id };
}

/** An OIDC provider of a partnership, its client secret sealed as the app stores it. */
export async function oidcProvider(
  sql: Sql,
  partnershipId: string,
  o: { issuer: string; clientId: string; clientSecret: string; label?: string; enabled?: boolean; trustIdpMfa?: boolean },
) {
  const id = randomUUID();
  await sql`
    insert into oidc_providers (id, partnership_id, label, issuer, client_id, client_secret, enabled, trust_idp_mfa)
    values (${id}, ${partnershipId}, ${o.label ?? `Entree ${uniq()}`}, ${o.issuer}, ${o.clientId},
            ${testSecrets.seal(o.clientSecret, clientSecretContext(id))}, ${o.enabled ?? true}, ${o.trustIdpMfa ?? false})`;
  return id;
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { connect, type Sql } from '../../src/db/index.ts';
import { APP_ROLE, withTenant } from '../../src/db/tenant.ts';
import { seedAbsence, seedSchoolCalendars } from '../../src/seed/absence.ts';
import { seedPartnership } from '../../src/seed/partnership.ts';
import { seedMeldcode } from '../../src/seed/meldcode.ts';
import { seedPlans } from '../../src/seed/plans.ts';
import { seedQuality } from '../../src/seed/quality.ts';
import { seedRequests } from '../../src/seed/requests.ts';
import { seedSupportOffer } from '../../src/seed/support-offer.ts';
import { seedSupportRoute } from '../../src/seed/support-route.ts';
import { seedZorgplicht } from '../../src/seed/zorgplicht.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import * as f from '../helpers/factories.ts';

/**
 * The second wall (docs/decisions/0009-row-level-security.md): through the
 * app's own connection, a query that forgets the tenant filter still returns
 * nothing of another partnership, and nothing at all without a partnership.
 */
let t: TestApp;
let a: string;
let b: string;
/** Every table of the schema that carries partnership_id, from the catalogue. */
let tenantTables: string[];
/** Tables without partnership_id whose rows belong to a user or provider, and the tenant table itself. */
const childTables = ['sessions', 'recovery_codes', 'user_tokens', 'oidc_logins', 'oidc_identities', 'partnerships'];

const seed = async (name: string, pupils: number, full: boolean) => {
  const tag = Math.random().toString(36).slice(2, 8);
  const domain = `${tag}.rls.test.leerrecht.nl`;
  const { partnershipId } = await seedPartnership(t.sql, {
    name: `${name} ${tag}`, registrationNumber: `RLS${tag}`, schools: full ? 3 : 1, pupils, seed: 9100 + Math.floor(Math.random() * 500),
    domain, password: 'demo-wachtwoord-lang', schoolYear: '2026-2027',
  });
  if (full) {
    await t.sql.begin(async (tx) => {
      await seedSupportRoute(tx as never, partnershipId);
      await seedPlans(tx as never, partnershipId);
      await seedRequests(tx as never, partnershipId, domain);
      await seedSupportOffer(tx as never, partnershipId, '2026-2027');
      await seedQuality(tx as never, partnershipId, '2026-2027');
      await seedMeldcode(tx as never, partnershipId);
      await seedSchoolCalendars(tx as never, partnershipId, '2026-2027');
      await seedAbsence(tx as never, partnershipId, '2026-11-27');
      await seedZorgplicht(tx as never, partnershipId);
    });
  }
  // Rows of the tables the seed leaves empty: a session, a token, a recovery code, an OIDC login.
  const [user] = await t.sql<{ id: string }[]>`select id from users where partnership_id = ${partnershipId} limit 1`;
  // Raw SQL on purpose (sessions, tokens, codes, OIDC logins and identities, audit log): this test is about these tables under row-level security.
  await t.sql`insert into sessions (id, user_id, csrf_token, expires_at) values (${`rls-${tag}`}, ${user!.id}, 'x', now() + interval '1 hour')`;
  await t.sql`insert into user_tokens (token_hash, user_id, kind, expires_at) values (${`rls-${tag}`}, ${user!.id}, 'reset', now() + interval '1 hour')`;
  await t.sql`insert into recovery_codes (user_id, code_hash) values (${user!.id}, ${`rls-${tag}`})`;
  const provider = await f.rows.oidcProvider(t.sql, { partnership_id: partnershipId, label: 'RLS', client_id: 'c', client_secret: 's' });
  await t.sql`insert into oidc_logins (state, provider_id, code_verifier, nonce) values (${`rls-${tag}`}, ${provider.id}, 'v', 'n')`;
  await t.sql`insert into oidc_identities (issuer, subject, user_id) values ('https://idp.example.nl', ${`rls-${tag}`}, ${user!.id})`;
  await t.sql`insert into audit_log (partnership_id, action, entity_type) values (${partnershipId}, 'rls.test', 'test')`;
  const [absent] = await t.sql<{ pupil_id: string; school_id: string }[]>`select pupil_id, school_id from absences where partnership_id = ${partnershipId} limit 1`;
  if (absent) await f.rows.absenceReport(t.sql, { partnership_id: partnershipId, school_id: absent.school_id, pupil_id: absent.pupil_id, due_on: '2026-11-20', reported_on: '2026-11-23' });
  return partnershipId;
};

/** Rows of `table` (and the partnerships they belong to), read as the app reads: through the tenant pool. */
const asApp = (tenant: string | null, fn: (sql: Sql) => Promise<unknown>) => withTenant(t.app.tenantPool, tenant, fn);
const partnershipsIn = (sql: Sql, table: string) =>
  sql<{ p: string | null; n: number }[]>`select partnership_id::text as p, count(*)::int as n from ${sql(table)} group by 1`;
/** The partnership of each row of a child table, found by the owner through its parent. */
const childOwner: Record<string, string> = {
  sessions: 'select u.partnership_id::text as p from sessions c join users u on u.id = c.user_id',
  recovery_codes: 'select u.partnership_id::text as p from recovery_codes c join users u on u.id = c.user_id',
  user_tokens: 'select u.partnership_id::text as p from user_tokens c join users u on u.id = c.user_id',
  oidc_logins: 'select o.partnership_id::text as p from oidc_logins c join oidc_providers o on o.id = c.provider_id',
  oidc_identities: 'select u.partnership_id::text as p from oidc_identities c join users u on u.id = c.user_id',
  partnerships: 'select id::text as p from partnerships c',
};

beforeAll(async () => {
  t = await createTestApp();
  b = await seed('SWV B', 150, true);
  a = await seed('SWV A', 20, false);
  tenantTables = (
    await t.sql<{ table: string }[]>`
      select c.relname as table from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p')
        and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'partnership_id' and not a.attisdropped)
      order by 1`
  ).map((r) => r.table);
}, 120_000);
afterAll(() => t.close());

describe('row-level security', () => {
  it('holds every table with partnership_id, and the child tables, with FORCE and a policy', async () => {
    expect(tenantTables.length).toBeGreaterThan(40);
    const rows = await t.sql<{ table: string; rls: boolean; force: boolean; policies: number }[]>`
      select c.relname as table, c.relrowsecurity as rls, c.relforcerowsecurity as force,
             (select count(*)::int from pg_policy p where p.polrelid = c.oid) as policies
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relname in ${t.sql([...tenantTables, ...childTables])} order by 1`;
    const uncovered = rows.filter((r) => !r.rls || !r.force || r.policies === 0).map((r) => r.table);
    expect(uncovered).toEqual([]);
    expect(rows).toHaveLength(tenantTables.length + childTables.length);
  });

  it('lets the app act only as a role that owns nothing and bypasses nothing', async () => {
    const [who] = await asApp(a, (sql) => sql`select current_user as role`) as { role: string }[];
    expect(who!.role).toBe(APP_ROLE);
    const [role] = await t.sql<{ rolsuper: boolean; rolbypassrls: boolean; owns: number }[]>`
      select rolsuper, rolbypassrls, (select count(*)::int from pg_class where relowner = r.oid) as owns from pg_roles r where rolname = ${APP_ROLE}`;
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false, owns: 0 });
  });

  it('with tenant A set, a select without a where returns no row of B from any table', async () => {
    const bHasRows: string[] = [];
    for (const table of tenantTables) {
      const owner = await partnershipsIn(t.sql, table);
      const ofB = owner.find((r) => r.p === b)?.n ?? 0;
      if (ofB > 0) bHasRows.push(table);
      const seenByA = (await asApp(a, (sql) => partnershipsIn(sql, table))) as { p: string | null; n: number }[];
      expect(seenByA.filter((r) => r.p !== a), table).toEqual([]);
      // Not vacuous: the same query as B sees all of B's rows.
      const seenByB = (await asApp(b, (sql) => partnershipsIn(sql, table))) as { p: string | null; n: number }[];
      expect(seenByB.find((r) => r.p === b)?.n ?? 0, table).toBe(ofB);
    }
    // B's seed fills most tables, so most of the checks above had something to hide.
    expect(bHasRows.length).toBeGreaterThan(tenantTables.length * 0.75);
    for (const table of childTables) {
      const ownerRows = (await t.sql.unsafe(childOwner[table]!)) as unknown as { p: string }[];
      expect(ownerRows.some((r) => r.p === b), table).toBe(true);
      const seen = (await asApp(a, (sql) => sql.unsafe(`select count(*)::int as n from ${table}`))) as unknown as { n: number }[];
      expect(seen[0]!.n, table).toBe(ownerRows.filter((r) => r.p === a).length);
    }
  });

  it('with no tenant set, every tenant table reads empty', async () => {
    for (const table of [...tenantTables, ...childTables]) {
      const [row] = (await asApp(null, (sql) => sql.unsafe(`select count(*)::int as n from ${table}`))) as unknown as { n: number }[];
      expect(row!.n, table).toBe(0);
    }
  });

  it('refuses to write a row into another partnership', async () => {
    const [school] = await t.sql<{ id: string; boardId: string }[]>`select id, board_id as "boardId" from schools where partnership_id = ${b} limit 1`;
    await expect(
      // Raw SQL on purpose: the write under test is the refused insert itself.
      asApp(a, (sql) => sql`insert into school_locations (partnership_id, school_id, name) values (${b}, ${school!.id}, 'Elders')`),
    ).rejects.toThrow(/row-level security/);
    const updated = (await asApp(a, (sql) => sql`update schools set name = name || ' x' where partnership_id = ${b} returning id`)) as unknown[];
    expect(updated).toHaveLength(0);
  });

  it('never hands a tenant to the next user of a pooled connection', async () => {
    const pool = connect(inject('databaseUrl'), { role: APP_ROLE, max: 1 });
    try {
      let leaked: Sql | null = null;
      await withTenant(pool, a, async (sql) => {
        leaked = sql;
      });
      const [after] = (await withTenant(pool, null, (sql) => sql`select current_setting('app.partnership_id', true) as t, (select count(*)::int from users) as users`)) as {
        t: string;
        users: number;
      }[];
      expect(after).toEqual({ t: '', users: 0 });
      // The connection handed to a finished request refuses further work.
      expect(() => leaked!`select 1`).toThrow(/after its request/);
      // A failed transaction leaves the tenant and the connection clean.
      await expect(withTenant(pool, a, (sql) => sql.begin(async (tx) => {
        await tx`select 1`;
        throw new Error('stop');
      }))).rejects.toThrow('stop');
      const [again] = (await withTenant(pool, b, (sql) => sql`select current_setting('app.partnership_id', true) as t`)) as { t: string }[];
      expect(again!.t).toBe(b);
    } finally {
      await pool.end();
    }
  });
});

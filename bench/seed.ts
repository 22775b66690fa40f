/**
 * Bench data: one deterministic partnership of a given size (seedPartnership,
 * which includes dossiers for one pupil in ten), one OPP per ten pupils
 * (bench/seed-plans.ts), a year's TLVs and arrangements and an open queue of
 * requests (bench/seed-requests.ts), the support offer (src/seed/support-offer.ts),
 * every school's support route (bench/seed-support-route.ts) and a realistic
 * audit-log volume, on its own database.
 *
 *   npx tsx bench/seed.ts [--schools 40] [--pupils 40000] [--audit-rows 200000]
 *
 * Without DATABASE_URL it runs the embedded PostgreSQL 17 on bench/.data (a
 * free port, loopback only) and stops it again. Seeding is skipped when the
 * partnership of that size already exists, so a second run is quick; what a
 * partnership seeded by an older bench lacks (dossiers, OPPs, requests, the
 * support offer and route, audit rows) is added.
 */
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { connect, transaction, type Sql } from '../src/db/index.ts';
import { startEmbeddedPostgres } from '../src/db/embedded.ts';
import { migrate } from '../src/db/migrate.ts';
import { seedDossiers } from '../src/seed/dossier.ts';
import { seedPartnership } from '../src/seed/partnership.ts';
import { seedSupportOffer } from '../src/seed/support-offer.ts';
import { rng } from '../src/seed/random.ts';
import { seedOpps } from './seed-plans.ts';
import { seedRequests } from './seed-requests.ts';
import { seedSupportRoute } from './seed-support-route.ts';

export const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
export const BENCH_PASSWORD = 'Leerrecht-bench-2026';
/** The app's SECRET_KEY in the bench: prepare seals the accounts' TOTP secrets with it. */
export const BENCH_SECRET_KEY = Buffer.alloc(32, 'leerrecht-bench').toString('base64');
/** Fixed, so the data does not depend on the day of the run. */
const SCHOOL_YEAR = '2026-2027';
const SEED = 7;

export interface BenchSize {
  schools: number;
  pupils: number;
  auditRows: number;
}

export const DEFAULT_SIZE: BenchSize = { schools: 40, pupils: 40_000, auditRows: 200_000 };

/** Every size gets its own partnership (and mail domain), so sizes can live side by side in one database. */
export function benchIdentity(size: BenchSize) {
  return {
    name: `Samenwerkingsverband Bench ${size.schools}/${size.pupils}`,
    // Letters and digits only: the public directory's address (/aanbod/<code>) takes nothing else.
    registrationNumber: `BENCH${size.schools}P${size.pupils}`,
    domain: `bench-s${size.schools}-p${size.pupils}.leerrecht.test`,
  };
}

/** Flags win over environment variables (BENCH_SCHOOLS, BENCH_PUPILS, BENCH_AUDIT_ROWS), which win over the defaults. */
export function sizeFrom(values: { schools?: string | undefined; pupils?: string | undefined; 'audit-rows'?: string | undefined }): BenchSize {
  const num = (flag: string | undefined, env: string | undefined, dflt: number, name: string) => {
    const raw = flag ?? env;
    if (raw === undefined || raw === '') return dflt;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got "${raw}"`);
    return n;
  };
  return {
    schools: num(values.schools, process.env.BENCH_SCHOOLS, DEFAULT_SIZE.schools, 'schools'),
    pupils: num(values.pupils, process.env.BENCH_PUPILS, DEFAULT_SIZE.pupils, 'pupils'),
    auditRows: num(values['audit-rows'], process.env.BENCH_AUDIT_ROWS, DEFAULT_SIZE.auditRows, 'audit-rows'),
  };
}

/** About one OPP per ten pupils (4,000 at the default size). */
export const oppTarget = (size: BenchSize) => Math.round(size.pupils / 10);

export const sizeOptions = {
  schools: { type: 'string' },
  pupils: { type: 'string' },
  'audit-rows': { type: 'string' },
} as const;

export interface BenchDatabase {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/** DATABASE_URL when set; else the embedded PostgreSQL on bench/.data on a free loopback port. */
export async function openDatabase(log: (line: string) => void): Promise<BenchDatabase> {
  if (process.env.DATABASE_URL) {
    const host = new URL(process.env.DATABASE_URL).hostname;
    if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) {
      throw new Error(`DATABASE_URL must point at this machine (127.0.0.1); got host "${host}"`);
    }
    return { url: process.env.DATABASE_URL, embedded: false, stop: async () => {} };
  }
  const port = await freePort();
  log(`starting embedded PostgreSQL on 127.0.0.1:${port} (data: bench/.data)`);
  const db = await startEmbeddedPostgres({ dataDir: path.join(BENCH_DIR, '.data'), port });
  return { url: db.url, embedded: true, stop: () => db.stop() };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Seeds the partnership of this size unless it exists, then tops its audit
 * log up to `auditRows` rows. Returns the partnership id.
 */
export async function ensureSeeded(sql: Sql, size: BenchSize, log: (line: string) => void): Promise<{ partnershipId: string; seeded: boolean }> {
  const id = benchIdentity(size);
  let seeded = false;
  let [row] = await sql<{ id: string }[]>`select id from partnerships where registration_number = ${id.registrationNumber}`;
  if (!row) {
    const t0 = Date.now();
    log(`seeding ${size.schools} schools, ${size.pupils} pupils …`);
    const { partnershipId } = await seedPartnership(sql, {
      name: id.name,
      registrationNumber: id.registrationNumber,
      schools: size.schools,
      pupils: size.pupils,
      seed: SEED,
      domain: id.domain,
      password: BENCH_PASSWORD,
      schoolYear: SCHOOL_YEAR,
    });
    row = { id: partnershipId };
    seeded = true;
    log(`  partnership seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  const partnershipId = row.id;
  // Partnerships seeded before seedPartnership made dossiers get them now (same generator; the random stream differs from a fresh seed).
  const [dossiers] = await sql`select 1 from pupil_needs where partnership_id = ${partnershipId} limit 1`;
  if (!seeded && !dossiers) {
    const t0 = Date.now();
    log('seeding dossiers (one pupil in ten) …');
    await transaction(sql, (tx) => seedDossiers(tx, rng(SEED), partnershipId, Number(SCHOOL_YEAR.slice(0, 4))));
    seeded = true;
    log(`  dossiers seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  const opps = oppTarget(size);
  const t1 = Date.now();
  const addedOpps = await seedOpps(sql, partnershipId, opps, SCHOOL_YEAR);
  if (addedOpps > 0) {
    seeded = true;
    log(`  ${addedOpps} OPPs seeded in ${((Date.now() - t1) / 1000).toFixed(1)} s`);
  }
  const t2 = Date.now();
  const req = await seedRequests(sql, partnershipId, size.pupils, SCHOOL_YEAR);
  if (req.tlvs + req.arrangements + req.open > 0) {
    seeded = true;
    log(`  ${req.tlvs} TLVs, ${req.arrangements} arrangements, ${req.open} open requests seeded in ${((Date.now() - t2) / 1000).toFixed(1)} s`);
  }
  // The support offer (issue 12): the partnership's needs and every location's profile; the needs of the seeded dossiers named against its list.
  const [{ needs }] = (await sql`select count(*)::int as needs from support_needs where partnership_id = ${partnershipId}`) as unknown as [{ needs: number }];
  if (needs === 0) {
    const t3 = Date.now();
    log('seeding the support offer …');
    await transaction(sql, (tx) => seedSupportOffer(tx, partnershipId, SCHOOL_YEAR));
    seeded = true;
    log(`  support offer seeded in ${((Date.now() - t3) / 1000).toFixed(1)} s`);
  }
  // The support route (meetings, agendas, signals, agreements at every school): the rest of the OCO's and the consultant's work list.
  const t4 = Date.now();
  const route = await seedSupportRoute(sql, partnershipId, SCHOOL_YEAR);
  if (route.meetings > 0) {
    seeded = true;
    log(`  ${route.meetings} meetings, ${route.agreements} agreements, ${route.signals} signals seeded in ${((Date.now() - t4) / 1000).toFixed(1)} s`);
  }
  // Only the seeded rows count (the bench itself appends sign-in and read rows).
  const [{ have }] = (await sql`
    select count(*)::int as have from audit_log where partnership_id = ${partnershipId} and details ? 'bench'`) as unknown as [{ have: number }];
  if (have < size.auditRows) {
    const t0 = Date.now();
    log(`seeding audit log: ${size.auditRows - have} rows (have ${have}) …`);
    await seedAuditLog(sql, partnershipId, have, size.auditRows);
    await sql`analyze audit_log`;
    seeded = true;
    log(`  audit log seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  if (seeded) await sql`analyze`;
  return { partnershipId, seeded };
}

/**
 * Rows `from+1 … to` of a 90-day audit log, generated in SQL. Deterministic
 * (row g always gets the same actor, pupil and action; time is relative to
 * the seeding day); ids ascend with time, as in a real log. Mix: 60 % pupil
 * reads, 10 % pupil updates, 15 % sign-ins, 5 % sign-outs, 5 % school
 * changes, 5 % staff role changes; actors are all staff of the partnership.
 * Raw SQL on purpose: 200,000 rows made by the database in one statement per
 * chunk; the app writes audit rows only through platform/audit.ts, so no row builder.
 */
async function seedAuditLog(sql: Sql, partnershipId: string, from: number, to: number) {
  const CHUNK = 50_000;
  for (let start = from + 1; start <= to; start += CHUNK) {
    const end = Math.min(to, start + CHUNK - 1);
    await sql`
      with st as (select array_agg(id order by email) as ids, count(*)::int as n from users where partnership_id = ${partnershipId}),
           pu as (select array_agg(id order by student_number) as ids, array_agg(school_id order by student_number) as sids, count(*)::int as n
                  from pupils where partnership_id = ${partnershipId}),
           sc as (select array_agg(id order by brin) as ids, count(*)::int as n from schools where partnership_id = ${partnershipId}),
           g as (
             select g, (g * 13) % 20 as k,
                    st.ids[(1 + (g * 7919) % st.n)::int] as actor,
                    pu.ids[(1 + (g * 104729) % pu.n)::int] as pupil, pu.sids[(1 + (g * 104729) % pu.n)::int] as pupil_school,
                    sc.ids[(1 + (g * 31) % sc.n)::int] as school,
                    st.ids[(1 + (g * 53) % st.n)::int] as other_user
             from generate_series(${start}::bigint, ${end}::bigint) g, st, pu, sc)
      insert into audit_log (partnership_id, at, actor_user_id, action, entity_type, entity_id, school_id, pupil_id, ip, user_agent, details)
      select ${partnershipId}::uuid,
        date_trunc('day', now()) - make_interval(secs => (${to}::int - g)::float8 * 90 * 86400 / ${to}::int),
        actor,
        case when k < 12 then 'pupil.read' when k < 14 then 'pupil.update' when k < 17 then 'auth.sign_in'
             when k < 18 then 'auth.sign_out' when k < 19 then 'school.update' else 'staff.roles_update' end,
        case when k < 14 then 'pupil' when k < 18 then 'user' when k < 19 then 'school' else 'user' end,
        case when k < 14 then pupil::text when k < 18 then actor::text when k < 19 then school::text else other_user::text end,
        case when k < 14 then pupil_school when k < 18 then null when k < 19 then school else null end,
        case when k < 14 then pupil else null end,
        '10.' || (g % 250) || '.' || (g % 199) || '.' || (g % 97),
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
        case when k = 12 or k = 13 then jsonb_build_object('bench', true, 'fields', jsonb_build_array('first_name', 'birth_date'))
             when k < 17 and k >= 14 then jsonb_build_object('bench', true, 'method', 'password')
             else jsonb_build_object('bench', true) end
      from g`;
  }
}

async function main() {
  const { values } = parseArgs({ options: sizeOptions, strict: true });
  const size = sizeFrom(values);
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const db = await openDatabase(log);
  const sql = connect(db.url, { max: 2 });
  try {
    await migrate(sql);
    const { partnershipId, seeded } = await ensureSeeded(sql, size, log);
    log(seeded ? `seeded partnership ${partnershipId}` : `partnership ${benchIdentity(size).registrationNumber} already seeded (${partnershipId}); nothing to do`);
  } finally {
    await sql.end({ timeout: 5 });
    await db.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((e) => {
    process.stderr.write(`bench seed failed: ${(e as Error).stack ?? e}\n`);
    process.exit(1);
  });
}

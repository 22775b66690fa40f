/**
 * The Leerrecht benchmark: the real app against a bare node:http + postgres
 * baseline doing the same SQL, endpoint by endpoint, with autocannon, on one
 * seeded database. See bench/README.md.
 *
 *   npm run bench -- [--duration 10] [--warmup 2] [--connections 50]
 *                    [--only sign-in,schools,staff,audit,audit-actor,pupil,class-scan,pupil-search,opp,opp-overview,
 *                            queue,queue-review,tlvs,tlvs-soon,gap-map,directory,work-oco,work-consultant]
 *                    [--schools 40] [--pupils 40000] [--audit-rows 200000] [--no-write] [--no-rls]
 */
import autocannon from 'autocannon';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { connect, type Sql } from '../src/db/index.ts';
import { migrate } from '../src/db/migrate.ts';
import { endpoints, requestOf, type Account, type Endpoint, type Target } from './endpoints.ts';
import { prepare, type Prepared } from './prepare.ts';
import { fmtMs, report, type Measurement, type TargetRun } from './report.ts';
import { BENCH_DIR, ensureSeeded, openDatabase, sizeFrom, sizeOptions, type BenchDatabase } from './seed.ts';
import { children, cpuMs, memoryOf, peakRss, signInSession, startServer, stopServer, type Server } from './servers.ts';

const log = (line: string) => process.stdout.write(`${line}\n`);

// ---------------------------------------------------------------- options

const { values } = parseArgs({
  options: {
    ...sizeOptions,
    duration: { type: 'string', default: process.env.BENCH_DURATION ?? '10' },
    warmup: { type: 'string', default: process.env.BENCH_WARMUP ?? '2' },
    connections: { type: 'string', default: process.env.BENCH_CONNECTIONS ?? '50' },
    only: { type: 'string' },
    'no-write': { type: 'boolean', default: false },
    'no-rls': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
  strict: true,
});
if (values.help) {
  log(fs.readFileSync(new URL(import.meta.url), 'utf8').split('*/')[0]!.replace(/^\/\*\*?|^ \* ?/gm, ''));
  process.exit(0);
}
const positive = (raw: string, name: string, min = 1) => {
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min) throw new Error(`--${name} must be a number >= ${min}, got "${raw}"`);
  return n;
};
const opts = {
  size: sizeFrom(values),
  duration: positive(values.duration, 'duration'),
  warmup: positive(values.warmup, 'warmup', 0),
  connections: Math.round(positive(values.connections, 'connections')),
  write: !values['no-write'],
  /** Also measure the app on the owner's connection (no row-level security): the price of the policies. */
  rls: !values['no-rls'],
};
const fail = (message: string): never => {
  throw new Error(message);
};

// ---------------------------------------------------------------- measuring

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

type HeadersFor = (t: Target) => Record<string, string>;

async function load(base: string, e: Endpoint, headersFor: HeadersFor, seconds: number) {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let bytes = 0;
  const instance = autocannon({
    url: base,
    connections: opts.connections,
    duration: seconds,
    requests: [requestOf(e, headersFor)],
    timeout: 30,
  });
  instance.on('response', (_client: unknown, status: number, resBytes: number, responseTime: number) => {
    latencies.push(responseTime);
    statuses[status] = (statuses[status] ?? 0) + 1;
    bytes += resBytes;
  });
  const result = await instance;
  latencies.sort((a, b) => a - b);
  const non2xx = Object.entries(statuses).reduce((n, [s, c]) => (s.startsWith('2') ? n : n + c), 0);
  return {
    requests: latencies.length,
    rps: latencies.length / result.duration,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    p99: percentile(latencies, 0.99),
    max: latencies[latencies.length - 1] ?? NaN,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx,
    statuses,
    bytesPerResponse: latencies.length ? bytes / latencies.length : 0,
  };
}

/** One request first: a wrong setup (401, empty list) should stop the run, not produce numbers. Returns the list's length (or its total). */
async function smoke(s: Server, e: Endpoint, headersFor: HeadersFor): Promise<number | null> {
  const req = requestOf(e, headersFor);
  const res = await fetch(`${s.base}${req.path}`, { method: e.method, headers: req.headers, ...(req.body ? { body: req.body } : {}) });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${s.kind} ${e.label}: smoke request answered ${res.status}: ${text.slice(0, 300)}`);
  const body = JSON.parse(text) as Record<string, unknown>;
  const count = ['schools', 'staff', 'entries', 'pupils', 'rows', 'items'].map((k) => body[k]).find(Array.isArray)?.length;
  if (count === 0) throw new Error(`${s.kind} ${e.label}: smoke request returned an empty list`);
  return typeof body.total === 'number' ? body.total : (count ?? null);
}

async function measure(s: Server, e: Endpoint, headersFor: HeadersFor): Promise<Measurement> {
  const listed = await smoke(s, e, headersFor);
  if (opts.warmup > 0) await load(s.base, e, headersFor, opts.warmup);
  const cpu0 = cpuMs(s.child.pid);
  const m = await load(s.base, e, headersFor, opts.duration);
  const cpu1 = cpuMs(s.child.pid);
  const cpuMsPerRequest = cpu0 !== null && cpu1 !== null && m.requests > 0 ? (cpu1 - cpu0) / m.requests : null;
  const loadAfter = os.loadavg()[0]!;
  log(
    `  ${s.kind.padEnd(9)} ${e.label.padEnd(30)} ${m.rps.toFixed(0).padStart(6)} req/s  p50 ${fmtMs(m.p50)}  p95 ${fmtMs(m.p95)}  p99 ${fmtMs(m.p99)}` +
      `  cpu ${cpuMsPerRequest?.toFixed(2) ?? '–'} ms/req  non-2xx ${m.non2xx}  errors ${m.errors + m.timeouts}  load ${loadAfter.toFixed(1)}`,
  );
  return { ...m, cpuMsPerRequest, loadAfter, listed };
}

// ---------------------------------------------------------------- main

let db: BenchDatabase | null = null;
let sql: Sql | null = null;
let cleaningUp: Promise<void> | null = null;

function cleanup(): Promise<void> {
  cleaningUp ??= (async () => {
    for (const c of children) {
      if (c.exitCode === null) c.kill('SIGTERM');
    }
    await sql?.end({ timeout: 5 }).catch(() => {});
    await db?.stop().catch(() => {});
  })();
  return cleaningUp;
}

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    log(`\n${sig}: stopping servers and the database …`);
    void cleanup().finally(() => process.exit(130));
  });
}

/**
 * Both servers are started once; each endpoint is measured on the app and
 * then on the baseline, so slow drifts in background load hit both alike.
 * Only one of them is under load at any moment.
 */
async function runBoth(eps: Endpoint[], dbUrl: string, prep: Prepared): Promise<{ app: TargetRun; base: TargetRun; owner: TargetRun | null }> {
  const servers: Server[] = [];
  try {
    const app = await startServer('app', dbUrl, prep.fixture);
    servers.push(app);
    const owner = opts.rls ? await startServer('app-owner', dbUrl, prep.fixture) : null;
    if (owner) servers.push(owner);
    const base = await startServer('baseline', dbUrl, prep.fixture);
    servers.push(base);
    // Only the accounts the chosen endpoints run as.
    const needed = new Set(eps.flatMap((e) => [e.as, ...(e.targets ?? []).map((t) => t.as)]).filter((a): a is Account => a !== undefined));
    const cookies = new Map<Account, string>();
    for (const a of needed) {
      const account = prep.accounts.get(a) ?? fail(`no account ${a}`);
      cookies.set(a, await signInSession(app.base, account.email, account.secret));
    }
    const appHeaders = (t: Target): Record<string, string> => (t.as ? { cookie: cookies.get(t.as)! } : {});
    const baseHeaders = (t: Target): Record<string, string> => (t.user ? { 'x-bench-user': t.user } : {});
    const runs = new Map<Server, TargetRun>();
    for (const s of servers) runs.set(s, { results: new Map(), rssBefore: (await memoryOf(s)).rss, rssAfter: 0, heapAfter: 0, peak: null });
    for (const e of eps) {
      log(`\n${e.label}`);
      for (const s of servers) {
        // Both apps share the database, so the sessions signed in on the one open the other.
        runs.get(s)!.results.set(e.name, await measure(s, e, s.kind === 'baseline' ? baseHeaders : appHeaders));
      }
    }
    for (const s of servers) {
      const mem = await memoryOf(s);
      Object.assign(runs.get(s)!, { rssAfter: mem.rss, heapAfter: mem.heapUsed, peak: peakRss(s.child.pid) });
    }
    return { app: runs.get(app)!, base: runs.get(base)!, owner: owner ? runs.get(owner)! : null };
  } finally {
    for (const s of servers) await stopServer(s);
  }
}

async function main() {
  const t0 = Date.now();
  const loadBefore = os.loadavg()[0]!;
  if (loadBefore > os.availableParallelism() / 2) log(`note: the machine is busy (1-min load average ${loadBefore.toFixed(1)}); numbers will be noisy`);
  db = await openDatabase(log);
  sql = connect(db.url, { max: 2 });
  await migrate(sql);
  const { partnershipId } = await ensureSeeded(sql, opts.size, log);
  const prep = await prepare(sql, opts.size, partnershipId);
  let eps = endpoints(prep.fixture);
  if (values.only) {
    const wanted = values.only.split(',').map((s) => s.trim());
    const unknown = wanted.filter((w) => !eps.some((e) => e.name === w));
    if (unknown.length) throw new Error(`--only: unknown endpoint(s) ${unknown.join(', ')}; choose from ${eps.map((e) => e.name).join(', ')}`);
    eps = eps.filter((e) => wanted.includes(e.name));
  }
  log(`PostgreSQL ${prep.pgVersion}; ${prep.fixture.staffCount} staff, ${prep.fixture.auditRows} audit rows, ${prep.fixture.oppCount} OPPs; ${opts.connections} connections, ${opts.warmup}+${opts.duration} s per endpoint`);

  const { app, base, owner } = await runBoth(eps, db.url, prep);

  const [{ after }] = (await sql`select count(*)::int as after from audit_log where partnership_id = ${partnershipId}`) as unknown as [{ after: number }];
  const section = report(eps, app, base, owner, { ...opts, pgVersion: prep.pgVersion, embedded: db.embedded, fixture: prep.fixture, auditRowsAfter: after, loadBefore });
  log(`\n${section}`);
  if (opts.write) {
    const file = path.join(BENCH_DIR, 'RESULTS.md');
    const head = fs.existsSync(file) ? '' : '# Benchmark results\n\nOne section per run of `npm run bench`, newest last. See README.md for how to read them.\n\n';
    fs.appendFileSync(file, `${head}${section}\n`);
    log(`appended to bench/RESULTS.md`);
  }
  log(`done in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

main()
  .then(() => cleanup())
  .then(() => process.exit(0))
  .catch(async (e) => {
    process.stderr.write(`\nbench failed: ${(e as Error).stack ?? e}\n`);
    await cleanup();
    process.exit(1);
  });
/**
 * The Leerrecht benchmark: the real app against a bare node:http + postgres
 * baseline doing the same SQL, endpoint by endpoint, with autocannon, on one
 * seeded database. See bench/README.md.
 *
 *   npm run bench -- [--duration 10] [--warmup 2] [--connections 50]
 *                    [--only sign-in,schools,staff,audit,audit-actor]
 *                    [--schools 40] [--pupils 40000] [--audit-rows 200000] [--no-write]
 */
import autocannon, { type Request as LoadRequest } from 'autocannon';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { connect, type Sql } from '../src/db/index.ts';
import { migrate } from '../src/db/migrate.ts';
import { currentTotp, newTotpSecret } from '../src/platform/auth/totp.ts';
import { BENCH_DIR, BENCH_PASSWORD, benchIdentity, ensureSeeded, openDatabase, sizeFrom, sizeOptions, type BenchDatabase, type BenchSize } from './seed.ts';

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
};

// ---------------------------------------------------------------- endpoints

type Account = 'admin' | 'privacy';
interface Endpoint {
  name: string;
  label: string;
  method: 'GET' | 'POST';
  path: string;
  /** Signed-in staff member the app request runs as; the baseline needs none. */
  as?: Account;
  /** A fresh body per request (sign-in rotates over accounts). */
  body?: () => string;
}

interface Fixture {
  partnershipId: string;
  signInEmails: string[];
  actorId: string;
  /** The privacy officer: reads the audit log in the app, and is the baseline's recorded reader. */
  readerId: string;
  staffCount: number;
  auditRows: number;
}

function endpoints(f: Fixture): Endpoint[] {
  let i = 0;
  return [
    {
      name: 'sign-in',
      label: 'POST /api/auth/sign-in',
      method: 'POST',
      path: '/api/auth/sign-in',
      body: () => JSON.stringify({ email: f.signInEmails[i++ % f.signInEmails.length], password: BENCH_PASSWORD }),
    },
    { name: 'schools', label: 'GET /api/schools', method: 'GET', path: '/api/schools', as: 'admin' },
    { name: 'staff', label: 'GET /api/staff?page=1', method: 'GET', path: '/api/staff?page=1', as: 'admin' },
    { name: 'audit', label: 'GET /api/audit-log?page=1', method: 'GET', path: '/api/audit-log?page=1', as: 'privacy' },
    { name: 'audit-actor', label: 'GET /api/audit-log?actorId=…', method: 'GET', path: `/api/audit-log?page=1&actorId=${f.actorId}`, as: 'privacy' },
  ];
}

// ---------------------------------------------------------------- servers

interface Server {
  kind: 'app' | 'baseline';
  child: ChildProcess;
  port: number;
  base: string;
}

const children = new Set<ChildProcess>();

async function startServer(kind: Server['kind'], dbUrl: string, f: Fixture): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(BENCH_DIR, 'server.ts'), kind], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, BENCH_DATABASE_URL: dbUrl, BENCH_PARTNERSHIP_ID: f.partnershipId, BENCH_READER_ID: f.readerId },
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${kind} server did not start within 60 s`)), 60_000);
    child.once('exit', (code) => reject(new Error(`${kind} server exited with code ${code} before it was ready`)));
    child.on('message', (m: { type: string; port?: number }) => {
      if (m.type === 'ready') {
        clearTimeout(timer);
        resolve(m.port!);
      }
    });
  });
  return { kind, child, port, base: `http://127.0.0.1:${port}` };
}

function memoryOf(s: Server): Promise<NodeJS.MemoryUsage> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no memory answer')), 5000);
    const onMessage = (m: { type: string; mem?: NodeJS.MemoryUsage }) => {
      if (m.type !== 'mem') return;
      clearTimeout(timer);
      s.child.off('message', onMessage);
      resolve(m.mem!);
    };
    s.child.on('message', onMessage);
    s.child.send({ type: 'mem' });
  });
}

/** Peak resident set of the process over its life (Linux). */
function peakRss(pid: number | undefined): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** User + system CPU time of the process and all its threads, in ms (Linux; null elsewhere). */
function cpuMs(pid: number | undefined): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the command: state is field 3, so utime (14) and stime (15) are at 11 and 12.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}
const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

async function stopServer(s: Server) {
  if (s.child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => s.child.once('exit', () => resolve()));
  s.child.send({ type: 'stop' });
  const timer = setTimeout(() => s.child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

// ---------------------------------------------------------------- sign-in through the API

/** The browser journey: password, then the session's CSRF token, then the TOTP code. Returns the cookie header. */
async function signInSession(base: string, email: string, totpSecret: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: BENCH_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${email} failed: ${res.status} ${await res.text()}`);
  const token = /lr_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  if (!token) throw new Error(`sign-in of ${email} set no session cookie`);
  const cookie = `lr_session=${token}`;
  const { next } = (await res.json()) as { next: string };
  if (next === 'mfa') {
    const session = (await (await fetch(`${base}/api/auth/session`, { headers: { cookie } })).json()) as { csrfToken: string };
    const v = await fetch(`${base}/api/auth/mfa/verify`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({ code: currentTotp(totpSecret) }),
    });
    if (v.status !== 200) throw new Error(`second factor of ${email} failed: ${v.status} ${await v.text()}`);
  }
  return cookie;
}

// ---------------------------------------------------------------- measuring

interface Measurement {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statuses: Record<string, number>;
  bytesPerResponse: number;
  /** CPU time the server process spent per response during the measured run. */
  cpuMsPerRequest: number | null;
  /** 1-minute load average after the run: other work on the machine shows up here. */
  loadAfter: number;
}

function requestOf(e: Endpoint, headers: Record<string, string>): LoadRequest {
  const body = e.body;
  return {
    method: e.method,
    path: e.path,
    headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: body(), setupRequest: (r: LoadRequest) => ({ ...r, body: body() }) } : {}),
  };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

async function load(base: string, e: Endpoint, headers: Record<string, string>, seconds: number) {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let bytes = 0;
  const instance = autocannon({
    url: base,
    connections: opts.connections,
    duration: seconds,
    requests: [requestOf(e, headers)],
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

/** One request first: a wrong setup (401, empty list) should stop the run, not produce numbers. */
async function smoke(s: Server, e: Endpoint, headers: Record<string, string>) {
  const req = requestOf(e, headers);
  const res = await fetch(`${s.base}${e.path}`, { method: e.method, headers: req.headers, ...(req.body ? { body: req.body } : {}) });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${s.kind} ${e.label}: smoke request answered ${res.status}: ${text.slice(0, 300)}`);
  const body = JSON.parse(text) as Record<string, unknown>;
  const count = ['schools', 'staff', 'entries'].map((k) => body[k]).find(Array.isArray)?.length;
  if (count === 0) throw new Error(`${s.kind} ${e.label}: smoke request returned an empty list`);
}

async function measure(s: Server, e: Endpoint, headers: Record<string, string>): Promise<Measurement> {
  await smoke(s, e, headers);
  if (opts.warmup > 0) await load(s.base, e, headers, opts.warmup);
  const cpu0 = cpuMs(s.child.pid);
  const m = await load(s.base, e, headers, opts.duration);
  const cpu1 = cpuMs(s.child.pid);
  const cpuMsPerRequest = cpu0 !== null && cpu1 !== null && m.requests > 0 ? (cpu1 - cpu0) / m.requests : null;
  const loadAfter = os.loadavg()[0]!;
  log(
    `  ${s.kind.padEnd(8)} ${e.label.padEnd(30)} ${m.rps.toFixed(0).padStart(6)} req/s  p50 ${fmtMs(m.p50)}  p95 ${fmtMs(m.p95)}  p99 ${fmtMs(m.p99)}` +
      `  cpu ${cpuMsPerRequest?.toFixed(2) ?? '–'} ms/req  non-2xx ${m.non2xx}  errors ${m.errors + m.timeouts}  load ${loadAfter.toFixed(1)}`,
  );
  return { ...m, cpuMsPerRequest, loadAfter };
}

// ---------------------------------------------------------------- setup on the database

async function prepare(sql: Sql, size: BenchSize, partnershipId: string) {
  const { domain } = benchIdentity(size);
  const secrets = { admin: newTotpSecret(), privacy: newTotpSecret() };
  const accounts = { admin: `beheer@${domain}`, privacy: `privacy@${domain}` };
  // Seeded accounts have no second factor yet; the bench gives its two staff members one.
  for (const a of ['admin', 'privacy'] as const) {
    await sql`update users set totp_secret = ${secrets[a]}, totp_enabled_at = now(), failed_attempts = 0, locked_until = null
              where lower(email) = ${accounts[a]}`;
  }
  // Sign-in load rotates over 200 mentor accounts (one account would serialise on its row lock).
  const mentors = await sql<{ email: string }[]>`
    select email from users where partnership_id = ${partnershipId} and email like 'mentor.%' order by email limit 200`;
  await sql`update users set failed_attempts = 0, locked_until = null where email in ${sql(mentors.map((m) => m.email))}`;
  const [actor] = await sql<{ id: string }[]>`select id from users where lower(email) = ${`oco.s1@${domain}`}`;
  const [reader] = await sql<{ id: string }[]>`select id from users where lower(email) = ${accounts.privacy}`;
  const [{ staff }] = (await sql`select count(*)::int as staff from users where partnership_id = ${partnershipId}`) as unknown as [{ staff: number }];
  const [{ rows }] = (await sql`select count(*)::int as rows from audit_log where partnership_id = ${partnershipId}`) as unknown as [{ rows: number }];
  const [{ version }] = (await sql`select current_setting('server_version') as version`) as unknown as [{ version: string }];
  return {
    fixture: { partnershipId, signInEmails: mentors.map((m) => m.email), actorId: actor!.id, readerId: reader!.id, staffCount: staff, auditRows: rows } satisfies Fixture,
    accounts,
    secrets,
    pgVersion: version,
  };
}

// ---------------------------------------------------------------- report

const fmtMs = (ms: number) => (Number.isFinite(ms) ? (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1)) : '–');
const fmtRatio = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '–');
const mib = (b: number | null) => (b === null ? '–' : `${(b / 1024 / 1024).toFixed(0)} MiB`);
const fmtCpu = (m: Measurement) => (m.cpuMsPerRequest === null ? '–' : m.cpuMsPerRequest.toFixed(2));
const fails = (m: Measurement) => `${m.non2xx}/${m.errors + m.timeouts}`;

interface TargetRun {
  results: Map<string, Measurement>;
  rssBefore: number;
  rssAfter: number;
  heapAfter: number;
  peak: number | null;
}

function machine() {
  const cpuinfo = fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown';
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: BENCH_DIR, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    /* not a git checkout */
  }
  return { cores: os.availableParallelism(), memGiB: os.totalmem() / 1024 ** 3, model, commit };
}

function report(eps: Endpoint[], app: TargetRun, base: TargetRun, info: { pgVersion: string; embedded: boolean; fixture: Fixture; auditRowsAfter: number; loadBefore: number }) {
  const m = machine();
  const lines: string[] = [];
  const now = new Date();
  lines.push(`## ${now.toISOString().slice(0, 16).replace('T', ' ')} UTC`, '');
  lines.push(`- Machine: ${m.cores} cores (nproc), ${m.memGiB.toFixed(1)} GiB RAM, ${m.model}`);
  lines.push(`- Node ${process.version}, PostgreSQL ${info.pgVersion} (${info.embedded ? 'embedded, bench/.data' : 'DATABASE_URL'}), commit ${m.commit}`);
  lines.push(
    `- Seed: ${opts.size.schools} schools, ${opts.size.pupils.toLocaleString('en')} pupils, ${info.fixture.staffCount} staff accounts, ` +
      `${opts.size.auditRows.toLocaleString('en')} seeded audit rows (${info.fixture.auditRows.toLocaleString('en')} at start, ${info.auditRowsAfter.toLocaleString('en')} at end)`,
  );
  lines.push(`- Load: autocannon, ${opts.connections} connections over loopback, ${opts.warmup} s warm-up + ${opts.duration} s measured per endpoint; per endpoint the app first, then the baseline, never at once; pool of 10 connections each`);
  const loads = eps.flatMap((e) => [app.results.get(e.name)!.loadAfter, base.results.get(e.name)!.loadAfter]);
  lines.push(`- Background: 1-min load average ${info.loadBefore.toFixed(1)} before the run, ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} during it (the bench itself adds ~2-3 on this machine)`);
  lines.push('');
  lines.push('| Endpoint | App req/s | Base req/s | Thr. app/base | App p50 / p95 / p99 (ms) | Base p50 / p95 / p99 (ms) | p99 app/base | Server CPU ms/req app / base | App non-2xx/err | Base non-2xx/err |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const e of eps) {
    const a = app.results.get(e.name)!;
    const b = base.results.get(e.name)!;
    lines.push(
      `| \`${e.label}\` | ${a.rps.toFixed(0)} | ${b.rps.toFixed(0)} | ${fmtRatio(a.rps / b.rps)} | ${fmtMs(a.p50)} / ${fmtMs(a.p95)} / ${fmtMs(a.p99)} | ` +
        `${fmtMs(b.p50)} / ${fmtMs(b.p95)} / ${fmtMs(b.p99)} | ${fmtRatio(a.p99 / b.p99)} | ${fmtCpu(a)} / ${fmtCpu(b)} | ${fails(a)} | ${fails(b)} |`,
    );
  }
  lines.push('');
  lines.push('| Server memory (RSS) | Before | After | Peak | Heap used after |');
  lines.push('|---|---:|---:|---:|---:|');
  for (const [name, t] of [['App', app], ['Baseline', base]] as const) {
    lines.push(`| ${name} | ${mib(t.rssBefore)} | ${mib(t.rssAfter)} | ${mib(t.peak)} | ${mib(t.heapAfter)} |`);
  }
  lines.push('');
  lines.push(
    `Response sizes (bytes incl. headers, app / baseline): ` +
      eps.map((e) => `${e.name} ${app.results.get(e.name)!.bytesPerResponse.toFixed(0)} / ${base.results.get(e.name)!.bytesPerResponse.toFixed(0)}`).join('; ') +
      '.',
  );
  lines.push('');
  return lines.join('\n');
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
async function runBoth(eps: Endpoint[], dbUrl: string, prep: Awaited<ReturnType<typeof prepare>>): Promise<{ app: TargetRun; base: TargetRun }> {
  const servers: Server[] = [];
  try {
    const app = await startServer('app', dbUrl, prep.fixture);
    servers.push(app);
    const base = await startServer('baseline', dbUrl, prep.fixture);
    servers.push(base);
    const cookies: Partial<Record<Account, string>> = {};
    for (const a of ['admin', 'privacy'] as const) cookies[a] = await signInSession(app.base, prep.accounts[a], prep.secrets[a]);
    const runs = new Map<Server, TargetRun>();
    for (const s of servers) runs.set(s, { results: new Map(), rssBefore: (await memoryOf(s)).rss, rssAfter: 0, heapAfter: 0, peak: null });
    for (const e of eps) {
      log(`\n${e.label}`);
      for (const s of servers) {
        const headers: Record<string, string> = s.kind === 'app' && e.as ? { cookie: cookies[e.as]! } : {};
        runs.get(s)!.results.set(e.name, await measure(s, e, headers));
      }
    }
    for (const s of servers) {
      const mem = await memoryOf(s);
      Object.assign(runs.get(s)!, { rssAfter: mem.rss, heapAfter: mem.heapUsed, peak: peakRss(s.child.pid) });
    }
    return { app: runs.get(app)!, base: runs.get(base)! };
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
  log(`PostgreSQL ${prep.pgVersion}; ${prep.fixture.staffCount} staff, ${prep.fixture.auditRows} audit rows; ${opts.connections} connections, ${opts.warmup}+${opts.duration} s per endpoint`);

  const { app, base } = await runBoth(eps, db.url, prep);

  const [{ after }] = (await sql`select count(*)::int as after from audit_log where partnership_id = ${partnershipId}`) as unknown as [{ after: number }];
  const section = report(eps, app, base, { pgVersion: prep.pgVersion, embedded: db.embedded, fixture: prep.fixture, auditRowsAfter: after, loadBefore });
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

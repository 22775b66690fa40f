/**
 * The section bench/run.ts appends to bench/RESULTS.md: machine, seed, load,
 * then per endpoint app vs baseline. See bench/README.md, "Reading the results".
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import type { Endpoint, Fixture } from './endpoints.ts';
import { BENCH_DIR, type BenchSize } from './seed.ts';

export interface Measurement {
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
  /** The smoke request's list length, or the total it reported. */
  listed: number | null;
}

export const fmtMs = (ms: number) => (Number.isFinite(ms) ? (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1)) : '–');
const fmtRatio = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '–');
const mib = (b: number | null) => (b === null ? '–' : `${(b / 1024 / 1024).toFixed(0)} MiB`);
const fmtCpu = (m: Measurement) => (m.cpuMsPerRequest === null ? '–' : m.cpuMsPerRequest.toFixed(2));
const fails = (m: Measurement) => `${m.non2xx}/${m.errors + m.timeouts}`;

export interface TargetRun {
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

export interface RunInfo {
  size: BenchSize;
  connections: number;
  warmup: number;
  duration: number;
  pgVersion: string;
  embedded: boolean;
  fixture: Fixture;
  auditRowsAfter: number;
  loadBefore: number;
}

export function report(eps: Endpoint[], app: TargetRun, base: TargetRun, owner: TargetRun | null, info: RunInfo) {
  const opts = info;
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
  const f = info.fixture;
  const LOKET = ['queue', 'queue-review', 'tlvs', 'tlvs-soon'];
  const WORK = ['work-oco', 'work-consultant'];
  if (eps.some((e) => e.targets && !LOKET.includes(e.name) && !WORK.includes(e.name))) {
    lines.push(
      `- Dossier and OPP endpoints: ${f.oppCount.toLocaleString('en')} OPPs in the partnership; as the OCO of one school, rotating over ${f.pupilIds.length} of its pupils ` +
        `(${f.pupilsWithDossier} with a dossier), ${f.searchTerms.length} three-letter search terms and ${f.oppIds.length} of its OPPs; ` +
        `klassenscan of ${f.scans.length} classes (${Math.min(...f.scans.map((s) => s.pupils))}–${Math.max(...f.scans.map((s) => s.pupils))} pupils), each by its own mentor`,
    );
  }
  if (eps.some((e) => LOKET.includes(e.name))) {
    const l = f.loket;
    lines.push(
      `- Loket endpoints: ${l.tlvs.toLocaleString('en')} TLVs (${l.endsSoon} ending within 6 months), ${l.arrangements.toLocaleString('en')} arrangements, ` +
        `${l.open} open requests (${l.inReview} in review); the queue as the consultant, the TLV register as the director`,
    );
  }
  if (eps.some((e) => WORK.includes(e.name))) {
    const items = (name: string) => app.results.get(name)?.listed?.toLocaleString('en') ?? '–';
    lines.push(
      `- Start page (GET /api/work): as the OCO of one school (${f.oco.email.split('@')[0]}, ${items('work-oco')} items) and as the consultant who holds the seeded requests ` +
        `(${f.loket.consultantEmail.split('@')[0]}, ${items('work-consultant')} items); 50 shown at most, one work.list audit row per shown item naming a pupil`,
    );
  }
  lines.push(`- Load: autocannon, ${opts.connections} connections over loopback, ${opts.warmup} s warm-up + ${opts.duration} s measured per endpoint; per endpoint the app first, ${owner ? 'then the app on the owner connection (no row-level security), ' : ''}then the baseline, never at once; pool of 10 connections each`);
  const loads = eps.flatMap((e) => [app, base, ...(owner ? [owner] : [])].map((t) => t.results.get(e.name)!.loadAfter));
  lines.push(`- Background: 1-min load average ${info.loadBefore.toFixed(1)} before the run, ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} during it (the bench itself adds ~2-3 on this machine)`);
  lines.push('');
  /** One row per endpoint; the first column is the endpoint, the others right-aligned numbers. */
  const table = (head: string[], row: (e: Endpoint) => string[]) => {
    lines.push(`| ${head.join(' | ')} |`, `|---${'|---:'.repeat(head.length - 1)}|`);
    for (const e of eps) lines.push(`| \`${e.label}\` | ${row(e).join(' | ')} |`);
    lines.push('');
  };
  const at = (t: TargetRun, e: Endpoint) => t.results.get(e.name)!;
  const p3 = (m: Measurement) => `${fmtMs(m.p50)} / ${fmtMs(m.p95)} / ${fmtMs(m.p99)}`;
  table(
    ['Endpoint', 'App req/s', 'Base req/s', 'Thr. app/base', 'App p50 / p95 / p99 (ms)', 'Base p50 / p95 / p99 (ms)', 'p95 app/base', 'p99 app/base', 'Server CPU ms/req app / base', 'App non-2xx/err', 'Base non-2xx/err'],
    (e) => {
      const [a, b] = [at(app, e), at(base, e)];
      return [a.rps.toFixed(0), b.rps.toFixed(0), fmtRatio(a.rps / b.rps), p3(a), p3(b), fmtRatio(a.p95 / b.p95), fmtRatio(a.p99 / b.p99), `${fmtCpu(a)} / ${fmtCpu(b)}`, fails(a), fails(b)];
    },
  );
  if (owner) {
    lines.push('Row-level security (docs/decisions/0009-row-level-security.md): the app as leerrecht_app, under the policies, against the same app whose');
    lines.push('tenant pool logs in as the owner, which bypasses them; both reserve a connection and set the tenant per request.', '');
    table(['Endpoint', 'App req/s', 'Owner req/s', 'Thr. app/owner', 'App p99 / owner p99 (ms)', 'Server CPU ms/req app / owner', 'Owner non-2xx/err'], (e) => {
      const [a, o] = [at(app, e), at(owner, e)];
      return [a.rps.toFixed(0), o.rps.toFixed(0), fmtRatio(a.rps / o.rps), `${fmtMs(a.p99)} / ${fmtMs(o.p99)}`, `${fmtCpu(a)} / ${fmtCpu(o)}`, fails(o)];
    });
  }
  lines.push('| Server memory (RSS) | Before | After | Peak | Heap used after |');
  lines.push('|---|---:|---:|---:|---:|');
  for (const [name, t] of [['App', app], ...(owner ? [['App on owner', owner] as const] : []), ['Baseline', base]] as const) {
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

/**
 * Pupil import at scale: one EDEXML 2.1 file of 40,000 pupils (1,600 classes
 * of 25) through the real import (XSD validation, parse, diff, preview, apply
 * in one transaction with audit rows), against a raw bulk insert of the same
 * rows with the bare `postgres` driver (no validation, no diff, no audit).
 *
 *   npx tsx bench/import.ts [--pupils 40000] [--no-write]
 *
 * Database as bench/seed.ts: DATABASE_URL (loopback only) or the embedded
 * PostgreSQL 17 on bench/.data. Each run makes its own partnership and
 * schools, so runs never meet. Appends a section to bench/RESULTS.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { connect, transaction, type Sql } from '../src/db/index.ts';
import { migrate } from '../src/db/migrate.ts';
import { requestApply, runApply } from '../src/features/pupil-import/apply.ts';
import { runImport } from '../src/features/pupil-import/commands.ts';
import { parseEdexml, toEdexml, validateEdexml, type EdexmlGroup, type EdexmlPupil } from '../src/features/pupil-import/edexml.ts';
import { createTenantScope } from '../src/platform/access/principal.ts';
import type { StaffContext } from '../src/platform/http/context.ts';
import { schoolYearOf } from '../src/platform/time.ts';
import { BENCH_DIR, openDatabase } from './seed.ts';
import * as rows from '../src/seed/factories/index.ts';

const { values } = parseArgs({ options: { pupils: { type: 'string' }, 'no-write': { type: 'boolean' } }, strict: true });
const PUPILS = Number(values.pupils ?? 40_000);
const log = (line: string) => process.stdout.write(`${line}\n`);

/** Deterministic names and dates (no Math.random): the same file every run. */
function makeFile(n: number) {
  const first = ['Emma', 'Noah', 'Julia', 'Liam', 'Mila', 'Luca', 'Sara', 'Daan', 'Tess', 'Sem', 'Zoë', 'Mohammed', 'Yara', 'Finn', 'Nora'];
  const last = ['de Jong', 'Jansen', 'de Vries', 'van den Berg', 'Bakker', 'Visser', 'Smit', 'Meijer', 'El Amrani', 'Yılmaz', 'Mulder', 'Bos'];
  const groups: EdexmlGroup[] = [];
  const classes = Math.ceil(n / 25);
  for (let g = 0; g < classes; g++) groups.push({ key: `G${g}`, name: `${(g % 6) + 1}${String.fromCharCode(65 + (Math.floor(g / 6) % 26))}${Math.floor(g / 156) || ''}`, jaargroep: String(11 + (g % 6)) });
  const pupils: EdexmlPupil[] = [];
  for (let i = 0; i < n; i++) {
    const [prefix, lastName] = last[i % last.length]!.includes(' ') ? [last[i % last.length]!.split(' ').slice(0, -1).join(' '), last[i % last.length]!.split(' ').at(-1)!] : ['', last[i % last.length]!];
    pupils.push({
      key: String(100000 + i),
      eckId: i % 2 === 0 ? `https://id.school/LL_${(i * 7919).toString(36)}${i}` : null,
      firstName: first[(i * 7) % first.length]!,
      prefix,
      lastName,
      birthDate: `20${String(8 + (i % 8)).padStart(2, '0')}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
      groupKey: `G${Math.floor(i / 25)}`,
      bsn: i % 3 === 0 ? String(100000000 + i * 13) : null,
    });
  }
  return { xml: toEdexml({ schoolYear: schoolYearOf(new Date()), groups, pupils }), groups, pupils };
}

async function world(sql: Sql) {
  const tag = randomUUID().slice(0, 8);
  const p = await rows.partnership(sql, { name: `Bench import ${tag}`, registration_number: `BI-${tag}` });
  const b = await rows.board(sql, { partnership_id: p.id, name: `Bestuur ${tag}`, board_number: '10001' });
  const school = async (brin: string) => (await rows.school(sql, { partnership_id: p.id, board_id: b.id, name: `School ${brin} ${tag}`, brin, levels: ['havo'] })).id;
  const letters = () => String.fromCharCode(65 + Math.floor(Math.random() * 26)) + String.fromCharCode(65 + Math.floor(Math.random() * 26));
  const appSchool = await school(`${10 + Math.floor(Math.random() * 89)}${letters()}`);
  const rawSchool = await school(`${10 + Math.floor(Math.random() * 89)}${letters()}`);
  const u = await rows.user(sql, { partnership_id: p.id, email: `oco-${tag}@bench.leerrecht.test`, name: 'OCO Bench' });
  return { partnershipId: p.id, appSchool, rawSchool, userId: u.id };
}

const ms = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e6;
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);

async function main() {
  const db = await openDatabase(log);
  const sql = connect(db.url, { max: 4 });
  try {
    await migrate(sql);
    const w = await world(sql);
    const ctx: StaffContext = {
      sql,
      publicUrl: 'http://127.0.0.1',
      actor: { partnershipId: w.partnershipId, userId: w.userId, ip: '127.0.0.1', userAgent: 'bench' },
      principal: { userId: w.userId, name: 'OCO Bench', email: 'oco@bench', scope: createTenantScope(w.partnershipId), roles: [{ role: 'oco', schoolId: w.appSchool }], classIds: [] },
      scope: createTenantScope(w.partnershipId),
    };
    let t = process.hrtime.bigint();
    const file = makeFile(PUPILS);
    const bytes = Buffer.from(file.xml);
    log(`file: ${PUPILS} pupils, ${file.groups.length} classes, ${(bytes.length / 1024 / 1024).toFixed(1)} MiB (made in ${ms(t).toFixed(0)} ms)`);

    // Phases on their own (no database): XSD validation, then validation + parse + mapping.
    await validateEdexml(Buffer.from(makeFile(1).xml)); // warm: wasm and schema load once per process
    t = process.hrtime.bigint();
    const issues = await validateEdexml(bytes);
    const validateMs = ms(t);
    if (issues.length) throw new Error(`bench file invalid: ${JSON.stringify(issues[0])}`);
    t = process.hrtime.bigint();
    const parsed = await parseEdexml(bytes);
    const parseMs = ms(t);
    if (!parsed.ok) throw new Error('bench file refused');

    const job = async () =>
      (await rows.importJob(sql, { partnership_id: w.partnershipId, school_id: w.appSchool, format: 'edexml', filename: 'bench.xml', file_sha256: 'bench', file_content: bytes, created_by: w.userId })).id;
    /** The request (no leavers here, so no confirmation), then the background job's work, as the app runs them. */
    const apply = async (id: string) => {
      await requestApply(ctx, id, undefined, async () => {});
      const counts = await runApply(sql, id);
      if (!counts) throw new Error('apply refused');
      return counts;
    };
    // 1. First import: everything new.
    const id1 = await job();
    t = process.hrtime.bigint();
    await runImport(sql, id1);
    const previewMs = ms(t);
    t = process.hrtime.bigint();
    const applied = await apply(id1);
    const applyMs = ms(t);
    if (applied.newPupils !== PUPILS) throw new Error(`expected ${PUPILS} new pupils, got ${JSON.stringify(applied)}`);
    // 2. The same file again: nothing to change.
    const id2 = await job();
    t = process.hrtime.bigint();
    await runImport(sql, id2);
    const rePreviewMs = ms(t);
    t = process.hrtime.bigint();
    const again = await apply(id2);
    const reApplyMs = ms(t);
    const changes = again.newPupils + again.classChanges + again.leavers + again.updated;
    if (changes !== 0) throw new Error(`re-import changed ${changes}`);

    // Baseline: the same rows (already parsed) into the other school with plain multi-row inserts, one transaction.
    // Raw SQL on purpose, not the row builders: this is the floor the importer is measured against.
    const year = schoolYearOf(new Date());
    t = process.hrtime.bigint();
    await transaction(sql, async (tx) => {
      const classIds = new Map<string, string>();
      for (let i = 0; i < parsed.classes.length; i += 5000) {
        const rows = parsed.classes.slice(i, i + 5000).map((c) => ({ partnership_id: w.partnershipId, school_id: w.rawSchool, name: c.name, school_year: year, level: c.level, year_group: c.yearGroup }));
        for (const r of await tx<{ id: string; name: string }[]>`insert into classes ${tx(rows)} returning id, name`) classIds.set(r.name, r.id);
      }
      for (let i = 0; i < parsed.records.length; i += 5000) {
        const chunk = parsed.records.slice(i, i + 5000);
        const rows = chunk.map((r) => ({
          partnership_id: w.partnershipId, school_id: w.rawSchool, student_number: r.studentNumber, first_name: r.firstName, name_prefix: r.prefix,
          last_name: r.lastName, birth_date: r.birthDate, eck_id: r.eckId ? `raw:${r.eckId}` : null, bsn: r.bsn, source_key: r.key,
        }));
        const made = await tx<{ id: string }[]>`insert into pupils ${tx(rows)} returning id`;
        const enrol = made.map((p, k) => ({ partnership_id: w.partnershipId, pupil_id: p.id, school_id: w.rawSchool, class_id: classIds.get(chunk[k]!.className ?? '') ?? null, start_date: '2026-08-17' }));
        await tx`insert into enrolments ${tx(enrol)}`;
      }
    });
    const rawMs = ms(t);

    const total = previewMs + applyMs;
    const [{ version }] = (await sql`select current_setting('server_version') as version`) as unknown as [{ version: string }];
    const commit = (() => { try { return execSync('git rev-parse --short HEAD', { cwd: BENCH_DIR }).toString().trim(); } catch { return '?'; } })();
    const f = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
    const lines = [
      '',
      `## Import ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC (bench/import.ts)`,
      '',
      `- Machine: ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM; Node ${process.version}; PostgreSQL ${version} (${db.embedded ? 'embedded, bench/.data' : 'DATABASE_URL'}); commit ${commit}; 1-min load average at the end ${os.loadavg()[0]!.toFixed(1)}`,
      `- File: EDEXML 2.1, ${PUPILS.toLocaleString('en')} pupils in ${file.groups.length.toLocaleString('en')} classes of one school, ${(bytes.length / 2 ** 20).toFixed(1)} MiB; half with an ECK iD, a third with a BSN`,
      '',
      '| Step | ms |',
      '|---|---:|',
      `| XSD validation alone (xmllint-wasm) | ${f(validateMs)} |`,
      `| Validation + parse + map (fast-xml-parser) | ${f(parseMs)} |`,
      `| Background job: validate, parse, diff, store preview | ${f(previewMs)} |`,
      `| Apply (one transaction: ${applied.newClasses} classes, ${applied.newPupils} pupils + enrolments, ${applied.newPupils + 1} audit rows) | ${f(applyMs)} |`,
      `| **Import total (job + apply)** | **${f(total)}** |`,
      `| Re-import of the same file: job (0 changes) | ${f(rePreviewMs)} |`,
      `| Re-import: apply (nothing to do) | ${f(reApplyMs)} |`,
      `| Baseline: raw bulk insert of the same rows (multi-row inserts of 5,000, one transaction) | ${f(rawMs)} |`,
      '',
      `Ratio import total / raw bulk insert: **${(total / rawMs).toFixed(1)}×** (apply alone / raw: ${(applyMs / rawMs).toFixed(1)}×). Peak RSS of the bench process: ${(peakRss / 2 ** 20).toFixed(0)} MiB.`,
    ];
    log(lines.join('\n'));
    if (!values['no-write']) fs.appendFileSync(path.join(BENCH_DIR, 'RESULTS.md'), `${lines.join('\n')}\n`);
  } finally {
    clearInterval(sampler);
    await sql.end({ timeout: 5 });
    await db.stop();
  }
}

main().catch((e) => {
  process.stderr.write(`bench import failed: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});

import { createHash } from 'node:crypto';
import { transaction, type Db, type Sql, type Tx } from '../../db/index.ts';
import { audit, auditMany, type AuditEvent } from '../../platform/audit.ts';
import { fail, fieldError } from '../../platform/errors.ts';
import type { StaffContext } from '../../platform/http/context.ts';
import { schoolYearOf, today } from '../../platform/time.ts';
import { parseCsv } from './csv.ts';
import { computePlan, loadSchoolState, previewOf, type Plan } from './diff.ts';
import { parseEdexml } from './edexml.ts';
import { importPolicy } from './policy.ts';
import type { ImportClass, ImportIssue, ImportRecord, ParseResult } from './records.ts';
import { CsvMapping, type importFormats, type Preview } from './schema.ts';

export const IMPORT_JOB = 'pupil-import.parse';

/** The school, if it is in the caller's partnership (else 404), after the policy check (else 403). */
export async function schoolFor(db: Db, ctx: StaffContext, schoolId: string, action: 'list' | 'create' | 'editMapping') {
  const [school] = await db<{ id: string }[]>`select id from schools where id = ${schoolId} and partnership_id = ${ctx.scope.partnershipId}`;
  if (!school) fail('NOT_FOUND');
  importPolicy.authorize(ctx.principal, action, { schoolId });
  return school!;
}

export async function createImport(
  ctx: StaffContext,
  schoolId: string,
  file: { filename: string; bytes: Buffer; format: (typeof importFormats)[number] },
  send: (jobId: string) => Promise<void>,
) {
  const job = await transaction(ctx.sql, async (tx) => {
    await schoolFor(tx, ctx, schoolId, 'create');
    if (file.bytes.length === 0) fieldError('file', 'Het bestand is leeg.');
    if (file.format === 'csv') {
      const [m] = await tx`select 1 from import_csv_mappings where school_id = ${schoolId}`;
      if (!m) fieldError('format', 'Stel eerst de kolomindeling voor CSV-bestanden in.');
    }
    const sha256 = createHash('sha256').update(file.bytes).digest('hex');
    const [row] = await tx<{ id: string }[]>`
      insert into import_jobs (partnership_id, school_id, format, filename, file_sha256, file_content, created_by)
      values (${ctx.scope.partnershipId}, ${schoolId}, ${file.format}, ${file.filename.slice(0, 200)}, ${sha256}, ${file.bytes}, ${ctx.principal.userId})
      returning id`;
    // The file name may hold a pupil's name; the hash identifies the file.
    await audit(tx, ctx.actor, { action: 'pupil_import.create', entityType: 'import_job', entityId: row!.id, schoolId, details: { format: file.format, bytes: file.bytes.length, sha256 } });
    return row!;
  });
  await send(job.id);
  return { id: job.id };
}

/** Rows between progress writes: a 40,000-pupil file moves the bar ~20 times, not 40,000. */
async function setProgress(sql: Sql, jobId: string, done: number, total: number) {
  await sql`update import_jobs set progress = ${done}, total = ${total} where id = ${jobId} and status = 'parsing'`;
}

/**
 * The background job: validate and parse the file, compare it with the
 * school, store the preview. Nothing of the school changes here. The file
 * itself (with any BSN in it) is wiped once read.
 */
export async function runImport(sql: Sql, jobId: string): Promise<void> {
  const [job] = await sql<{ id: string; partnershipId: string; schoolId: string; format: 'edexml' | 'csv'; file: Buffer | null }[]>`
    update import_jobs set status = 'parsing', progress = 0, total = 0
    where id = ${jobId} and status in ('queued', 'parsing')
    returning id, partnership_id as "partnershipId", school_id as "schoolId", format, file_content as file`;
  // Cancelled, or already done by an earlier attempt.
  if (!job || !job.file) return;
  const refuse = (errors: ImportIssue[]) =>
    sql`update import_jobs set status = 'failed', errors = ${sql.json(errors as never)}, file_content = null, records = null
        where id = ${jobId} and status = 'parsing'`;
  try {
    let parsed: ParseResult;
    const progress = (done: number, total: number) => setProgress(sql, jobId, done, total);
    if (job.format === 'edexml') {
      parsed = await parseEdexml(job.file, progress);
    } else {
      const [m] = await sql<{ mapping: unknown }[]>`select mapping from import_csv_mappings where school_id = ${job.schoolId}`;
      const mapping = CsvMapping.safeParse(m?.mapping);
      parsed = mapping.success
        ? await parseCsv(job.file, mapping.data, progress)
        : { ok: false, errors: [{ line: null, element: null, message: 'Stel eerst de kolomindeling voor CSV-bestanden in.' }] };
    }
    if (!parsed.ok) {
      await refuse(parsed.errors);
      return;
    }
    const schoolYear = schoolYearOf(new Date());
    const eckIds = [...new Set(parsed.records.map((r) => r.eckId).filter((e): e is string => !!e))];
    const { preview, fingerprint } = await sql.begin('isolation level repeatable read', async (tx) => {
      const state = await loadSchoolState(tx as unknown as Tx, { partnershipId: job.partnershipId, schoolId: job.schoolId, schoolYear, eckIds });
      const plan = computePlan(state, parsed.records, parsed.classes);
      return { preview: previewOf(plan, schoolYear, parsed.warnings), fingerprint: state.fingerprint };
    });
    const stored: StoredRecords = { records: parsed.records, classes: parsed.classes };
    await sql`
      update import_jobs set status = 'ready', progress = total, preview = ${sql.json(preview as never)}, records = ${sql.json(stored as never)},
        fingerprint = ${fingerprint}, school_year = ${schoolYear}, file_content = null
      where id = ${jobId} and status = 'parsing'`;
  } catch (e) {
    await refuse([{ line: null, element: null, message: 'Het bestand kon niet worden gelezen. Probeer het opnieuw of neem contact op met de beheerder.' }]);
    throw e;
  }
}

interface StoredRecords {
  records: ImportRecord[];
  classes: ImportClass[];
}

interface JobRow {
  id: string;
  schoolId: string;
  status: string;
  records: StoredRecords | null;
  fingerprint: string | null;
  schoolYear: string | null;
}

async function lockJob(tx: Tx, ctx: StaffContext, id: string, action: 'apply' | 'cancel'): Promise<JobRow> {
  const [job] = await tx<JobRow[]>`
    select id, school_id as "schoolId", status, records, fingerprint, school_year as "schoolYear"
    from import_jobs where id = ${id} and partnership_id = ${ctx.scope.partnershipId} for update`;
  if (!job) fail('NOT_FOUND');
  importPolicy.authorize(ctx.principal, action, { schoolId: job!.schoolId });
  return job!;
}

const recordset = (tx: Tx, rows: object[]) => tx.json(rows as never);

/**
 * Applies the previewed changes in one transaction. Refused when the school's
 * pupils, enrolments or classes changed since the preview was made (another
 * import, a pupil added by hand): the plan would no longer be what was shown.
 */
export async function applyImport(ctx: StaffContext, id: string) {
  return transaction(ctx.sql, async (tx) => {
    const job = await lockJob(tx, ctx, id, 'apply');
    if (job.status !== 'ready' || !job.records) fail('CONFLICT', job.status === 'applied' ? 'Deze import is al toegepast.' : 'Deze import kan niet (meer) worden toegepast.');
    // One import at a time per school: a second apply waits here, then sees a changed fingerprint.
    await tx`select pg_advisory_xact_lock(hashtextextended(${`pupil-import:${job.schoolId}`}, 0))`;
    const schoolYear = schoolYearOf(new Date());
    const { records, classes } = job.records!;
    const eckIds = [...new Set(records.map((r) => r.eckId).filter((e): e is string => !!e))];
    const state = await loadSchoolState(tx, { partnershipId: ctx.scope.partnershipId, schoolId: job.schoolId, schoolYear, eckIds });
    if (state.fingerprint !== job.fingerprint || schoolYear !== job.schoolYear) {
      fail('CONFLICT', 'De leerlinggegevens van de school zijn veranderd sinds deze voorvertoning is gemaakt (bijvoorbeeld door een andere import). Lees het bestand opnieuw in.');
    }
    const plan = computePlan(state, records, classes);
    const events = await execute(tx, ctx, job, plan, schoolYear);
    const counts = previewOf(plan, schoolYear, []).counts;
    await tx`update import_jobs set status = 'applied', applied_at = now(), records = null, file_content = null where id = ${id}`;
    await audit(tx, ctx.actor, { action: 'pupil_import.apply', entityType: 'import_job', entityId: id, schoolId: job.schoolId, details: counts });
    await auditMany(tx, ctx.actor, events);
    return { id, counts };
  });
}

async function execute(tx: Tx, ctx: StaffContext, job: JobRow, plan: Plan, schoolYear: string): Promise<AuditEvent[]> {
  const partnershipId = ctx.scope.partnershipId;
  const schoolId = job.schoolId;
  const day = today();
  const events: AuditEvent[] = [];
  const event = (pupilId: string, change: string, extra: Record<string, unknown> = {}) =>
    events.push({ action: 'pupil.import', entityType: 'pupil', entityId: pupilId, pupilId, schoolId, details: { importId: job.id, change, ...extra } });

  const classIds = new Map<string, string>();
  const [{ classes = [] } = {}] = await tx<{ classes: { id: string; name: string }[] }[]>`
    select coalesce(json_agg(json_build_object('id', id, 'name', name)), '[]') as classes from classes where school_id = ${schoolId} and school_year = ${schoolYear}`;
  for (const c of classes) classIds.set(c.name, c.id);
  if (plan.newClasses.length) {
    const made = await tx<{ id: string; name: string }[]>`
      insert into classes (partnership_id, school_id, name, school_year, level, year_group)
      select ${partnershipId}, ${schoolId}, x.name, ${schoolYear}, x.level, x.year_group
      from jsonb_to_recordset(${recordset(tx, plan.newClasses.map((c) => ({ name: c.name, level: c.level, year_group: c.yearGroup })))}) as x(name text, level text, year_group smallint)
      returning id, name`;
    for (const c of made) classIds.set(c.name, c.id);
  }
  const classOf = (name: string | null | undefined) => (name ? (classIds.get(name) ?? null) : null);

  if (plan.newPupils.length) {
    const made = await tx<{ id: string; studentNumber: string }[]>`
      insert into pupils (partnership_id, school_id, student_number, first_name, name_prefix, last_name, birth_date, eck_id, bsn, source_key)
      select ${partnershipId}, ${schoolId}, x.student_number, x.first_name, x.name_prefix, x.last_name, x.birth_date, x.eck_id, x.bsn, x.source_key
      from jsonb_to_recordset(${recordset(
        tx,
        plan.newPupils.map((r) => ({
          student_number: r.studentNumber, first_name: r.firstName, name_prefix: r.prefix, last_name: r.lastName,
          birth_date: r.birthDate, eck_id: r.eckId, bsn: r.bsn, source_key: r.key,
        })),
      )}) as x(student_number text, first_name text, name_prefix text, last_name text, birth_date date, eck_id text, bsn text, source_key text)
      returning id, student_number as "studentNumber"`;
    const idOf = new Map(made.map((p) => [p.studentNumber, p.id]));
    await tx`
      insert into enrolments (partnership_id, pupil_id, school_id, class_id, level, start_date)
      select ${partnershipId}, x.pupil_id, ${schoolId}, x.class_id, x.level, ${day}
      from jsonb_to_recordset(${recordset(tx, plan.newPupils.map((r) => ({ pupil_id: idOf.get(r.studentNumber), class_id: classOf(r.className), level: r.level ?? null })))})
        as x(pupil_id uuid, class_id uuid, level text)`;
    for (const p of made) event(p.id, 'new');
  }

  if (plan.updates.length) {
    await tx`
      update pupils p set
        student_number = case when x.d ? 'studentNumber' then x.d->>'studentNumber' else p.student_number end,
        source_key = case when x.d ? 'sourceKey' then x.d->>'sourceKey' else p.source_key end,
        eck_id = case when x.d ? 'eckId' then x.d->>'eckId' else p.eck_id end,
        bsn = case when x.d ? 'bsn' then x.d->>'bsn' else p.bsn end,
        first_name = case when x.d ? 'firstName' then x.d->>'firstName' else p.first_name end,
        name_prefix = case when x.d ? 'prefix' then x.d->>'prefix' else p.name_prefix end,
        last_name = case when x.d ? 'lastName' then x.d->>'lastName' else p.last_name end,
        birth_date = case when x.d ? 'birthDate' then (x.d->>'birthDate')::date else p.birth_date end
      from jsonb_to_recordset(${recordset(tx, plan.updates.map((u) => ({ id: u.pupil.id, d: u.set })))}) as x(id uuid, d jsonb)
      where p.id = x.id`;
    // Field names only: never the values (a BSN, a name) in the audit log.
    for (const u of plan.updates) event(u.pupil.id, 'updated', { fields: Object.keys(u.set) });
  }

  const closing = [...plan.moves.map((m) => m.pupil.enrolmentId), ...plan.leavers.map((p) => p.enrolmentId)].filter((e): e is string => !!e);
  if (closing.length) {
    await tx`update enrolments set end_date = greatest(start_date, ${day}::date) where id = any(${closing}::uuid[]) and end_date is null`;
  }
  if (plan.moves.length) {
    await tx`
      insert into enrolments (partnership_id, pupil_id, school_id, class_id, level, start_date)
      select ${partnershipId}, x.pupil_id, ${schoolId}, x.class_id, x.level, ${day}
      from jsonb_to_recordset(${recordset(tx, plan.moves.map((m) => ({ pupil_id: m.pupil.id, class_id: classOf(m.className), level: m.level })))})
        as x(pupil_id uuid, class_id uuid, level text)`;
    for (const m of plan.moves) event(m.pupil.id, 'moved');
  }
  for (const p of plan.leavers) event(p.id, 'left');
  return events;
}

export async function cancelImport(ctx: StaffContext, id: string) {
  return transaction(ctx.sql, async (tx) => {
    const job = await lockJob(tx, ctx, id, 'cancel');
    if (!['queued', 'parsing', 'ready'].includes(job.status)) fail('CONFLICT', 'Deze import is al afgerond.');
    await tx`update import_jobs set status = 'cancelled', file_content = null, records = null where id = ${id}`;
    await audit(tx, ctx.actor, { action: 'pupil_import.cancel', entityType: 'import_job', entityId: id, schoolId: job.schoolId });
    return { id };
  });
}

export async function saveMapping(ctx: StaffContext, schoolId: string, mapping: CsvMapping) {
  return transaction(ctx.sql, async (tx) => {
    await schoolFor(tx, ctx, schoolId, 'editMapping');
    await tx`
      insert into import_csv_mappings (school_id, partnership_id, mapping, updated_by)
      values (${schoolId}, ${ctx.scope.partnershipId}, ${tx.json(mapping as never)}, ${ctx.principal.userId})
      on conflict (school_id) do update set mapping = excluded.mapping, updated_by = excluded.updated_by, updated_at = now()`;
    await audit(tx, ctx.actor, { action: 'pupil_import.mapping', entityType: 'school', entityId: schoolId, schoolId });
    return { id: schoolId };
  });
}

export type { Preview };

export const IMPORT_EXPIRY_JOB = 'pupil-import.expire';
/** Nightly; an import nobody applied in 7 days is dropped (a school week plus a weekend to act on it). */
export const IMPORT_EXPIRY_CRON = '0 3 * * *';

/**
 * Data minimisation: a parsed import holds every pupil of the file (BSN
 * included) until it is applied or cancelled. One left waiting is cancelled
 * after 7 days and keeps only its counts.
 */
export async function expireStaleImports(sql: Sql): Promise<number> {
  const rows = await sql`
    update import_jobs set status = 'cancelled', file_content = null, records = null,
      preview = case when preview is null then null else jsonb_build_object('counts', preview->'counts') end
    where status in ('queued', 'parsing', 'ready') and created_at < now() - interval '7 days'
    returning id`;
  return rows.length;
}

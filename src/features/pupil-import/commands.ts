import { createHash } from 'node:crypto';
import { transaction, type Db, type Sql, type Tx } from '../../db/index.ts';
import { audit } from '../../platform/audit.ts';
import { fail, fieldError } from '../../platform/errors.ts';
import type { StaffContext } from '../../platform/http/context.ts';
import { schoolYearOf, today } from '../../platform/time.ts';
import { parseCsv } from './csv.ts';
import { lockJob, type StoredRecords } from './apply.ts';
import { computePlan, enrolledCount, loadSchoolState, previewOf } from './diff.ts';
import { parseEdexml } from './edexml.ts';
import { importPolicy } from './policy.ts';
import type { ImportIssue, ParseResult } from './records.ts';
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
  file: { filename: string; bytes: Buffer; format: (typeof importFormats)[number]; referenceDate: string | null },
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
      insert into import_jobs (partnership_id, school_id, format, filename, file_sha256, file_content, created_by, reference_date)
      values (${ctx.scope.partnershipId}, ${schoolId}, ${file.format}, ${file.filename.slice(0, 200)}, ${sha256}, ${file.bytes}, ${ctx.principal.userId}, ${file.referenceDate})
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
  const [job] = await sql<{ id: string; partnershipId: string; schoolId: string; format: 'edexml' | 'csv'; file: Buffer | null; confirmedDate: string | null }[]>`
    update import_jobs set status = 'parsing', progress = 0, total = 0
    where id = ${jobId} and status in ('queued', 'parsing')
    returning id, partnership_id as "partnershipId", school_id as "schoolId", format, file_content as file, reference_date::text as "confirmedDate"`;
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
    // The export's own date (EDEXML header; for a CSV what the importer confirmed), never later than today.
    const day = today();
    const referenceDate = [parsed.referenceDate ?? job.confirmedDate ?? day, day].sort()[0]!;
    const eckIds = [...new Set(parsed.records.map((r) => r.eckId).filter((e): e is string => !!e))];
    const { preview, fingerprint } = await sql.begin('isolation level repeatable read', async (tx) => {
      const state = await loadSchoolState(tx as unknown as Tx, { partnershipId: job.partnershipId, schoolId: job.schoolId, schoolYear, eckIds });
      const plan = computePlan(state, parsed.records, parsed.classes);
      return { preview: previewOf(plan, { schoolYear, referenceDate, enrolled: enrolledCount(state) }, parsed.warnings), fingerprint: state.fingerprint };
    });
    const stored: StoredRecords = { records: parsed.records, classes: parsed.classes };
    await sql`
      update import_jobs set status = 'ready', progress = total, preview = ${sql.json(preview as never)}, records = ${sql.json(stored as never)},
        fingerprint = ${fingerprint}, school_year = ${schoolYear}, reference_date = ${referenceDate}, file_content = null
      where id = ${jobId} and status = 'parsing'`;
  } catch (e) {
    await refuse([{ line: null, element: null, message: 'Het bestand kon niet worden gelezen. Probeer het opnieuw of neem contact op met de beheerder.' }]);
    throw e;
  }
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

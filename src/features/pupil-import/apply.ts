/**
 * Applying a previewed import: asked for by the importer (with the leavers
 * confirmed when there are many), done by a background job in one
 * transaction with its audit rows, with progress on the import's row.
 */
import { transaction, type Sql, type Tx } from '../../db/index.ts';
import { audit, auditMany, type AuditActor, type AuditEvent } from '../../platform/audit.ts';
import { fail } from '../../platform/errors.ts';
import type { StaffContext } from '../../platform/http/context.ts';
import { schoolYearOf, today } from '../../platform/time.ts';
import { computePlan, enrolledCount, leaversNeedConfirmation, loadSchoolState, previewOf, type Plan } from './diff.ts';
import { importPolicy } from './policy.ts';
import type { ImportClass, ImportContact, ImportRecord } from './records.ts';
import { leaverQuestion, type Preview } from './schema.ts';

export const IMPORT_APPLY_JOB = 'pupil-import.apply';

export interface StoredRecords {
  records: ImportRecord[];
  classes: ImportClass[];
}

interface JobRow {
  id: string;
  partnershipId: string;
  schoolId: string;
  status: string;
  preview: Preview | null;
}

/** The import, locked, after the policy check: 404 outside the partnership, 403 for who may not. */
export async function lockJob(tx: Tx, ctx: StaffContext, id: string, action: 'apply' | 'cancel'): Promise<JobRow> {
  const [job] = await tx<JobRow[]>`
    select id, partnership_id as "partnershipId", school_id as "schoolId", status, preview
    from import_jobs where id = ${id} and partnership_id = ${ctx.scope.partnershipId} for update`;
  if (!job) fail('NOT_FOUND');
  importPolicy.authorize(ctx.principal, action, { schoolId: job!.schoolId });
  return job!;
}

/**
 * The importer asks to apply the preview. When it would end the enrolment of
 * many of the school's pupils (a partial export, another school's file), the
 * request must name that number (`confirmLeavers`), so neither a slip nor a
 * page that skipped the question applies it. The work is the job's.
 */
export async function requestApply(ctx: StaffContext, id: string, confirmLeavers: number | undefined, send: (jobId: string) => Promise<void>) {
  await transaction(ctx.sql, async (tx) => {
    const job = await lockJob(tx, ctx, id, 'apply');
    if (job.status === 'applying') fail('CONFLICT', 'Deze import wordt al toegepast.');
    if (job.status !== 'ready' || !job.preview) fail('CONFLICT', job.status === 'applied' ? 'Deze import is al toegepast.' : 'Deze import kan niet (meer) worden toegepast.');
    const { counts, enrolled } = job.preview!;
    // A preview from before the count of enrolled pupils was kept: any leaver needs the confirmation.
    const ask = enrolled === undefined ? counts.leavers > 0 : leaversNeedConfirmation(counts.leavers, enrolled);
    if (ask && confirmLeavers !== counts.leavers) {
      fail('CONFIRMATION_REQUIRED', `${leaverQuestion(counts.leavers, enrolled ?? counts.leavers)} Bevestig het aantal voordat u toepast.`);
    }
    await tx`update import_jobs set status = 'applying', progress = 0, total = 0, apply_actor = ${tx.json(ctx.actor as never)}, apply_error = null where id = ${id}`;
    await audit(tx, ctx.actor, {
      action: 'pupil_import.apply_request',
      entityType: 'import_job',
      entityId: id,
      schoolId: job.schoolId,
      details: { leavers: counts.leavers, ...(ask ? { confirmedLeavers: confirmLeavers } : {}) },
    });
  });
  await send(id);
  return { id };
}

interface ApplyRow {
  id: string;
  partnershipId: string;
  schoolId: string;
  records: StoredRecords | null;
  fingerprint: string | null;
  schoolYear: string | null;
  referenceDate: string | null;
  actor: AuditActor;
}

const STALE = 'De leerlinggegevens van de school zijn veranderd sinds deze voorvertoning is gemaakt (bijvoorbeeld door een andere import). Er is niets veranderd; lees het bestand opnieuw in.';
const BROKEN = 'Het toepassen is mislukt door een fout in Leerrecht; er is niets veranderd. Probeer het opnieuw of neem contact op met de beheerder.';

/**
 * The background job: applies the previewed changes in one transaction,
 * with the audit rows, or nothing at all. Refused when the school's pupils,
 * enrolments or classes changed since the preview (another import, a pupil
 * added by hand): the plan would no longer be what was shown and confirmed.
 */
export async function runApply(sql: Sql, jobId: string): Promise<Preview['counts'] | null> {
  const [job] = await sql<ApplyRow[]>`
    select id, partnership_id as "partnershipId", school_id as "schoolId", records, fingerprint, school_year as "schoolYear",
      reference_date::text as "referenceDate", apply_actor as actor
    from import_jobs where id = ${jobId} and status = 'applying'`;
  // Applied (or failed) by an earlier attempt.
  if (!job) return null;
  const failWith = (message: string) =>
    sql`update import_jobs set status = 'failed', apply_error = ${message}, records = null, file_content = null where id = ${jobId} and status = 'applying'`;
  const progress = (done: number, total: number) => sql`update import_jobs set progress = ${done}, total = ${total} where id = ${jobId} and status = 'applying'`;
  try {
    const result = await transaction(sql, async (tx) => {
      // One import at a time per school: a second apply waits here, then sees a changed fingerprint.
      await tx`select pg_advisory_xact_lock(hashtextextended(${`pupil-import:${job.schoolId}`}, 0))`;
      const schoolYear = schoolYearOf(new Date());
      const { records, classes } = job.records ?? { records: [], classes: [] };
      const eckIds = [...new Set(records.map((r) => r.eckId).filter((e): e is string => !!e))];
      const state = await loadSchoolState(tx, { partnershipId: job.partnershipId, schoolId: job.schoolId, schoolYear, eckIds });
      if (!job.records || state.fingerprint !== job.fingerprint || schoolYear !== job.schoolYear) return null;
      const plan = computePlan(state, records, classes);
      const referenceDate = job.referenceDate ?? today();
      const events = await execute(tx, job, records, plan, schoolYear, referenceDate, progress);
      const counts = previewOf(plan, { schoolYear, referenceDate, enrolled: enrolledCount(state) }, []).counts;
      await tx`update import_jobs set status = 'applied', applied_at = now(), records = null, file_content = null where id = ${jobId}`;
      await audit(tx, job.actor, { action: 'pupil_import.apply', entityType: 'import_job', entityId: jobId, schoolId: job.schoolId, details: counts });
      await auditMany(tx, job.actor, events);
      return counts;
    });
    if (!result) await failWith(STALE);
    return result;
  } catch (e) {
    await failWith(BROKEN);
    throw e;
  }
}

const recordset = (tx: Tx, rows: object[]) => tx.json(rows as never);

async function execute(
  tx: Tx,
  job: ApplyRow,
  records: ImportRecord[],
  plan: Plan,
  schoolYear: string,
  referenceDate: string,
  progress: (done: number, total: number) => Promise<unknown>,
): Promise<AuditEvent[]> {
  const { partnershipId, schoolId } = job;
  const day = today();
  const events: AuditEvent[] = [];
  const event = (pupilId: string, change: string, extra: Record<string, unknown> = {}) =>
    events.push({ action: 'pupil.import', entityType: 'pupil', entityId: pupilId, pupilId, schoolId, details: { importId: job.id, change, ...extra } });
  // Progress in changed pupils, written beside the transaction so the page sees it move.
  const total = plan.newClasses.length + plan.newPupils.length + plan.updates.length + plan.moves.length + plan.leavers.length;
  let done = 0;
  const step = async (n: number) => {
    done += n;
    await progress(done, total);
  };
  await progress(0, total);

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
    await step(plan.newClasses.length);
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
    await step(plan.newPupils.length);
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
    await step(plan.updates.length);
  }

  if (plan.moves.length) {
    const closing = plan.moves.map((m) => m.pupil.enrolmentId).filter((e): e is string => !!e);
    await tx`update enrolments set end_date = greatest(start_date, ${day}::date) where id = any(${closing}::uuid[]) and end_date is null`;
    await tx`
      insert into enrolments (partnership_id, pupil_id, school_id, class_id, level, start_date)
      select ${partnershipId}, x.pupil_id, ${schoolId}, x.class_id, x.level, ${day}
      from jsonb_to_recordset(${recordset(tx, plan.moves.map((m) => ({ pupil_id: m.pupil.id, class_id: classOf(m.className), level: m.level })))})
        as x(pupil_id uuid, class_id uuid, level text)`;
    for (const m of plan.moves) event(m.pupil.id, 'moved');
    await step(plan.moves.length);
  }

  const contactEvents = await importContacts(tx, job, records);
  for (const pupilId of contactEvents) event(pupilId, 'contacts');

  if (plan.leavers.length) {
    // A leaver's enrolment ends on the day the file says they left, else on the export's date (not today: the export may be weeks old).
    const ending = plan.leavers.map((p) => ({ id: p.enrolmentId, day: p.leftOn ?? referenceDate }));
    await tx`
      update enrolments e set end_date = greatest(e.start_date, x.day)
      from jsonb_to_recordset(${recordset(tx, ending)}) as x(id uuid, day date)
      where e.id = x.id and e.end_date is null`;
    for (const p of plan.leavers) event(p.id, 'left');
    await step(plan.leavers.length);
  }
  return events;
}

/**
 * The parents the file names replace those an earlier import wrote (source
 * 'import'); those the school entered or changed by hand stay, and a parent
 * the school already has (same e-mail address, or same name without one) is
 * not added twice. Returns the pupils whose parents changed.
 */
async function importContacts(tx: Tx, job: ApplyRow, records: ImportRecord[]): Promise<string[]> {
  const withContacts = records.filter((r) => r.contacts !== undefined);
  if (withContacts.length === 0) return [];
  const pupils = await tx<{ id: string; studentNumber: string; contacts: { name: string; email: string; phone: string; parentalAuthority: boolean; source: string }[] }[]>`
    select p.id, p.student_number as "studentNumber",
      coalesce((select json_agg(json_build_object('name', c.name, 'email', c.email, 'phone', c.phone, 'parentalAuthority', c.parental_authority, 'source', c.source) order by c.position)
                from pupil_contacts c where c.pupil_id = p.id), '[]') as contacts
    from pupils p where p.school_id = ${job.schoolId} and p.student_number = any(${withContacts.map((r) => r.studentNumber)}::text[])`;
  const byNumber = new Map(pupils.map((p) => [p.studentNumber, p]));
  const same = (a: { name: string; email: string }, b: { name: string; email: string }) => (a.email || b.email ? a.email === b.email : a.name.toLowerCase() === b.name.toLowerCase());
  const key = (c: ImportContact) => `${c.name}|${c.email}|${c.phone}|${c.parentalAuthority}`;
  const changed: string[] = [];
  const rows: object[] = [];
  for (const r of withContacts) {
    const pupil = byNumber.get(r.studentNumber);
    if (!pupil) continue;
    const manual = pupil.contacts.filter((c) => c.source === 'manual');
    const wanted = r.contacts!.filter((c) => !manual.some((m) => same(m, c)));
    const had = pupil.contacts.filter((c) => c.source === 'import');
    if (had.map(key).join('\n') === wanted.map(key).join('\n')) continue;
    changed.push(pupil.id);
    wanted.forEach((c, i) =>
      rows.push({ pupil_id: pupil.id, name: c.name, email: c.email, phone: c.phone, parental_authority: c.parentalAuthority, position: manual.length + i }),
    );
  }
  if (changed.length === 0) return [];
  await tx`delete from pupil_contacts where pupil_id = any(${changed}::uuid[]) and source = 'import'`;
  if (rows.length) {
    await tx`
      insert into pupil_contacts (partnership_id, school_id, pupil_id, name, relation, parental_authority, email, phone, source, position)
      select ${job.partnershipId}, ${job.schoolId}, x.pupil_id, x.name, 'ouder', x.parental_authority, x.email, x.phone, 'import', x.position
      from jsonb_to_recordset(${recordset(tx, rows)}) as x(pupil_id uuid, name text, email text, phone text, parental_authority boolean, position integer)`;
  }
  return changed;
}

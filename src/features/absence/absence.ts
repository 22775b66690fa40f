import type { z } from 'zod';
import { transaction, type Db } from '../../db/index.ts';
import { reveal } from '../../platform/access/reveal.ts';
import { schoolYearBounds, schoolYearOfDay, type SchoolCalendar } from '../../platform/calendar/school-calendar.ts';
import { audit } from '../../platform/audit.ts';
import { fail, fieldError } from '../../platform/errors.ts';
import type { StaffContext } from '../../platform/http/context.ts';
import { isUniqueViolation } from '../../platform/http/errors.ts';
import { formatDay, today } from '../../platform/time.ts';
import { loadSchoolCalendars } from '../organisation/api.ts';
import type { PupilResource } from '../pupils/api.ts';
import { absencePolicy } from './policy.ts';
import { assess, DEFAULT_ABSENCE_SETTINGS, type AbsenceFact, type AbsenceKind, type AbsenceSettings } from './rules.ts';
import type { AbsenceInput, AbsenceView, ReportInput } from './schema.ts';

interface PupilRow extends PupilResource {
  id: string;
  schoolId: string;
  pupilId: string;
}

/** The pupil as the absence policy sees it; 404 unless the reader sees the pupil, 403 unless the action is theirs (both audited). */
async function pupilFor(ctx: StaffContext, pupilId: string, action: Parameters<typeof absencePolicy.can>[1]): Promise<PupilRow> {
  const [row] = await ctx.sql<PupilRow[]>`
    select p.id, p.id as "pupilId", p.school_id as "schoolId", e.class_id as "classId"
    from pupils p left join enrolments e on e.pupil_id = p.id and e.end_date is null
    where p.id = ${pupilId} and p.partnership_id = ${ctx.scope.partnershipId}`;
  return reveal(ctx.principal, absencePolicy, action, { id: pupilId, row, pupilId: row?.id ?? null });
}

/** The partnership's thresholds (partnerships.settings.absence), the field's defaults where it set none. */
export async function loadAbsenceSettings(db: Db, partnershipId: string): Promise<AbsenceSettings> {
  const [row] = await db<{ s: Partial<AbsenceSettings> | null }[]>`select settings->'absence' as s from partnerships where id = ${partnershipId}`;
  return { ...DEFAULT_ABSENCE_SETTINGS, ...(row?.s ?? {}) };
}

export interface FactRow extends AbsenceFact {
  id: string;
  pupilId: string;
  schoolId: string;
  reason: string;
  source: string;
  recordedBy: string | null;
}

/** The absence records of pupils at one school (a pupil's records at other schools stay with those schools). */
export const loadFacts = (db: Db, schoolId: string, pupilIds: readonly string[], from?: string) => db<FactRow[]>`
  select a.id, a.pupil_id as "pupilId", a.school_id as "schoolId", to_char(a.day, 'YYYY-MM-DD') as day, a.kind, a.hours::float8 as hours,
    a.whole_day as "wholeDay", a.reason, a.source, u.name as "recordedBy"
  from absences a left join users u on u.id = a.recorded_by
  where a.school_id = ${schoolId} and a.pupil_id = any(${pupilIds}::uuid[]) and (${from ?? null}::date is null or a.day >= ${from ?? null}::date)
  order by a.day desc, a.kind`;

/** How far back the rules look: the report window and the sick pattern reach at most 12 school weeks, a long absence at most a school year. */
export const lookBackFrom = (day: string) => `${Number(day.slice(0, 4)) - 1}${day.slice(4)}`;

async function calendarOf(db: Db, schoolId: string): Promise<SchoolCalendar> {
  const cal = (await loadSchoolCalendars(db, [schoolId])).get(schoolId);
  if (!cal) fail('NOT_FOUND');
  return cal!;
}

export async function getAbsence(ctx: StaffContext, pupilId: string, now = new Date()): Promise<z.infer<typeof AbsenceView>> {
  const pupil = await pupilFor(ctx, pupilId, 'read');
  const day = today(now);
  const [facts, cal, settings, reports, region] = await Promise.all([
    loadFacts(ctx.sql, pupil.schoolId, [pupilId]),
    calendarOf(ctx.sql, pupil.schoolId),
    loadAbsenceSettings(ctx.sql, ctx.scope.partnershipId),
    ctx.sql<{ id: string; kind: '16_uur' | 'langdurig'; dueOn: string; reportedOn: string; note: string; reportedBy: string | null }[]>`
      select r.id, r.kind, to_char(r.due_on, 'YYYY-MM-DD') as "dueOn", to_char(r.reported_on, 'YYYY-MM-DD') as "reportedOn", r.note, u.name as "reportedBy"
      from absence_reports r left join users u on u.id = r.reported_by
      where r.pupil_id = ${pupilId} and r.school_id = ${pupil.schoolId} order by r.reported_on desc, r.created_at desc`,
    ctx.sql<{ region: string | null }[]>`select holiday_region as region from schools where id = ${pupil.schoolId}`,
  ]);
  const made = reports.filter((r) => r.kind === '16_uur').length;
  const state = assess(cal, facts, day, made, settings);
  const allowed = absencePolicy.allowed(ctx.principal, pupil);
  await audit(ctx.sql, ctx.actor, { action: 'absence.read', entityType: 'pupil', entityId: pupilId, pupilId, schoolId: pupil.schoolId });
  return {
    schoolId: pupil.schoolId,
    regionSet: region[0]?.region != null,
    records: facts.map((f) => ({
      id: f.id, day: f.day, kind: f.kind, hours: f.hours, wholeDay: f.wholeDay, source: f.source, recordedBy: f.recordedBy,
      // What a pupil was sick with is health data: the support team only (AVG art. 9).
      reason: f.kind === 'ziek' && !allowed.readHealth ? null : f.reason,
    })),
    state: { ...state, reportsDue: Math.max(0, state.triggers.length - made) },
    reports,
    settings,
    allowed: { record: allowed.record, remove: allowed.remove, report: allowed.report, readHealth: allowed.readHealth },
  };
}

/**
 * Leave (verlof) granted by the school: at most 10 school days a school year;
 * beyond that the leerplichtambtenaar decides (Leerplichtwet 1969 art. 13a, 14).
 */
const LEAVE_DAYS_BY_HEAD = 10;

export async function recordAbsence(ctx: StaffContext, pupilId: string, input: z.output<typeof AbsenceInput>, now = new Date()) {
  const pupil = await pupilFor(ctx, pupilId, 'record');
  const cal = await calendarOf(ctx.sql, pupil.schoolId);
  if (input.day > today(now)) fieldError('day', 'Verzuim leg je vast op de dag zelf of erna, niet vooruit.');
  const closed = cal.closedBecause(input.day);
  if (closed) fieldError('day', `Op ${formatDay(input.day)} is er geen les (${closed.toLowerCase()}).`);
  return transaction(ctx.sql, async (tx) => {
    if (input.kind === 'verlof') {
      const { from, to } = schoolYearBounds(schoolYearOfDay(input.day));
      const [{ n }] = (await tx`select count(distinct day)::int as n from absences
        where pupil_id = ${pupilId} and kind = 'verlof' and day between ${from} and ${to}`) as unknown as [{ n: number }];
      if (n + 1 > LEAVE_DAYS_BY_HEAD) {
        fieldError('kind', 'Verlof van meer dan 10 schooldagen in een schooljaar beslist de leerplichtambtenaar, niet de school (Leerplichtwet art. 14).');
      }
    }
    const [row] = await tx<{ id: string }[]>`
      insert into absences (partnership_id, school_id, pupil_id, day, kind, hours, whole_day, reason, recorded_by)
      values (${ctx.scope.partnershipId}, ${pupil.schoolId}, ${pupilId}, ${input.day}, ${input.kind}, ${input.hours}, ${input.wholeDay}, ${input.reason}, ${ctx.principal.userId})
      returning id`.catch((e: unknown) =>
      isUniqueViolation(e) ? fieldError('day', 'Op deze dag staat al verzuim van deze soort. Haal dat eerst weg als het anders moet.') : Promise.reject(e),
    );
    await audit(tx, ctx.actor, { action: 'absence.record', entityType: 'absence', entityId: row!.id, pupilId, schoolId: pupil.schoolId, details: { kind: input.kind as AbsenceKind } });
    return { id: row!.id };
  });
}

export async function removeAbsence(ctx: StaffContext, pupilId: string, absenceId: string) {
  const pupil = await pupilFor(ctx, pupilId, 'remove');
  return transaction(ctx.sql, async (tx) => {
    const rows = await tx`delete from absences where id = ${absenceId} and pupil_id = ${pupilId} and school_id = ${pupil.schoolId} returning id`;
    if (rows.length === 0) fail('NOT_FOUND');
    await audit(tx, ctx.actor, { action: 'absence.remove', entityType: 'absence', entityId: absenceId, pupilId, schoolId: pupil.schoolId });
    return { id: absenceId };
  });
}

/** The school recorded that it reported to the leerplichtambtenaar (the full DUO report is made elsewhere for now). */
export async function recordReport(ctx: StaffContext, pupilId: string, input: z.output<typeof ReportInput>, now = new Date()) {
  const pupil = await pupilFor(ctx, pupilId, 'report');
  if (input.reportedOn > today(now)) fieldError('reportedOn', 'Een melding leg je vast als die gedaan is: kies vandaag of eerder.');
  if (input.reportedOn < input.dueOn) fieldError('reportedOn', 'De melding kan niet gedaan zijn voor de dag dat die nodig werd.');
  return transaction(ctx.sql, async (tx) => {
    const [row] = await tx<{ id: string }[]>`
      insert into absence_reports (partnership_id, school_id, pupil_id, kind, due_on, reported_on, note, reported_by)
      values (${ctx.scope.partnershipId}, ${pupil.schoolId}, ${pupilId}, ${input.kind}, ${input.dueOn}, ${input.reportedOn}, ${input.note}, ${ctx.principal.userId})
      returning id`;
    await audit(tx, ctx.actor, { action: 'absence.report', entityType: 'absence_report', entityId: row!.id, pupilId, schoolId: pupil.schoolId, details: { kind: input.kind } });
    return { id: row!.id };
  });
}

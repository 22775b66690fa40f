/**
 * The absence rules, as pure functions over one school's records and that
 * school's calendar (platform/calendar/). They run on every read, so what
 * the pages and the work list show always follows the records.
 *
 * - The report (verzuimmelding): 16 hours of unauthorised absence within 4
 *   consecutive school weeks must be reported to the municipality (for VO
 *   through DUO), Leerplichtwet 1969 art. 21a lid 1 ("gedurende een periode
 *   van vier opeenvolgende lesweken in totaal zestien uren"); and again each
 *   time 16 more hours accrue (DOMAIN §5). Hours reported once do not count
 *   towards the next report.
 * - The early warning: the partnership's threshold (12 hours by default)
 *   within the same window, before the report is due.
 * - Worrying sick absence: the M@ZL approach (seed 001: "inzet van het
 *   verzuim-/m@zl protocol"): 4 sick reports in 12 school weeks, or a sick
 *   spell of 6 consecutive school days; both partnership settings.
 * - The thuiszitter: not attended for more than 4 weeks without a valid
 *   exemption (DOMAIN C7; seed 002 §6.4: "meer dan 4 weken ongeoorloofd
 *   verzuim"; seed 004 §6.3). Counted in school weeks: a holiday is no
 *   absence. Long sick absence counts as well, flagged as such (seed 000: after
 *   COVID more pupils are reported sick, "een zorgelijke ontwikkeling").
 *
 * A pupil who changes school: each school reports the absence at its own
 * school (art. 21a: "het hoofd van de school"), so the rules run per school,
 * on that school's records and calendar (`bySchool`).
 */
import type { SchoolCalendar } from '../../platform/calendar/school-calendar.ts';
import { mondayOf } from '../../platform/time.ts';

import type { AbsenceKind } from './schema.ts';

export { absenceKinds, type AbsenceKind } from './schema.ts';

export interface AbsenceFact {
  day: string;
  kind: AbsenceKind;
  hours: number;
  wholeDay: boolean;
}

export interface AbsenceSettings {
  /** Unauthorised hours in the 4-week window that warn the OCO before the report is due. */
  earlyWarningHours: number;
  /** Sick reports (spells) within `sickWeeks` school weeks that flag worrying sick absence. */
  sickReports: number;
  sickWeeks: number;
  /** A sick spell of this many consecutive school days is flagged too. */
  sickConsecutiveDays: number;
}

/** The law's numbers (art. 21a) and the field's (M@ZL), until a partnership sets its own warning and sick thresholds. */
export const REPORT_HOURS = 16;
export const REPORT_WEEKS = 4;
export const THUISZITTER_WEEKS = 4;
export const DEFAULT_ABSENCE_SETTINGS: AbsenceSettings = { earlyWarningHours: 12, sickReports: 4, sickWeeks: 12, sickConsecutiveDays: 6 };

/** Late arrival is unauthorised lesson time missed too (the minutes count towards the 16 hours). */
export const isUnauthorised = (kind: AbsenceKind) => kind === 'ongeoorloofd' || kind === 'te_laat';

export interface ReportTrigger {
  /** The day the 16 hours were reached: the report is due from then. */
  day: string;
  /** The unauthorised hours the report covers (at least 16), and the first day of them. */
  hours: number;
  from: string;
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Unauthorised hours per day, in day order (several records on one day count together). */
function unauthorisedPerDay(facts: readonly AbsenceFact[]): [string, number][] {
  const perDay = new Map<string, number>();
  for (const f of facts) if (isUnauthorised(f.kind)) perDay.set(f.day, (perDay.get(f.day) ?? 0) + f.hours);
  return [...perDay.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

/**
 * Every moment a report became due, oldest first, and the hours not yet
 * reported. Walking the days in order: the hours since the last report that
 * fall in the 4 school weeks ending at a day are summed; at 16 or more a
 * report is due, and those hours are spent.
 */
export function reportTriggers(cal: SchoolCalendar, facts: readonly AbsenceFact[]): { triggers: ReportTrigger[]; unreported: [string, number][] } {
  const triggers: ReportTrigger[] = [];
  let unreported: [string, number][] = [];
  for (const [day, hours] of unauthorisedPerDay(facts)) {
    unreported.push([day, hours]);
    const weeks = new Set(cal.windowEndingAt(day, REPORT_WEEKS).weeks);
    const counted = unreported.filter(([d]) => weeks.has(mondayOf(d)) || d === day);
    const sum = round(counted.reduce((s, [, h]) => s + h, 0));
    if (sum >= REPORT_HOURS) {
      triggers.push({ day, hours: sum, from: counted[0]![0] });
      unreported = [];
    }
  }
  return { triggers, unreported };
}

/** Unauthorised hours in the 4 consecutive school weeks ending at `day`, reported or not: what the pupil page shows. */
export function unauthorisedInWindow(cal: SchoolCalendar, facts: readonly AbsenceFact[], day: string): { hours: number; from: string; to: string } {
  const w = cal.windowEndingAt(day, REPORT_WEEKS);
  const weeks = new Set(w.weeks);
  const hours = facts.filter((f) => isUnauthorised(f.kind) && f.day <= day && weeks.has(mondayOf(f.day))).reduce((s, f) => s + f.hours, 0);
  return { hours: round(hours), from: w.from, to: day };
}

/** Runs of consecutive school days (holidays and weekends in between do not break a run). */
function runs(cal: SchoolCalendar, days: readonly string[]): { from: string; to: string; days: number }[] {
  const sorted = [...new Set(days)].sort();
  const out: { from: string; to: string; days: number }[] = [];
  for (const d of sorted) {
    const last = out.at(-1);
    if (last && cal.nextSchoolDay(last.to) === d) {
      last.to = d;
      last.days++;
    } else out.push({ from: d, to: d, days: 1 });
  }
  return out;
}

export interface SickPattern {
  /** Sick reports (spells of consecutive sick school days) that began in the last `sickWeeks` school weeks. */
  reports: number;
  /** The longest sick spell in that period, in school days. */
  longestSpell: number;
  flagged: boolean;
}

export function sickPattern(cal: SchoolCalendar, facts: readonly AbsenceFact[], today: string, s: AbsenceSettings): SickPattern {
  const w = cal.windowEndingAt(today, s.sickWeeks);
  const spells = runs(cal, facts.filter((f) => f.kind === 'ziek' && f.day <= today).map((f) => f.day)).filter((r) => r.to >= w.from);
  const reports = spells.filter((r) => r.from >= w.from).length;
  const longestSpell = spells.reduce((m, r) => Math.max(m, r.days), 0);
  return { reports, longestSpell, flagged: reports >= s.sickReports || longestSpell >= s.sickConsecutiveDays };
}

export interface LongAbsence {
  /** The first school day of the current run of whole days away, and the last recorded. */
  since: string;
  until: string;
  schoolWeeks: number;
  /** More than 4 school weeks: a thuiszitter. */
  thuiszitter: boolean;
  /** Every day of the run was reported sick (the grey zone: seed 004 §6.3). */
  sick: boolean;
}

/**
 * The current run of whole school days away without a valid exemption
 * (unauthorised or sick): it is current when it reaches the last school day
 * before today, or today. Authorised absence and leave break it: they are a
 * valid reason.
 */
export function longAbsence(cal: SchoolCalendar, facts: readonly AbsenceFact[], today: string): LongAbsence | null {
  const away = facts.filter((f) => f.wholeDay && f.day <= today && (f.kind === 'ongeoorloofd' || f.kind === 'ziek'));
  const valid = new Set(facts.filter((f) => f.kind === 'geoorloofd' || f.kind === 'verlof').map((f) => f.day));
  const days = away.map((f) => f.day).filter((d) => !valid.has(d));
  const last = runs(cal, days).at(-1);
  if (!last) return null;
  const current = last.to === today || last.to >= cal.previousSchoolDay(today);
  if (!current) return null;
  const sickDays = new Set(away.filter((f) => f.kind === 'ziek').map((f) => f.day));
  return {
    since: last.from,
    until: last.to,
    schoolWeeks: cal.schoolWeeksBetween(last.from, last.to),
    thuiszitter: cal.spansMoreThanSchoolWeeks(last.from, last.to, THUISZITTER_WEEKS),
    sick: cal.schoolDays(last.from, last.to).every((d) => sickDays.has(d)),
  };
}

export interface AbsenceState {
  window: { hours: number; from: string; to: string };
  /** Hours since the last report within the current window: what the early warning and the next report count. */
  unreportedHours: number;
  triggers: ReportTrigger[];
  /** The oldest report that is due and not made yet. */
  reportDue: ReportTrigger | null;
  earlyWarning: boolean;
  sick: SickPattern;
  long: LongAbsence | null;
}

/**
 * Everything the rules say about one pupil at one school on a day.
 * `reportsMade` is how many 16-hour reports the school recorded: each
 * acknowledges the oldest trigger not yet acknowledged.
 */
export function assess(cal: SchoolCalendar, facts: readonly AbsenceFact[], today: string, reportsMade: number, s: AbsenceSettings = DEFAULT_ABSENCE_SETTINGS): AbsenceState {
  const upToToday = facts.filter((f) => f.day <= today);
  const { triggers, unreported } = reportTriggers(cal, upToToday);
  const weeks = new Set(cal.windowEndingAt(today, REPORT_WEEKS).weeks);
  const unreportedHours = round(unreported.filter(([d]) => weeks.has(mondayOf(d))).reduce((sum, [, h]) => sum + h, 0));
  const reportDue = triggers[reportsMade] ?? null;
  return {
    window: unauthorisedInWindow(cal, upToToday, today),
    unreportedHours,
    triggers,
    reportDue,
    earlyWarning: !reportDue && unreportedHours >= s.earlyWarningHours,
    sick: sickPattern(cal, upToToday, today, s),
    long: longAbsence(cal, upToToday, today),
  };
}

/** Facts grouped by the school they were recorded at (a pupil who changed school has two). */
export function bySchool<T extends AbsenceFact & { schoolId: string }>(facts: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const f of facts) out.set(f.schoolId, [...(out.get(f.schoolId) ?? []), f]);
  return out;
}

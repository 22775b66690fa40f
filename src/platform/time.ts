/**
 * All date arithmetic and formatting goes through this module (lint enforces
 * it for date-fns), so time zone and school-year rules live in one place.
 * Later capabilities add the school calendar (school weeks, holidays) here.
 */
import { TZDate } from '@date-fns/tz';
import { addDays as addDaysFns, addWeeks as addWeeksFns, addYears as addYearsFns, differenceInCalendarDays, differenceInYears, format, parseISO } from 'date-fns';
import { nl } from 'date-fns/locale';

export const TIME_ZONE = 'Europe/Amsterdam';

const local = (d: Date) => new TZDate(d, TIME_ZONE);

/** '14:05' in Dutch time. */
export const formatTime = (d: Date): string => format(local(d), 'HH:mm');

/** '22 november 2026 14:05' in Dutch time. */
export const formatDateTime = (d: Date): string => format(local(d), 'd MMMM yyyy HH:mm', { locale: nl });

/** ISO instant in Dutch local time with offset, for exports: '2026-11-22T14:05:00+01:00'. */
export const isoLocal = (d: Date): string => format(local(d), "yyyy-MM-dd'T'HH:mm:ssXXX");

/**
 * The school year a day falls in, e.g. '2026-2027'. Dutch school years run
 * from 1 August to 31 July (the legal "schooljaar", WVO art. 1).
 */
export function schoolYearOf(day: Date): string {
  const d = local(day);
  const start = d.getMonth() >= 7 ? d.getFullYear() : d.getFullYear() - 1;
  return `${start}-${start + 1}`;
}

/** Today as 'YYYY-MM-DD' in Dutch time. */
export const today = (now = new Date()): string => format(local(now), 'yyyy-MM-dd');

/**
 * Age in whole years on a day ('YYYY-MM-DD'); the legal ages 16 and 18 matter for who signs an OPP.
 * Someone born on 29 February turns a year older on 1 March in a common year.
 */
export const ageOn = (birthDate: string, day: string = today()): number => differenceInYears(parseISO(day), parseISO(birthDate));

/** Whether a due day ('YYYY-MM-DD') lies before today in Dutch time. */
export const isOverdue = (dueOn: string, now = new Date()): boolean => dueOn < today(now);

/** Day arithmetic on calendar days ('YYYY-MM-DD'), free of time zones and daylight saving. */
const dayPlus = (day: string, f: (d: Date) => Date): string => format(f(parseISO(day)), 'yyyy-MM-dd');
export const addDays = (day: string, n: number): string => dayPlus(day, (d) => addDaysFns(d, n));
export const addWeeks = (day: string, n: number): string => dayPlus(day, (d) => addWeeksFns(d, n));
/** A year on: 29 February becomes 28 February in a year that has none. */
export const addYears = (day: string, n: number): string => dayPlus(day, (d) => addYearsFns(d, n));
/** Calendar days from `from` to `to` (negative when `to` lies before). */
export const daysBetween = (from: string, to: string): number => differenceInCalendarDays(parseISO(to), parseISO(from));
/** '22 november 2026' for a calendar day. */
export const formatDay = (day: string): string => format(parseISO(day), 'd MMMM yyyy', { locale: nl });

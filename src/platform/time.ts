/**
 * All date arithmetic and formatting goes through this module (lint enforces
 * it for date-fns), so time zone and school-year rules live in one place.
 * The school calendar (school weeks, holidays, a school's free days) builds
 * on the day arithmetic here: platform/calendar/.
 */
import { TZDate } from '@date-fns/tz';
import { addDays as addDaysFns, addMonths as addMonthsFns, addWeeks as addWeeksFns, addYears as addYearsFns, differenceInYears, format, parseISO } from 'date-fns';
import { nl } from 'date-fns/locale';

export const TIME_ZONE = 'Europe/Amsterdam';

const local = (d: Date) => new TZDate(d, TIME_ZONE);

/** '14:05' in Dutch time. */
export const formatTime = (d: Date): string => format(local(d), 'HH:mm');

/** '22 november 2026 14:05' in Dutch time. */
export const formatDateTime = (d: Date): string => format(local(d), 'd MMMM yyyy HH:mm', { locale: nl });

/** '22-11-2026 14:05' in Dutch time: how staff screens show an instant (the day as forms ask it). */
export const formatDateTimeShort = (d: Date): string => format(local(d), 'dd-MM-yyyy HH:mm');

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

/**
 * Today as 'YYYY-MM-DD' in Dutch time. Intl, not date-fns: lists call this
 * once per row (the request queue's clocks), and a formatter made once is
 * about ten times cheaper than a TZDate and a format per call.
 */
const DAY_IN_NL = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
/**
 * Dutch time has been UTC plus whole hours since 1940, so the day is the same
 * all through a UTC hour: each hour is formatted once (a list of a year's
 * requests asks for a few thousand hours at most; the cache starts over at 50,000).
 */
const WHOLE_HOURS_SINCE = Date.UTC(1946, 0, 1);
const dayOfHour = new Map<number, string>();
export const today = (now = new Date()): string => {
  const t = now.getTime();
  // Before 1946, and an invalid date (NaN, which throws as before): formatted as it is.
  if (!(t >= WHOLE_HOURS_SINCE)) return DAY_IN_NL.format(now);
  const hour = Math.floor(t / 3_600_000);
  let day = dayOfHour.get(hour);
  if (day === undefined) {
    if (dayOfHour.size >= 50_000) dayOfHour.clear();
    day = DAY_IN_NL.format(now);
    dayOfHour.set(hour, day);
  }
  return day;
};

/**
 * Age in whole years on a day ('YYYY-MM-DD'); the legal ages 16 and 18 matter for who signs an OPP.
 * Someone born on 29 February turns a year older on 1 March in a common year.
 */
export const ageOn = (birthDate: string, day: string = today()): number => differenceInYears(parseISO(day), parseISO(birthDate));

/** Whether a due day ('YYYY-MM-DD') lies before today in Dutch time. */
export const isOverdue = (dueOn: string, now = new Date()): boolean => dueOn < today(now);

/** Day arithmetic on calendar days ('YYYY-MM-DD'), free of time zones and daylight saving. */
const dayPlus = (day: string, f: (d: Date) => Date): string => format(f(parseISO(day)), 'yyyy-MM-dd');
/**
 * Days and weeks on as plain UTC day numbers: lists call these per row (a
 * request's clock, a work item's urgency), where date-fns' parse and format
 * cost ~20 µs a call (bench/RESULTS.md, the start page). Anything but a real
 * 'YYYY-MM-DD' day takes the date-fns way, so a bad day still throws.
 */
const DAY = /^[1-9]\d{3}-\d{2}-\d{2}$/;
const dayOfUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const plusDays = (day: string, n: number): string | null => {
  if (!DAY.test(day)) return null;
  const base = utcDay(day);
  return dayOfUtc(base) === day ? dayOfUtc(base + n * 86_400_000) : null;
};
export const addDays = (day: string, n: number): string => plusDays(day, n) ?? dayPlus(day, (d) => addDaysFns(d, n));
export const addWeeks = (day: string, n: number): string => plusDays(day, 7 * n) ?? dayPlus(day, (d) => addWeeksFns(d, n));
/** A year on: 29 February becomes 28 February in a year that has none. */
export const addYears = (day: string, n: number): string => dayPlus(day, (d) => addYearsFns(d, n));
/** A number of months on; the day is kept, or becomes the month's last day when the month is shorter (31 August + 6 months = end of February). */
export const addMonths = (day: string, n: number): string => dayPlus(day, (d) => addMonthsFns(d, n));
/** Calendar days from `from` to `to` (negative when `to` lies before): plain UTC day numbers, no parsing (called per row in lists). */
const utcDay = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
export const daysBetween = (from: string, to: string): number => Math.round((utcDay(to) - utcDay(from)) / 86_400_000);
/** Day arithmetic on UTC day numbers, for loops over many days (the school calendar): the same answer as addDays, no parsing. */
export const shiftDay = (day: string, n: number): string => new Date(utcDay(day) + n * 86_400_000).toISOString().slice(0, 10);
/** The ISO weekday of a calendar day: 1 = Monday … 7 = Sunday. */
export const weekdayOf = (day: string): number => {
  const d = new Date(utcDay(day)).getUTCDay();
  return d === 0 ? 7 : d;
};
/** The Monday of the calendar week (Monday to Sunday) a day falls in. */
export const mondayOf = (day: string): string => shiftDay(day, 1 - weekdayOf(day));
/** Whether 'YYYY-MM-DD' names a day that exists (no 31 April, 29 February only in a leap year). */
export const isRealDay = (day: string): boolean => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const t = new Date(utcDay(day));
  return t.toISOString().slice(0, 10) === day;
};
/** The calendar day after, and before (cheap, for loops). */
export const nextDay = (day: string): string => shiftDay(day, 1);
export const previousDay = (day: string): string => shiftDay(day, -1);
/** Every calendar day from `from` to `to`, both included (empty when `to` lies before `from`). */
export const daysFromTo = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let d = from; d <= to; d = shiftDay(d, 1)) out.push(d);
  return out;
};
/** '22 november 2026' for a calendar day. */
export const formatDay = (day: string): string => format(parseISO(day), 'd MMMM yyyy', { locale: nl });

/** '31-01-2027' for a calendar day: how forms show and ask a day (dd-mm-jjjj), whatever the wire format. */
export const formatDayNumeric = (day: string): string => {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  return m ? `${m[3]}-${m[2]}-${m[1]}` : day;
};

const pad = (n: string) => n.padStart(2, '0');
/**
 * A typed day as 'YYYY-MM-DD': '31-01-2027', '31-1-2027', '31/1/2027', '31.01.27', '31 01 2027', '31012027',
 * and '2027-01-31' as pasted from elsewhere. A two-digit year is in this century (pupils are born after 2000).
 * Whether the day exists is the schema's check (`day` in platform/http/schemas.ts): '31-02-2027' becomes
 * '2027-02-31' and is refused there with its message; text that is no day at all comes back trimmed.
 */
export function parseDayInput(text: string): string {
  const s = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (iso) return `${iso[1]}-${pad(iso[2]!)}-${pad(iso[3]!)}`;
  const dmy = /^(\d{1,2})[-/. ]+(\d{1,2})[-/. ]+(\d{4}|\d{2})$/.exec(s) ?? /^(\d{2})(\d{2})(\d{4})$/.exec(s);
  if (!dmy) return s;
  const year = dmy[3]!.length === 2 ? `20${dmy[3]}` : dmy[3]!;
  return `${year}-${pad(dmy[2]!)}-${pad(dmy[1]!)}`;
}

/**
 * A typed day and time as 'YYYY-MM-DDTHH:mm' (Dutch local time, as a datetime-local field gives it):
 * '31-01-2027 14:00', '31-1-2027 9.30', or '2027-01-31T14:00'. Text that is no day and time comes back trimmed.
 */
export function parseDateTimeInput(text: string): string {
  const s = text.trim();
  const m = /^(.+?)(?:\s+|T)(\d{1,2})[:.](\d{2})$/.exec(s);
  if (!m) return s;
  const day = parseDayInput(m[1]!);
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? `${day}T${pad(m[2]!)}:${m[3]}` : s;
}

/** '31-01-2027 14:00' for a 'YYYY-MM-DDTHH:mm' local date and time. */
export const formatDateTimeNumeric = (local: string): string => {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(local);
  return m ? `${formatDayNumeric(m[1]!)} ${m[2]}` : local;
};

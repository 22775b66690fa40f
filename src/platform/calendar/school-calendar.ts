/**
 * The school calendar: which days a school gives lessons, what a school week
 * is, and windows of school weeks. Every legal clock in school weeks goes
 * through it (absence: Leerplichtwet 1969 art. 21a, "vier opeenvolgende
 * lesweken"); clocks in calendar weeks (zorgplicht) do not, and say so.
 *
 * Vocabulary (all days 'YYYY-MM-DD', calendar days free of time zones):
 * - school day: Monday to Friday, not in a school holiday of the school's
 *   region (holidays.ts, from Rijksoverheid), not a public holiday on which
 *   schools close, and not one of the school's own free days (study days,
 *   Good Friday where the school closes). A school without a region has only
 *   weekends, public holidays and its free days: the school page asks its
 *   leader to set the region.
 * - school week (lesweek): a calendar week, Monday to Sunday, with at least
 *   one school day. A holiday week is no school week, and it neither counts
 *   nor breaks "consecutive": four consecutive school weeks around the
 *   autumn holiday span five calendar weeks. A week with a single school day
 *   (Monday after Easter, Ascension Thursday and the Friday the school closes)
 *   is a full school week.
 * - Outside the days holidays.ts covers the regional holidays are unknown;
 *   `covers(day)` says so, and such days count as school days unless a
 *   weekend, public holiday or free day.
 */
import { daysBetween, mondayOf, nextDay, previousDay, shiftDay as addDays, weekdayOf } from '../time.ts';
import { FIRST_COVERED_DAY, LAST_COVERED_DAY, publicHolidays, schoolHolidays, type HolidayRegion } from './holidays.ts';

export interface FreeDay {
  day: string;
  label: string;
}

export interface SchoolCalendarSettings {
  region: HolidayRegion | null;
  /** The school's own days without lessons (study days, a closed Good Friday). */
  freeDays: readonly FreeDay[];
}

export interface SchoolWindow {
  /** The Mondays of the school weeks in the window, oldest first. */
  weeks: string[];
  /** The first day of the oldest week (a Monday) and the day the window ends on. */
  from: string;
  to: string;
}

export interface SchoolCalendar {
  readonly region: HolidayRegion | null;
  /** Why the school gives no lessons on a day ('Weekend', 'Kerstvakantie', 'Koningsdag', a free day's label), or null on a school day. */
  closedBecause(day: string): string | null;
  isSchoolDay(day: string): boolean;
  /** Whether the holiday data covers the day (outside it, regional holidays are unknown). */
  covers(day: string): boolean;
  /** Whether the calendar week (Monday to Sunday) the day falls in has a school day. */
  isSchoolWeek(day: string): boolean;
  /** The school days from `from` to `to`, both included. */
  schoolDays(from: string, to: string): string[];
  /** How many school weeks have a school day from `from` to `to` (both included); 0 when `to` lies before `from`. */
  schoolWeeksBetween(from: string, to: string): number;
  /**
   * The `n` consecutive school weeks that end with the week of `day` (or,
   * when that week has no school day, with the last school week before it),
   * skipping weeks without school days: the window of art. 21a's "vier
   * opeenvolgende lesweken". Fewer than `n` only when the calendar has no
   * more school weeks before (a year of free days).
   */
  windowEndingAt(day: string, n: number): SchoolWindow;
  /** The same weekday `n` school weeks later (negative: earlier), counting only school weeks; from a week without school days, the first school week after it is week 1. */
  addSchoolWeeks(day: string, n: number): string;
  /**
   * Whether the days from `from` to `to` last more than `n` school weeks:
   * `to` reaches the same weekday `n` school weeks after `from`. "Meer dan
   * 4 weken" not attending makes a thuiszitter (DOMAIN C7; Thuiszitterspact).
   */
  spansMoreThanSchoolWeeks(from: string, to: string, n: number): boolean;
  nextSchoolDay(day: string): string;
  previousSchoolDay(day: string): string;
}

/** The school year a day falls in, e.g. '2026-2027': 1 August to 31 July (WVO art. 1, "schooljaar"). */
export function schoolYearOfDay(day: string): string {
  const y = Number(day.slice(0, 4));
  const start = Number(day.slice(5, 7)) >= 8 ? y : y - 1;
  return `${start}-${start + 1}`;
}

/** First and last day of a school year ('2026-2027' → 1 August 2026 to 31 July 2027). */
export function schoolYearBounds(schoolYear: string): { from: string; to: string } {
  const start = Number(schoolYear.slice(0, 4));
  return { from: `${start}-08-01`, to: `${start + 1}-07-31` };
}

/** Regional holidays per day, built once per region. */
const holidayDays = new Map<HolidayRegion, Map<string, string>>();
function holidaysOf(region: HolidayRegion): Map<string, string> {
  let days = holidayDays.get(region);
  if (!days) {
    days = new Map();
    for (const h of schoolHolidays(region)) for (let d = h.from; d <= h.to; d = nextDay(d)) days.set(d, h.name);
    holidayDays.set(region, days);
  }
  return days;
}
const publicDays = new Map<number, Map<string, string>>();
function publicHolidayOn(day: string): string | undefined {
  const year = Number(day.slice(0, 4));
  let days = publicDays.get(year);
  if (!days) {
    days = new Map(publicHolidays(year).map((h) => [h.day, h.name]));
    publicDays.set(year, days);
  }
  return days.get(day);
}

/** A calendar never looks further than this for school weeks: two school years hold about 80. */
const SEARCH_LIMIT_WEEKS = 110;

export function schoolCalendar(settings: SchoolCalendarSettings): SchoolCalendar {
  const region = settings.region;
  const regional = region ? holidaysOf(region) : null;
  const free = new Map(settings.freeDays.map((f) => [f.day, f.label || 'Vrije dag van de school']));
  const memo = new Map<string, string | null>();
  const weekMemo = new Map<string, boolean>();

  const covers = (day: string) => day >= FIRST_COVERED_DAY && day <= LAST_COVERED_DAY;
  const closedBecause = (day: string): string | null => {
    const known = memo.get(day);
    if (known !== undefined) return known;
    const why = weekdayOf(day) >= 6 ? 'Weekend' : (free.get(day) ?? publicHolidayOn(day) ?? regional?.get(day) ?? null);
    memo.set(day, why);
    return why;
  };
  const isSchoolDay = (day: string) => closedBecause(day) === null;
  const isSchoolWeek = (day: string) => {
    const monday = mondayOf(day);
    let known = weekMemo.get(monday);
    if (known === undefined) {
      known = false;
      for (let i = 0, d = monday; i < 5; i++, d = nextDay(d)) {
        if (isSchoolDay(d)) {
          known = true;
          break;
        }
      }
      weekMemo.set(monday, known);
    }
    return known;
  };
  const schoolDays = (from: string, to: string) => {
    const out: string[] = [];
    for (let d = from; d <= to; d = nextDay(d)) if (isSchoolDay(d)) out.push(d);
    return out;
  };
  const schoolWeeksBetween = (from: string, to: string) => {
    if (to < from) return 0;
    let n = 0;
    for (let monday = mondayOf(from); monday <= to; monday = addDays(monday, 7)) {
      const first = monday < from ? from : monday;
      const friday = addDays(monday, 4);
      const last = friday > to ? to : friday;
      if (first <= last && schoolDays(first, last).length > 0) n++;
    }
    return n;
  };
  const windowEndingAt = (day: string, n: number): SchoolWindow => {
    const weeks: string[] = [];
    let monday = mondayOf(day);
    for (let i = 0; weeks.length < n && i < SEARCH_LIMIT_WEEKS; i++, monday = addDays(monday, -7)) {
      if (isSchoolWeek(monday)) weeks.unshift(monday);
    }
    return { weeks, from: weeks[0] ?? mondayOf(day), to: day };
  };
  const addSchoolWeeks = (day: string, n: number) => {
    const offset = daysBetween(mondayOf(day), day);
    const step = n >= 0 ? 7 : -7;
    let monday = mondayOf(day);
    let left = Math.abs(n);
    for (let i = 0; left > 0 && i < SEARCH_LIMIT_WEEKS * 3; i++) {
      monday = addDays(monday, step);
      if (isSchoolWeek(monday)) left--;
    }
    return addDays(monday, offset);
  };
  const spansMoreThanSchoolWeeks = (from: string, to: string, n: number) => to >= addSchoolWeeks(from, n);
  const nextSchoolDay = (day: string) => {
    let d = nextDay(day);
    for (let i = 0; !isSchoolDay(d) && i < SEARCH_LIMIT_WEEKS * 7; i++) d = nextDay(d);
    return d;
  };
  const previousSchoolDay = (day: string) => {
    let d = previousDay(day);
    for (let i = 0; !isSchoolDay(d) && i < SEARCH_LIMIT_WEEKS * 7; i++) d = previousDay(d);
    return d;
  };
  return { region, closedBecause, isSchoolDay, covers, isSchoolWeek, schoolDays, schoolWeeksBetween, windowEndingAt, addSchoolWeeks, spansMoreThanSchoolWeeks, nextSchoolDay, previousSchoolDay };
}

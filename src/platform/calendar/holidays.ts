/**
 * The national school holidays, per holiday region, and the public holidays
 * on which schools are closed: data, not rules, so a new school year is a
 * new block here and nothing else.
 *
 * Source: Rijksoverheid, "Schoolvakanties — Overzicht schoolvakanties per
 * schooljaar" (https://www.rijksoverheid.nl/onderwerpen/schoolvakanties/
 * overzicht-schoolvakanties-per-schooljaar, pages 2024-2025 … 2028-2029),
 * which publishes the Regeling vaststelling schoolvakanties of the Minister of
 * OCW: summer, Christmas and May holidays are set; autumn and spring dates are
 * the ministry's advice ("adviesdata": a school may deviate, and then records
 * its own days as extra free days or sets them per school). Every period runs
 * from Saturday to Sunday, both included, as published.
 *
 * Regions (Rijksoverheid, "Regio-indeling schoolvakanties"): noord —
 * Groningen, Friesland, Drenthe, Overijssel, Flevoland, Noord-Holland; midden
 * — Utrecht, Zuid-Holland, the north of Gelderland; zuid — Zeeland,
 * Noord-Brabant, Limburg, the south of Gelderland. A few municipalities differ
 * from their province, so a school picks its region; it is not derived.
 *
 * Update once a year: add the next school year's block from the same page
 * and move LAST_COVERED_DAY on.
 */

export const HOLIDAY_REGIONS = ['noord', 'midden', 'zuid'] as const;
export type HolidayRegion = (typeof HOLIDAY_REGIONS)[number];
export const holidayRegionLabels: Record<HolidayRegion, string> = { noord: 'Regio Noord', midden: 'Regio Midden', zuid: 'Regio Zuid' };

export interface HolidayPeriod {
  name: 'Herfstvakantie' | 'Kerstvakantie' | 'Voorjaarsvakantie' | 'Meivakantie' | 'Zomervakantie';
  /** First and last day, both included ('YYYY-MM-DD'). */
  from: string;
  to: string;
}

/** The days the data below covers: from the summer holiday of 2024 to the end of school year 2028-2029. */
export const FIRST_COVERED_DAY = '2024-07-01';
export const LAST_COVERED_DAY = '2029-07-31';
/** The school years the data covers, for pickers and tests. */
export const COVERED_SCHOOL_YEARS = ['2024-2025', '2025-2026', '2026-2027', '2027-2028', '2028-2029'] as const;

type PerRegion = Record<HolidayRegion, [string, string]>;
const same = (from: string, to: string): PerRegion => ({ noord: [from, to], midden: [from, to], zuid: [from, to] });
const per = (noord: [string, string], midden: [string, string], zuid: [string, string]): PerRegion => ({ noord, midden, zuid });

const TABLE: { name: HolidayPeriod['name']; dates: PerRegion }[] = [
  // End of school year 2023-2024: its summer holiday runs into August 2024.
  { name: 'Zomervakantie', dates: per(['2024-07-20', '2024-09-01'], ['2024-07-13', '2024-08-25'], ['2024-07-06', '2024-08-18']) },

  // 2024-2025
  { name: 'Herfstvakantie', dates: per(['2024-10-26', '2024-11-03'], ['2024-10-26', '2024-11-03'], ['2024-10-19', '2024-10-27']) },
  { name: 'Kerstvakantie', dates: same('2024-12-21', '2025-01-05') },
  { name: 'Voorjaarsvakantie', dates: per(['2025-02-15', '2025-02-23'], ['2025-02-22', '2025-03-02'], ['2025-02-22', '2025-03-02']) },
  { name: 'Meivakantie', dates: same('2025-04-26', '2025-05-04') },
  { name: 'Zomervakantie', dates: per(['2025-07-12', '2025-08-24'], ['2025-07-19', '2025-08-31'], ['2025-07-05', '2025-08-17']) },

  // 2025-2026
  { name: 'Herfstvakantie', dates: per(['2025-10-18', '2025-10-26'], ['2025-10-18', '2025-10-26'], ['2025-10-11', '2025-10-19']) },
  { name: 'Kerstvakantie', dates: same('2025-12-20', '2026-01-04') },
  { name: 'Voorjaarsvakantie', dates: per(['2026-02-21', '2026-03-01'], ['2026-02-14', '2026-02-22'], ['2026-02-14', '2026-02-22']) },
  { name: 'Meivakantie', dates: same('2026-04-25', '2026-05-03') },
  { name: 'Zomervakantie', dates: per(['2026-07-04', '2026-08-16'], ['2026-07-18', '2026-08-30'], ['2026-07-11', '2026-08-23']) },

  // 2026-2027
  { name: 'Herfstvakantie', dates: per(['2026-10-10', '2026-10-18'], ['2026-10-17', '2026-10-25'], ['2026-10-17', '2026-10-25']) },
  { name: 'Kerstvakantie', dates: same('2026-12-19', '2027-01-03') },
  { name: 'Voorjaarsvakantie', dates: per(['2027-02-20', '2027-02-28'], ['2027-02-20', '2027-02-28'], ['2027-02-06', '2027-02-14']) },
  { name: 'Meivakantie', dates: same('2027-04-24', '2027-05-02') },
  { name: 'Zomervakantie', dates: per(['2027-07-10', '2027-08-22'], ['2027-07-17', '2027-08-29'], ['2027-07-24', '2027-09-05']) },

  // 2027-2028
  { name: 'Herfstvakantie', dates: per(['2027-10-16', '2027-10-24'], ['2027-10-16', '2027-10-24'], ['2027-10-23', '2027-10-31']) },
  { name: 'Kerstvakantie', dates: same('2027-12-25', '2028-01-09') },
  { name: 'Voorjaarsvakantie', dates: per(['2028-02-19', '2028-02-27'], ['2028-02-26', '2028-03-05'], ['2028-02-26', '2028-03-05']) },
  { name: 'Meivakantie', dates: same('2028-04-29', '2028-05-07') },
  { name: 'Zomervakantie', dates: per(['2028-07-15', '2028-08-27'], ['2028-07-08', '2028-08-20'], ['2028-07-22', '2028-09-03']) },

  // 2028-2029
  { name: 'Herfstvakantie', dates: per(['2028-10-14', '2028-10-22'], ['2028-10-21', '2028-10-29'], ['2028-10-21', '2028-10-29']) },
  { name: 'Kerstvakantie', dates: same('2028-12-23', '2029-01-07') },
  { name: 'Voorjaarsvakantie', dates: per(['2029-02-17', '2029-02-25'], ['2029-02-17', '2029-02-25'], ['2029-02-10', '2029-02-18']) },
  { name: 'Meivakantie', dates: same('2029-04-28', '2029-05-06') },
  { name: 'Zomervakantie', dates: per(['2029-07-21', '2029-09-02'], ['2029-07-07', '2029-08-19'], ['2029-07-14', '2029-08-26']) },
];

/** The school holidays of a region, in date order. */
export const schoolHolidays = (region: HolidayRegion): HolidayPeriod[] =>
  TABLE.map((t) => ({ name: t.name, from: t.dates[region][0], to: t.dates[region][1] }));

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

/** Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return ymd(year, month, day);
}

const plus = (day: string, n: number) => new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)) + n)).toISOString().slice(0, 10);

/**
 * The public holidays on which schools are closed, in a calendar year: the
 * generally recognised holidays of the Algemene termijnenwet art. 3 — New
 * Year's Day, Easter Monday, King's Day (27 April, or 26 April when the 27th
 * is a Sunday), Ascension Day, Whit Monday, Christmas Day and Boxing Day.
 * Liberation Day (5 May) is in that list too, but schools are closed on it
 * only in the lustrum years (2025, 2030: the CAOs for PO and VO).
 * Good Friday and the Friday after Ascension are not national days off; a
 * school that closes on them records them as its own free days.
 */
export function publicHolidays(year: number): { day: string; name: string }[] {
  const easter = easterSunday(year);
  const kingsDay = new Date(Date.UTC(year, 3, 27)).getUTCDay() === 0 ? ymd(year, 4, 26) : ymd(year, 4, 27);
  const days = [
    { day: ymd(year, 1, 1), name: 'Nieuwjaarsdag' },
    { day: plus(easter, 1), name: 'Tweede Paasdag' },
    { day: kingsDay, name: 'Koningsdag' },
    ...(year % 5 === 0 ? [{ day: ymd(year, 5, 5), name: 'Bevrijdingsdag' }] : []),
    { day: plus(easter, 39), name: 'Hemelvaartsdag' },
    { day: plus(easter, 50), name: 'Tweede Pinksterdag' },
    { day: ymd(year, 12, 25), name: 'Eerste Kerstdag' },
    { day: ymd(year, 12, 26), name: 'Tweede Kerstdag' },
  ];
  return days.sort((x, y) => (x.day < y.day ? -1 : 1));
}

import { addDays, addMonths, addYears, formatDay } from '../../platform/time.ts';

/**
 * The date rules of a toelaatbaarheidsverklaring (TLV), as pure functions on
 * calendar days ('YYYY-MM-DD'). Used by the decision (which refuses a period
 * that breaks them), the TLV register (the "ends soon" flag and filter) and
 * the extension request (the suggested new period).
 *
 * - A TLV runs at least to the end of the school year it starts in (the
 *   partnership's rule; the law leaves the duration to the partnership).
 *   Dutch school years end on 31 July.
 * - A period longer than 10 years is refused as a typing error: no
 *   partnership grants that, and the experts' advice caps the duration at
 *   120 months (AdviceInput.durationMonths).
 */

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** The longest period accepted, in years (see above). */
export const MAX_TLV_YEARS = 10;
/** "Ends soon" in the register: within this many months from today. */
export const ENDS_SOON_MONTHS = 6;

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysIn = (y: number, m: number) => [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;

/** Whether the text is a day that exists ('2027-02-29' does not). */
export function isCalendarDay(day: string): boolean {
  const m = DAY.exec(day);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return y >= 1900 && y <= 2999 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(y, mo);
}

/** The last day (31 July) of the school year a day falls in: 1 August starts the next one. */
export function schoolYearEndOf(day: string): string {
  const [y, m] = day.split('-').map(Number) as [number, number];
  return `${m >= 8 ? y + 1 : y}-07-31`;
}

/** The school year a day falls in, e.g. '2026-2027'. */
export function schoolYearLabelOf(day: string): string {
  const end = Number(schoolYearEndOf(day).slice(0, 4));
  return `${end - 1}-${end}`;
}

/**
 * The earliest end a TLV starting on this day may have: 31 July of its
 * school year. A TLV that starts on 31 July itself (the last day of a school
 * year, in the summer holiday) is for the coming school year, so it runs to
 * the 31 July after that (the register also needs the end after the start).
 */
export function minimumTlvEnd(startsOn: string): string {
  const end = schoolYearEndOf(startsOn);
  return end > startsOn ? end : schoolYearEndOf(addDays(startsOn, 1));
}

/** What is wrong with a TLV period, as Dutch messages for the decision form; empty when it is valid. */
export function validTlvPeriod(startsOn: string, endsOn: string): string[] {
  const messages: string[] = [];
  if (!isCalendarDay(startsOn)) messages.push('Vul een geldige begindatum in, bijvoorbeeld 2026-08-01.');
  if (!isCalendarDay(endsOn)) messages.push('Vul een geldige einddatum in, bijvoorbeeld 2027-07-31.');
  if (messages.length) return messages;
  if (endsOn <= startsOn) return ['De einddatum moet na de begindatum liggen.'];
  const minimum = minimumTlvEnd(startsOn);
  if (endsOn < minimum) {
    messages.push(`Een TLV loopt minstens tot het einde van het schooljaar waarin hij ingaat: kies als einddatum ${formatDay(minimum)} of later.`);
  }
  if (endsOn > addYears(startsOn, MAX_TLV_YEARS)) messages.push(`Een TLV loopt hoogstens ${MAX_TLV_YEARS} jaar. Controleer de einddatum.`);
  return messages;
}

/**
 * Whether a TLV ends between today and `months` months from today (both
 * included). A TLV that has already ended does not "end soon": it ended.
 */
export function expiresWithin(endsOn: string, today: string, months = ENDS_SOON_MONTHS): boolean {
  return endsOn >= today && endsOn <= addMonths(today, months);
}

/** The last day that still counts as "ends soon" on a day: the register filters with it in SQL. */
export const endsSoonUntil = (today: string, months = ENDS_SOON_MONTHS): string => addMonths(today, months);

/**
 * The suggested period of an extension: it starts the day after the previous
 * TLV ends, and runs to the end of the school year it starts in plus one more
 * school year. A TLV that ended on 31 July is thus extended by two full school
 * years; one ending mid-year by the rest of that year and the next. Why two:
 * a pupil who still needs special education after a first TLV rarely needs
 * less than that, and a yearly reassessment costs the school, the parents and
 * the experts a full procedure each time. The director can shorten it in the
 * decision; the suggestion always passes validTlvPeriod.
 */
export function extensionPeriod(previousEndsOn: string): { startsOn: string; endsOn: string } {
  const startsOn = addDays(previousEndsOn, 1);
  return { startsOn, endsOn: addYears(minimumTlvEnd(startsOn), 1) };
}

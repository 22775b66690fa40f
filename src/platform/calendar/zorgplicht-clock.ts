import { addWeeks, daysBetween, today as todayOf } from '../time.ts';
import { urgencyOf, type Urgency } from '../work.ts';

/**
 * The zorgplicht clock: when a school must decide on a registration
 * (aanmelding) of a pupil who may need extra support.
 *
 * The law (Wet passend onderwijs, 2014): the school's board decides within
 * **6 weeks** of receiving the written registration, may extend that term
 * **once by at most 4 weeks**, telling the parents in writing, and when no
 * decision is taken **10 weeks** after receipt, a pupil who is not enrolled at
 * any school is entitled to a temporary place at that school (WPO art. 40
 * lid 4 for primary, WEC art. 40 lid 5 for special education, WVO 2020
 * art. 2.33 lid 2 for secondary; DOMAIN.md C6).
 *
 * The weeks are calendar weeks: holidays count (unlike the school weeks of
 * the absence clock, platform/calendar/school-calendar.ts). Days are
 * 'YYYY-MM-DD' in Dutch time; all arithmetic goes through platform/time.ts.
 */

/** The decision term: 6 weeks after receipt. */
export const DECISION_WEEKS = 6;
/** The one extension: at most 4 weeks on top of the 6. */
export const MAX_EXTENSION_WEEKS = 4;
/** From 10 weeks after receipt without a decision: the right to a temporary place. */
export const TEMPORARY_PLACE_WEEKS = DECISION_WEEKS + MAX_EXTENSION_WEEKS;

/** The decision day: the registration received on `receivedOn` must be decided on or before it. */
export const decisionDueOn = (receivedOn: string): string => addWeeks(receivedOn, DECISION_WEEKS);

/** The last day an extension may reach: 6 + 4 weeks after receipt. */
export const latestExtensionOn = (receivedOn: string): string => addWeeks(receivedOn, DECISION_WEEKS + MAX_EXTENSION_WEEKS);

/** From this day on, with no decision, a pupil enrolled nowhere may claim a temporary place at the school. */
export const temporaryPlaceFrom = (receivedOn: string): string => addWeeks(receivedOn, TEMPORARY_PLACE_WEEKS);

/**
 * Why an extension to `extendTo` cannot be made now, in Dutch, or null when it
 * can: the term is extended once, to a day after the 6 weeks and at most 4
 * weeks after them, and before the 6 weeks have run out (a term that has
 * passed cannot be extended any more; the parents must be told within it).
 */
export function extensionRefusal(o: { receivedOn: string; extendedTo: string | null; today: string }, extendTo: string): string | null {
  if (o.extendedTo !== null) return 'De beslistermijn is al eens verlengd; de wet staat één verlenging toe.';
  const due = decisionDueOn(o.receivedOn);
  if (o.today > due) return 'De beslistermijn van 6 weken is al verstreken; verlengen kan alleen binnen die termijn.';
  if (extendTo <= due) return 'Kies een dag na het einde van de termijn van 6 weken.';
  if (extendTo > latestExtensionOn(o.receivedOn)) return 'Verlengen kan met ten hoogste 4 weken.';
  return null;
}

export interface ZorgplichtClockInput {
  /** The day the school received the written registration. */
  receivedOn: string;
  /** The extended decision day, when the school extended once. */
  extendedTo: string | null;
  /** The day of the decision (or of the withdrawal), when there is one. */
  decidedOn: string | null;
}

export interface ZorgplichtClock {
  received: string;
  /** 6 weeks after receipt. */
  due: string;
  extendedTo: string | null;
  /** The day that counts now: the extension, else the 6 weeks. */
  decideBy: string;
  /** 10 weeks after receipt: the temporary-place moment. */
  temporaryPlaceFrom: string;
  decidedOn: string | null;
  /** Days from today to decideBy (negative when overdue); null once decided. */
  daysLeft: number | null;
  /** For colour: overdue (red), now (due within a week), soon, later; 'later' once decided. */
  urgency: Urgency;
  /** Whether the decision came (or, open, can still come) in time. */
  inTime: boolean;
  /** Open past the 10 weeks: a pupil enrolled nowhere may claim a temporary place now. */
  temporaryPlaceDue: boolean;
}

/**
 * The clock of one registration as every view shows it (the school's list,
 * the partnership's board, the pupil page, the parents' page), on `today`
 * ('YYYY-MM-DD', or an instant taken as its Dutch day).
 */
export function clockOf(r: ZorgplichtClockInput, today: string | Date = new Date()): ZorgplichtClock {
  const day = typeof today === 'string' ? today : todayOf(today);
  const due = decisionDueOn(r.receivedOn);
  const decideBy = r.extendedTo ?? due;
  const open = r.decidedOn === null;
  const temporary = temporaryPlaceFrom(r.receivedOn);
  return {
    received: r.receivedOn,
    due,
    extendedTo: r.extendedTo,
    decideBy,
    temporaryPlaceFrom: temporary,
    decidedOn: r.decidedOn,
    daysLeft: open ? daysBetween(day, decideBy) : null,
    urgency: open ? urgencyOf(decideBy, day) : 'later',
    inTime: open ? day <= decideBy : r.decidedOn! <= decideBy,
    temporaryPlaceDue: open && day >= temporary,
  };
}

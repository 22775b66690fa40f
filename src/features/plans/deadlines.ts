import { addWeeks, addYears } from '../../platform/time.ts';

/**
 * The legal and agreed clocks of the OPP (drawn up within 6 weeks, evaluated at
 * least yearly; docs/decisions/0007-opp.md), as pure functions on calendar days
 * ('YYYY-MM-DD'); the overview, the reminders and the numbers all ask these, so
 * a rule changes in one place.
 */

/** Kinds of school where every pupil needs an OPP (WEC art. 41a, WVO: pro, vso, so, sbo). */
export const OPP_REQUIRED_SCHOOL_KINDS = ['pro', 'vso', 'so', 'sbo'] as const;
/** An OPP is drawn up within 6 weeks of placement (WEC art. 41a lid 2; WVO art. 17a lid 9). */
export const OPP_DUE_WEEKS = 6;
/** "Evaluation due" shows this far ahead, so a talk with the parents can still be planned. */
export const EVALUATION_DUE_SOON_WEEKS = 6;
/** A plan sent to the parents without an answer for this long needs a call (the school's own rule of thumb). */
export const ANSWER_WAIT_WEEKS = 4;
/** The author is reminded this long before an evaluation date: time to plan the talk. */
export const EVALUATION_REMINDER_WEEKS = 2;

export const oppRequiredAtSchool = (schoolKind: string): boolean => (OPP_REQUIRED_SCHOOL_KINDS as readonly string[]).includes(schoolKind);

/** The day an OPP must exist for a pupil placed on `placementOn`. */
export const oppDueOn = (placementOn: string): string => addWeeks(placementOn, OPP_DUE_WEEKS);

/** Past the 6 weeks without an OPP: due day lies before today. */
export const oppMissingOverdue = (placementOn: string, today: string): boolean => oppDueOn(placementOn) < today;

/**
 * When the plan in force must next be evaluated: the earliest planned
 * evaluation date after the last moment it was looked at (agreement or the
 * last evaluation), and never later than a year after that moment
 * (evaluated at least yearly). A planned date that passed without an
 * evaluation stays the due date: that is what "overdue" means.
 */
export function evaluationDueOn(o: { planned: readonly string[]; since: string }): string {
  const yearly = addYears(o.since, 1);
  const next = [...o.planned].filter((d) => d > o.since).sort()[0];
  return next !== undefined && next < yearly ? next : yearly;
}

/**
 * The next evaluation as the brief and parents read it: the earliest planned
 * date from today on; when none is left, a year after agreement.
 */
export function nextEvaluationOn(o: { planned: readonly string[]; agreedOn: string; today: string }): string {
  return [...o.planned].filter((d) => d >= o.today).sort()[0] ?? addYears(o.agreedOn, 1);
}

/** Due within the window (today included), not yet passed. */
export const isDueSoon = (dueOn: string, today: string, weeks = EVALUATION_DUE_SOON_WEEKS): boolean => dueOn >= today && dueOn <= addWeeks(today, weeks);

/** Sent to the parents and still without a full answer after 4 weeks. */
export const answerOverdue = (sentOn: string, today: string): boolean => addWeeks(sentOn, ANSWER_WAIT_WEEKS) < today;

export type OverviewStatus = 'draft' | 'with_parents' | 'agreed' | 'disagreement' | 'evaluation_due' | 'overdue' | 'closed';
export const overviewStatuses = ['draft', 'with_parents', 'agreed', 'disagreement', 'evaluation_due', 'overdue', 'closed'] as const;

export interface PlanClock {
  status: 'draft' | 'with_parents' | 'agreed' | 'disagreed' | 'closed';
  /** Day the current version went to the parents. */
  sentOn: string | null;
  /** Day the plan in force was agreed (the latest agreed version), if any. */
  agreedOn: string | null;
  /** Evaluation dates planned in the plan in force. */
  planned: readonly string[];
  /** Day of the latest evaluation held since agreement. */
  lastEvaluatedOn: string | null;
}

/**
 * The status the school sees: the plan's own status, sharpened by the clocks.
 * Overdue: an evaluation date passed without an evaluation, or the parents
 * have not answered for 4 weeks. Evaluation due: within the next 6 weeks.
 */
export function overviewStatus(p: PlanClock, today: string): { status: OverviewStatus; dueOn: string | null; reason: 'evaluation' | 'answer' | null } {
  if (p.status === 'closed') return { status: 'closed', dueOn: null, reason: null };
  const dueOn = p.agreedOn ? evaluationDueOn({ planned: p.planned, since: maxDay(p.agreedOn, p.lastEvaluatedOn) }) : null;
  if (dueOn && dueOn < today) return { status: 'overdue', dueOn, reason: 'evaluation' };
  if (p.status === 'with_parents' && p.sentOn && answerOverdue(p.sentOn, today)) return { status: 'overdue', dueOn, reason: 'answer' };
  if (p.status === 'disagreed') return { status: 'disagreement', dueOn, reason: null };
  if (dueOn && isDueSoon(dueOn, today)) return { status: 'evaluation_due', dueOn, reason: 'evaluation' };
  return { status: p.status === 'agreed' ? 'agreed' : p.status, dueOn, reason: null };
}

export const maxDay = (a: string, b: string | null | undefined): string => (b && b > a ? b : a);

/**
 * Each evaluation that fell due for one agreed version, and when it was held:
 * walk from the agreement, due → the first evaluation held after the last
 * one → next due, until an evaluation ends the version (a new version or
 * closing) or none was held. For the numbers: "evaluated on time" = held on
 * or before the day it was due.
 */
export function evaluationRecord(o: {
  agreedOn: string;
  planned: readonly string[];
  held: readonly { heldOn: string; endsVersion: boolean }[];
  today: string;
}): { dueOn: string; heldOn: string | null }[] {
  const held = [...o.held].sort((a, b) => (a.heldOn < b.heldOn ? -1 : a.heldOn > b.heldOn ? 1 : 0));
  const out: { dueOn: string; heldOn: string | null }[] = [];
  let since = o.agreedOn;
  // A plan is evaluated at most a few times a year; the bound keeps a bad row from looping.
  for (let i = 0; i < 100; i++) {
    const dueOn = evaluationDueOn({ planned: o.planned, since });
    const next = held.find((h) => h.heldOn > since);
    if (!next) {
      // Not held (yet): it counts only once it is due.
      if (dueOn <= o.today) out.push({ dueOn, heldOn: null });
      return out;
    }
    out.push({ dueOn, heldOn: next.heldOn });
    if (next.endsVersion) return out;
    since = next.heldOn;
  }
  return out;
}

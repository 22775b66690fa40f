import { addDays, daysBetween, today } from '../../../platform/time.ts';

export interface ClockRow {
  submittedAt: Date | null;
  decisionDueOn: string | null;
  waitingSince: Date | null;
  waitingDays: number;
  decidedAt: Date | null;
}

/**
 * Days since submission, the decision date and the days to it, and the days
 * spent waiting for the school. Waiting for an addition suspends the clock:
 * the decision date moves by the days the partnership waited, so asking for
 * more never eats the partnership's own time, and the school sees why.
 */
export function clockOf(c: ClockRow, now = new Date()) {
  const end = c.decidedAt ?? now;
  const openWait = c.waitingSince ? Math.max(0, daysBetween(today(c.waitingSince), today(now))) : 0;
  const waited = c.waitingDays + openWait;
  const dueOn = c.decisionDueOn ? addDays(c.decisionDueOn, waited) : null;
  return {
    submittedAt: c.submittedAt,
    daysSinceSubmission: c.submittedAt ? daysBetween(today(c.submittedAt), today(end)) : null,
    decisionDueOn: dueOn,
    daysToTarget: dueOn && !c.decidedAt ? daysBetween(today(now), dueOn) : null,
    waitingDays: waited,
    waitingForSchool: c.waitingSince !== null,
  };
}

export const clockColumns = (alias: string) =>
  `${alias}.submitted_at as "submittedAt", ${alias}.decision_due_on::text as "decisionDueOn", ${alias}.waiting_since as "waitingSince", ${alias}.waiting_days as "waitingDays", ${alias}.decided_at as "decidedAt"`;

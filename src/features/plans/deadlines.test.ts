import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addWeeks, addYears, daysBetween } from '../../platform/time.ts';
import {
  answerOverdue, evaluationDueOn, evaluationRecord, isDueSoon, nextEvaluationOn, oppDueOn, oppMissingOverdue, overviewStatus, type PlanClock,
} from './deadlines.ts';

/** Calendar days 2000-2099, weighted towards month ends and leap days where rules break first. */
const iso = (d: Date) => d.toISOString().slice(0, 10);
const anyDay = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map(iso);
const edgeDay = fc
  .tuple(fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 1, max: 12 }), fc.constantFrom(1, 28, 29, 30, 31))
  .map(([y, m, d]) => iso(new Date(Date.UTC(y, m - 1, Math.min(d, new Date(Date.UTC(y, m, 0)).getUTCDate())))));
const day = fc.oneof(anyDay, edgeDay, fc.constantFrom('2024-02-29', '2028-02-29', '2000-02-29', '2025-12-31', '2026-01-31'));

describe('OPP due 6 weeks after placement', () => {
  it('is exactly 42 calendar days later, whatever the month or leap year', () => {
    fc.assert(fc.property(day, (p) => {
      expect(daysBetween(p, oppDueOn(p))).toBe(42);
      expect(oppDueOn(p)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }));
  });
  it('is overdue from day 43, not on day 42', () => {
    fc.assert(fc.property(day, (p) => {
      expect(oppMissingOverdue(p, addDays(p, 42))).toBe(false);
      expect(oppMissingOverdue(p, addDays(p, 43))).toBe(true);
    }));
  });
});

describe('evaluated at least yearly', () => {
  it('a year on is the same day next year, or 28 February for a leap day', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2027-02-28', 1)).toBe('2028-02-28');
    fc.assert(fc.property(day, (d) => {
      const next = addYears(d, 1);
      const days = daysBetween(d, next);
      expect(days === 365 || days === 366).toBe(true);
      if (!d.endsWith('02-29')) expect(next.slice(5)).toBe(d.slice(5));
    }));
  });
  it('due date lies after the last look and never more than a year after it', () => {
    fc.assert(fc.property(day, fc.array(day, { maxLength: 12 }), (since, planned) => {
      const due = evaluationDueOn({ planned, since });
      expect(due > since).toBe(true);
      expect(due <= addYears(since, 1)).toBe(true);
      // It is the earliest planned date after `since` when that is within the year.
      const later = planned.filter((d) => d > since && d < addYears(since, 1));
      for (const d of later) expect(due <= d).toBe(true);
      if (later.length) expect(planned).toContain(due);
    }));
  });
  it('next evaluation is a planned date from today on, else a year after agreement', () => {
    fc.assert(fc.property(day, day, fc.array(day, { maxLength: 12 }), (agreedOn, today, planned) => {
      const next = nextEvaluationOn({ planned, agreedOn, today });
      const future = planned.filter((d) => d >= today);
      if (future.length) expect(next).toBe([...future].sort()[0]);
      else expect(next).toBe(addYears(agreedOn, 1));
    }));
  });
});

describe('due soon and overdue', () => {
  it('due soon means within the next 6 weeks, today included', () => {
    fc.assert(fc.property(day, fc.integer({ min: -60, max: 100 }), (today, offset) => {
      const due = addDays(today, offset);
      expect(isDueSoon(due, today)).toBe(offset >= 0 && offset <= 42);
    }));
  });
  it('an unanswered plan is overdue after 4 weeks', () => {
    fc.assert(fc.property(day, (sent) => {
      expect(answerOverdue(sent, addWeeks(sent, 4))).toBe(false);
      expect(answerOverdue(sent, addDays(addWeeks(sent, 4), 1))).toBe(true);
    }));
  });

  const clock = (o: Partial<PlanClock>): PlanClock => ({ status: 'agreed', sentOn: null, agreedOn: null, planned: [], lastEvaluatedOn: null, ...o });
  it('gives every status by its rule', () => {
    const today = '2026-03-31';
    expect(overviewStatus(clock({ status: 'draft' }), today).status).toBe('draft');
    expect(overviewStatus(clock({ status: 'closed', agreedOn: '2020-01-01' }), today).status).toBe('closed');
    expect(overviewStatus(clock({ status: 'with_parents', sentOn: '2026-03-10' }), today).status).toBe('with_parents');
    expect(overviewStatus(clock({ status: 'with_parents', sentOn: '2026-03-02' }), today)).toEqual({ status: 'overdue', dueOn: null, reason: 'answer' });
    expect(overviewStatus(clock({ status: 'disagreed', sentOn: '2026-03-20' }), today).status).toBe('disagreement');
    expect(overviewStatus(clock({ agreedOn: '2025-10-01', planned: ['2026-06-30'] }), today).status).toBe('agreed');
    expect(overviewStatus(clock({ agreedOn: '2025-10-01', planned: ['2026-05-12'] }), today)).toEqual({ status: 'evaluation_due', dueOn: '2026-05-12', reason: 'evaluation' });
    expect(overviewStatus(clock({ agreedOn: '2025-10-01', planned: ['2026-03-30', '2026-09-01'] }), today)).toEqual({ status: 'overdue', dueOn: '2026-03-30', reason: 'evaluation' });
    // Held after the passed date: the next planned date counts.
    expect(overviewStatus(clock({ agreedOn: '2025-10-01', planned: ['2026-03-30', '2026-09-01'], lastEvaluatedOn: '2026-03-30' }), today).status).toBe('agreed');
    // No planned date: a year after agreement; a leap day agreement is due 28 February.
    expect(overviewStatus(clock({ agreedOn: '2024-02-29' }), '2025-02-28').status).toBe('evaluation_due');
    expect(overviewStatus(clock({ agreedOn: '2024-02-29' }), '2025-03-01').status).toBe('overdue');
  });
  it('an agreed plan is overdue exactly when its due date has passed', () => {
    fc.assert(fc.property(day, fc.array(day, { maxLength: 6 }), fc.integer({ min: 0, max: 800 }), (agreedOn, planned, after) => {
      const today = addDays(agreedOn, after);
      const s = overviewStatus(clock({ agreedOn, planned }), today);
      expect(s.status === 'overdue').toBe(s.dueOn! < today);
      expect(['agreed', 'evaluation_due', 'overdue']).toContain(s.status);
    }));
  });
});

describe('evaluation record for the numbers', () => {
  it('counts a due evaluation once, held or not, and stops at one that ends the version', () => {
    expect(evaluationRecord({ agreedOn: '2025-09-01', planned: ['2026-02-01'], held: [{ heldOn: '2026-01-20', endsVersion: true }], today: '2026-06-01' }))
      .toEqual([{ dueOn: '2026-02-01', heldOn: '2026-01-20' }]);
    expect(evaluationRecord({ agreedOn: '2025-09-01', planned: ['2026-02-01'], held: [], today: '2026-06-01' })).toEqual([{ dueOn: '2026-02-01', heldOn: null }]);
    expect(evaluationRecord({ agreedOn: '2025-09-01', planned: ['2026-02-01'], held: [], today: '2026-01-01' })).toEqual([]);
  });
  it('never lists an unheld evaluation that is not yet due, and dues rise', () => {
    fc.assert(fc.property(day, fc.array(day, { maxLength: 6 }), fc.array(fc.tuple(day, fc.boolean()), { maxLength: 6 }), day, (agreedOn, planned, held, today) => {
      const rec = evaluationRecord({ agreedOn, planned, held: held.map(([heldOn, endsVersion]) => ({ heldOn, endsVersion })), today });
      for (const r of rec) if (r.heldOn === null) expect(r.dueOn <= today).toBe(true);
      for (let i = 1; i < rec.length; i++) expect(rec[i]!.dueOn >= rec[i - 1]!.dueOn).toBe(true);
    }));
  });
});

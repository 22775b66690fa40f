import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../time.ts';
import { clockOf, decisionDueOn, extensionRefusal, latestExtensionOn, temporaryPlaceFrom } from './zorgplicht-clock.ts';

/**
 * The zorgplicht clock (WPO art. 40 lid 4, WEC art. 40 lid 5, WVO 2020
 * art. 2.33 lid 2): 6 calendar weeks after receipt, extended once by at most
 * 4 weeks, a temporary place from 10 weeks. Calendar weeks: the summer and
 * every other holiday count. Plain UTC midnights are the independent check on the days.
 */
const day = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
/** Calendar days between two days, counted independently of platform/time.ts: midnight UTC to midnight UTC. */
const utc = (d: string) => new Date(`${d}T00:00:00Z`);
const span = (a: string, b: string) => (utc(b).getTime() - utc(a).getTime()) / 86_400_000;

describe('the zorgplicht clock', () => {
  it('a registration received on any day of any year is due 42 calendar days later, on the same weekday', () => {
    fc.assert(fc.property(day, (received) => {
        const due = decisionDueOn(received);
        expect(span(received, due)).toBe(42);
        expect(utc(due).getUTCDay()).toBe(utc(received).getUTCDay());
        expect(span(received, temporaryPlaceFrom(received))).toBe(70);
        expect(span(received, latestExtensionOn(received))).toBe(70);
      }));
  });

  it('across the year end, leap days and the summer holidays the weeks simply count', () => {
    // Received 1 December: due 12 January of the next year (the Christmas holiday counts).
    expect(decisionDueOn('2026-12-01')).toBe('2027-01-12');
    // Received 1 February 2028: 29 February lies within the term.
    expect(decisionDueOn('2028-02-01')).toBe('2028-03-14');
    expect(decisionDueOn('2027-02-01')).toBe('2027-03-15');
    // Received on a leap day.
    expect(decisionDueOn('2028-02-29')).toBe('2028-04-11');
    // Received just before the summer holiday (mid-July to end of August): the decision falls in it.
    expect(decisionDueOn('2027-07-01')).toBe('2027-08-12');
    expect(temporaryPlaceFrom('2027-07-01')).toBe('2027-09-09');
  });

  it('an open registration counts the days left to the day that counts, and colours by them', () => {
    fc.assert(fc.property(day, fc.integer({ min: -20, max: 120 }), (received, offset) => {
        const now = addDays(received, offset);
        const c = clockOf({ receivedOn: received, extendedTo: null, decidedOn: null }, now);
        expect(c.daysLeft).toBe(42 - offset);
        expect(c.decideBy).toBe(c.due);
        expect(c.urgency).toBe(offset > 42 ? 'overdue' : offset >= 35 ? 'now' : 42 - offset <= 28 ? 'soon' : 'later');
        expect(c.inTime).toBe(offset <= 42);
        expect(c.temporaryPlaceDue).toBe(offset >= 70);
      }));
  });

  it('an extension moves the day that counts, not the 10-week moment', () => {
    fc.assert(fc.property(day, fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 100 }), (received, extra, offset) => {
        const extendedTo = addDays(decisionDueOn(received), extra);
        const c = clockOf({ receivedOn: received, extendedTo, decidedOn: null }, addDays(received, offset));
        expect(c.decideBy).toBe(extendedTo);
        expect(c.daysLeft).toBe(42 + extra - offset);
        expect(c.temporaryPlaceFrom).toBe(temporaryPlaceFrom(received));
      }));
  });

  it('extends once only, by at most 4 weeks, to a day after the 6 weeks, and only within them', () => {
    fc.assert(fc.property(day, fc.integer({ min: -10, max: 40 }), fc.integer({ min: 0, max: 60 }), (received, extra, offset) => {
        const due = decisionDueOn(received);
        const to = addDays(due, extra);
        const now = addDays(received, offset);
        const why = extensionRefusal({ receivedOn: received, extendedTo: null, today: now }, to);
        expect(why === null).toBe(offset <= 42 && extra >= 1 && extra <= 28);
        // A second extension is always refused, whatever day it names.
        expect(extensionRefusal({ receivedOn: received, extendedTo: addDays(due, 7), today: received }, to)).toMatch(/één verlenging/);
      }));
  });

  it('a decided registration has no days left and says whether it came in time', () => {
    fc.assert(fc.property(day, fc.integer({ min: 0, max: 100 }), fc.boolean(), (received, after, extended) => {
        const extendedTo = extended ? addDays(received, 70) : null;
        const decidedOn = addDays(received, after);
        const c = clockOf({ receivedOn: received, extendedTo, decidedOn }, addDays(received, 200));
        expect(c.daysLeft).toBeNull();
        expect(c.urgency).toBe('later');
        expect(c.temporaryPlaceDue).toBe(false);
        expect(c.inTime).toBe(after <= (extended ? 70 : 42));
      }));
  });

  it('takes an instant as its Dutch day', () => {
    // 23:30 UTC on 1 December is already 2 December in Amsterdam.
    const c = clockOf({ receivedOn: '2026-12-01', extendedTo: null, decidedOn: null }, new Date('2026-12-01T23:30:00Z'));
    expect(c.daysLeft).toBe(41);
  });
});

import { TZDate } from '@date-fns/tz';
import { addDays as addDaysFns, addWeeks as addWeeksFns, differenceInCalendarDays, format, getISODay, parseISO } from 'date-fns';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addWeeks, daysBetween, formatDateTimeNumeric, formatDayNumeric, isRealDay, mondayOf, parseDateTimeInput, parseDayInput, shiftDay, TIME_ZONE, today, weekdayOf } from './time.ts';

/**
 * today(), daysBetween(), addDays() and addWeeks() run once per row in lists,
 * so they avoid date-fns; these properties hold them to date-fns' answers,
 * around the daylight-saving changes and midnight in Amsterdam included.
 */
const instant = fc.oneof(
  fc.date({ min: new Date('2015-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true }),
  // The hours around the DST changes and around midnight, Dutch time.
  fc.constantFrom('2026-03-29T00:59:59Z', '2026-03-29T01:00:00Z', '2026-10-25T00:59:59Z', '2026-10-25T01:00:00Z', '2026-11-21T22:59:59Z', '2026-11-21T23:00:00Z').map((s) => new Date(s)),
);
const day = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

describe('calendar days in Dutch time', () => {
  it('today() is the day in Amsterdam at that instant', () => {
    fc.assert(fc.property(instant, (d) => {
        expect(today(d)).toBe(format(new TZDate(d, TIME_ZONE), 'yyyy-MM-dd'));
      }));
  });

  it('today() answers from its hour cache as it does the first time, any minute of the hour, and before 1946 without it', () => {
    const wide = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true });
    fc.assert(fc.property(fc.oneof(instant, wide), fc.integer({ min: 0, max: 3_599_999 }), (d, ms) => {
        const sameHour = new Date(Math.floor(d.getTime() / 3_600_000) * 3_600_000 + ms);
        for (const x of [d, sameHour, d]) expect(today(x)).toBe(format(new TZDate(x, TIME_ZONE), 'yyyy-MM-dd'));
      }));
  });

  it('daysBetween() counts calendar days like date-fns, across leap years and in both directions', () => {
    fc.assert(fc.property(day, day, (a, b) => {
        expect(daysBetween(a, b)).toBe(differenceInCalendarDays(parseISO(b), parseISO(a)));
      }));
  });

  it('addDays() and addWeeks() land on the day date-fns does, across leap years, DST changes and in both directions', () => {
    const fns = (d: string, f: (x: Date) => Date) => format(f(parseISO(d)), 'yyyy-MM-dd');
    const dst = fc.constantFrom('2026-03-28', '2026-03-29', '2026-10-24', '2026-10-25', '2028-02-28', '2028-02-29', '2100-02-28');
    fc.assert(fc.property(fc.oneof(day, dst), fc.integer({ min: -4000, max: 4000 }), (d, n) => {
        expect(addDays(d, n)).toBe(fns(d, (x) => addDaysFns(x, n)));
        expect(addWeeks(d, Math.trunc(n / 7))).toBe(fns(d, (x) => addWeeksFns(x, Math.trunc(n / 7))));
      }));
  });

  it('addDays() refuses what is no day, as date-fns does', () => {
    for (const bad of ['', 'morgen', '2027-02-31', '2027-13-01']) expect(() => addDays(bad, 1), bad).toThrow(RangeError);
  });
});

describe('cheap day arithmetic for the school calendar', () => {
  it('shiftDay, weekdayOf and mondayOf agree with date-fns, across leap days', () => {
    fc.assert(fc.property(day, fc.integer({ min: -800, max: 800 }), (d, n) => {
        expect(shiftDay(d, n)).toBe(addDays(d, n));
        expect(weekdayOf(d)).toBe(getISODay(parseISO(d)));
        expect(weekdayOf(mondayOf(d))).toBe(1);
        expect(daysBetween(mondayOf(d), d)).toBe(weekdayOf(d) - 1);
        expect(isRealDay(d)).toBe(true);
      }));
    expect(isRealDay('2028-02-29')).toBe(true);
    expect(isRealDay('2027-02-29')).toBe(false);
    expect(isRealDay('2027-04-31')).toBe(false);
  });
});

describe('a day as forms show and ask it (dd-mm-jjjj)', () => {
  it('reads what people type, and what it shows reads back the same', () => {
    for (const typed of ['31-01-2027', '31-1-2027', '31/1/2027', '31.01.27', '31 01 2027', '31012027', '2027-01-31', ' 31-01-2027 ']) expect(parseDayInput(typed), typed).toBe('2027-01-31');
    fc.assert(fc.property(day, (d) => {
        expect(parseDayInput(formatDayNumeric(d))).toBe(d);
      }));
  });

  it('leaves a day that does not exist for the schema to refuse, and text that is no day as typed', () => {
    expect(parseDayInput('31-02-2027')).toBe('2027-02-31');
    expect(parseDayInput('morgen')).toBe('morgen');
    expect(parseDayInput('')).toBe('');
  });

  it('reads a day and a time', () => {
    for (const typed of ['31-01-2027 14:00', '31-1-2027 14.00', '2027-01-31T14:00']) expect(parseDateTimeInput(typed), typed).toBe('2027-01-31T14:00');
    expect(parseDateTimeInput('31-1-2027 9:30')).toBe('2027-01-31T09:30');
    expect(formatDateTimeNumeric('2027-01-31T09:30')).toBe('31-01-2027 09:30');
    expect(parseDateTimeInput('31-01-2027')).toBe('31-01-2027');
  });
});

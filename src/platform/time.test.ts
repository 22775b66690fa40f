import { TZDate } from '@date-fns/tz';
import { differenceInCalendarDays, format, parseISO } from 'date-fns';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysBetween, formatDateTimeNumeric, formatDayNumeric, parseDateTimeInput, parseDayInput, TIME_ZONE, today } from './time.ts';

/**
 * today() and daysBetween() run once per row in lists, so they avoid
 * date-fns; these properties hold them to date-fns' answers, around the
 * daylight-saving changes and midnight in Amsterdam included.
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

  it('daysBetween() counts calendar days like date-fns, across leap years and in both directions', () => {
    fc.assert(fc.property(day, day, (a, b) => {
        expect(daysBetween(a, b)).toBe(differenceInCalendarDays(parseISO(b), parseISO(a)));
      }));
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

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, addYears, daysBetween } from '../../platform/time.ts';
import { expiresWithin, extensionPeriod, isCalendarDay, minimumTlvEnd, schoolYearEndOf, schoolYearLabelOf, validTlvPeriod } from './tlv-dates.ts';

/** Calendar days 2000-2099, weighted towards the school-year boundary, month ends and leap days. */
const iso = (d: Date) => d.toISOString().slice(0, 10);
const anyDay = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map(iso);
const edgeDay = fc
  .tuple(fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 1, max: 12 }), fc.constantFrom(1, 28, 29, 30, 31))
  .map(([y, m, d]) => iso(new Date(Date.UTC(y, m - 1, Math.min(d, new Date(Date.UTC(y, m, 0)).getUTCDate())))));
const boundaryDay = fc.integer({ min: 2000, max: 2098 }).chain((y) => fc.constantFrom(`${y}-07-30`, `${y}-07-31`, `${y}-08-01`, `${y}-08-02`));
const day = fc.oneof(anyDay, edgeDay, boundaryDay, fc.constantFrom('2024-02-29', '2028-02-29', '2000-02-29', '2025-12-31', '2026-07-31', '2026-08-01'));

describe('school year', () => {
  it('ends on 31 July: 31 July is the last day, 1 August the first of the next year', () => {
    expect(schoolYearEndOf('2026-07-31')).toBe('2026-07-31');
    expect(schoolYearEndOf('2026-08-01')).toBe('2027-07-31');
    expect(schoolYearEndOf('2027-01-15')).toBe('2027-07-31');
    expect(schoolYearLabelOf('2026-08-01')).toBe('2026-2027');
    expect(schoolYearLabelOf('2026-07-31')).toBe('2025-2026');
  });
  it('the end lies on or after the day, and less than a year after it', () => {
    fc.assert(
      fc.property(day, (d) => {
        const end = schoolYearEndOf(d);
        expect(end.slice(5)).toBe('07-31');
        expect(end >= d).toBe(true);
        expect(daysBetween(d, end)).toBeLessThan(366);
        expect(schoolYearEndOf(end)).toBe(end);
      }),
    );
  });
});

describe('a TLV runs at least to the end of the school year it starts in', () => {
  it('accepts exactly the minimum end, and refuses the day before it', () => {
    fc.assert(
      fc.property(day, (start) => {
        const min = minimumTlvEnd(start);
        expect(min > start).toBe(true);
        expect(min.slice(5)).toBe('07-31');
        expect(validTlvPeriod(start, min)).toEqual([]);
        const dayBefore = addDays(min, -1);
        if (dayBefore > start) {
          const messages = validTlvPeriod(start, dayBefore);
          expect(messages).toHaveLength(1);
          expect(messages[0]).toMatch(/^Een TLV loopt minstens tot het einde van het schooljaar/);
          expect(messages[0]).toContain(`juli ${min.slice(0, 4)}`);
        }
      }),
    );
  });
  it('a TLV starting on 31 July is for the coming school year', () => {
    expect(minimumTlvEnd('2026-07-31')).toBe('2027-07-31');
    expect(minimumTlvEnd('2026-07-30')).toBe('2026-07-31');
    expect(minimumTlvEnd('2026-08-01')).toBe('2027-07-31');
    expect(validTlvPeriod('2026-07-31', '2026-08-01')).toHaveLength(1);
  });
  it('refuses an end on or before the start with one message', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 800 }), (start, back) => {
        expect(validTlvPeriod(start, addDays(start, -back))).toEqual(['De einddatum moet na de begindatum liggen.']);
      }),
    );
  });
  it('accepts any end from the minimum up to 10 years, and refuses beyond', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 3000 }), (start, extra) => {
        const end = addDays(minimumTlvEnd(start), extra);
        const messages = validTlvPeriod(start, end);
        expect(messages.length === 0).toBe(end <= addYears(start, 10));
      }),
    );
  });
  it('names days that do not exist instead of guessing', () => {
    expect(validTlvPeriod('2027-02-29', '2027-07-31')).toEqual(['Vul een geldige begindatum in, bijvoorbeeld 2026-08-01.']);
    expect(validTlvPeriod('2026-08-01', '2027-13-01')).toEqual(['Vul een geldige einddatum in, bijvoorbeeld 2027-07-31.']);
    expect(validTlvPeriod('', 'x')).toHaveLength(2);
    expect(isCalendarDay('2028-02-29')).toBe(true);
    expect(isCalendarDay('2100-02-29')).toBe(false);
    expect(isCalendarDay('2000-02-29')).toBe(true);
  });
});

describe('months on a day', () => {
  it('keeps the day of the month, or takes the last day of a shorter month', () => {
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
    expect(addMonths('2026-01-31', -2)).toBe('2025-11-30');
  });
  it('always gives a real day, 181-184 days on for six months', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: -36, max: 36 }), (d, n) => {
        const later = addMonths(d, n);
        expect(isCalendarDay(later)).toBe(true);
        if (Number(d.slice(8)) <= 28) expect(later.slice(8)).toBe(d.slice(8));
        const six = daysBetween(d, addMonths(d, 6));
        expect(six >= 181 && six <= 184).toBe(true);
      }),
    );
  });
});

describe('ends within six months', () => {
  it('from today to six months on, both included; not once it has ended', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: -400, max: 400 }), (today, offset) => {
        const endsOn = addDays(today, offset);
        expect(expiresWithin(endsOn, today)).toBe(offset >= 0 && endsOn <= addMonths(today, 6));
      }),
    );
    expect(expiresWithin('2027-02-28', '2026-08-31')).toBe(true);
    expect(expiresWithin('2027-03-01', '2026-08-31')).toBe(false);
    expect(expiresWithin('2026-08-30', '2026-08-31')).toBe(false);
    expect(expiresWithin('2026-12-01', '2026-09-01', 3)).toBe(true);
    expect(expiresWithin('2026-12-02', '2026-09-01', 3)).toBe(false);
  });
});

describe('extension period', () => {
  it('starts the day after, runs to 31 July a school year after the first, and is a valid TLV period', () => {
    fc.assert(
      fc.property(day, (prevEnd) => {
        const { startsOn, endsOn } = extensionPeriod(prevEnd);
        expect(startsOn).toBe(addDays(prevEnd, 1));
        expect(endsOn.slice(5)).toBe('07-31');
        expect(validTlvPeriod(startsOn, endsOn)).toEqual([]);
        // More than one full school year, never more than two.
        const days = daysBetween(startsOn, endsOn);
        expect(days).toBeGreaterThanOrEqual(365);
        expect(days).toBeLessThan(2 * 366);
      }),
    );
  });
  it('two full school years after a TLV that ended on 31 July; the rest of the year and the next mid-year', () => {
    expect(extensionPeriod('2027-07-31')).toEqual({ startsOn: '2027-08-01', endsOn: '2029-07-31' });
    expect(extensionPeriod('2028-02-28')).toEqual({ startsOn: '2028-02-29', endsOn: '2029-07-31' });
    expect(extensionPeriod('2028-02-29')).toEqual({ startsOn: '2028-03-01', endsOn: '2029-07-31' });
    expect(extensionPeriod('2027-07-30')).toEqual({ startsOn: '2027-07-31', endsOn: '2029-07-31' });
  });
});

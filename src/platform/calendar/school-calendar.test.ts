import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysFromTo, mondayOf, shiftDay, weekdayOf } from '../time.ts';
import { COVERED_SCHOOL_YEARS, easterSunday, HOLIDAY_REGIONS, publicHolidays, schoolHolidays, type HolidayRegion } from './holidays.ts';
import { schoolCalendar, schoolYearBounds, schoolYearOfDay, type FreeDay } from './school-calendar.ts';

const region = fc.constantFrom<HolidayRegion>(...HOLIDAY_REGIONS);
/** A day in the covered school years (the windows look back up to a school year). */
const coveredDay = fc.integer({ min: 0, max: 1795 }).map((n) => shiftDay('2024-09-02', n));
const freeDays = fc.uniqueArray(coveredDay, { maxLength: 12 }).map((days) => days.map((day): FreeDay => ({ day, label: 'Studiedag' })));
const calendar = fc.record({ region: fc.option(region, { nil: null }), freeDays }).map((s) => schoolCalendar(s));

describe('the holiday data (Rijksoverheid, schoolvakanties per schooljaar)', () => {
  it('has five holidays per region in every covered school year, each from a Saturday to a Sunday, none overlapping', () => {
    for (const r of HOLIDAY_REGIONS) {
      const holidays = schoolHolidays(r);
      for (const year of COVERED_SCHOOL_YEARS) {
        const { from, to } = schoolYearBounds(year);
        const starting = holidays.filter((h) => h.from >= from && h.from <= to).map((h) => h.name);
        expect(starting, `${r} ${year}`).toEqual(['Herfstvakantie', 'Kerstvakantie', 'Voorjaarsvakantie', 'Meivakantie', 'Zomervakantie']);
      }
      for (const [i, h] of holidays.entries()) {
        expect(weekdayOf(h.from), `${r} ${h.name} ${h.from}`).toBe(6);
        expect(weekdayOf(h.to), `${r} ${h.name} ${h.to}`).toBe(7);
        const days = daysFromTo(h.from, h.to).length;
        // Nine days for a week's holiday, sixteen at Christmas, six weeks and two days in summer.
        expect(days, `${r} ${h.name} ${h.from}`).toBe({ Herfstvakantie: 9, Voorjaarsvakantie: 9, Meivakantie: 9, Kerstvakantie: 16, Zomervakantie: 44 }[h.name]);
        if (i > 0) expect(h.from > holidays[i - 1]!.to).toBe(true);
      }
    }
  });

  it('knows Easter, and the public holidays schools close on', () => {
    expect([2024, 2025, 2026, 2027, 2028, 2029].map(easterSunday)).toEqual(['2024-03-31', '2025-04-20', '2026-04-05', '2027-03-28', '2028-04-16', '2029-04-01']);
    expect(publicHolidays(2027)).toEqual([
      { day: '2027-01-01', name: 'Nieuwjaarsdag' },
      { day: '2027-03-29', name: 'Tweede Paasdag' },
      { day: '2027-04-27', name: 'Koningsdag' },
      { day: '2027-05-06', name: 'Hemelvaartsdag' },
      { day: '2027-05-17', name: 'Tweede Pinksterdag' },
      { day: '2027-12-25', name: 'Eerste Kerstdag' },
      { day: '2027-12-26', name: 'Tweede Kerstdag' },
    ]);
    // King's Day moves to Saturday 26 April when the 27th is a Sunday; Liberation Day only in a lustrum year.
    expect(publicHolidays(2025).map((h) => h.day)).toContain('2025-04-26');
    expect(publicHolidays(2025).map((h) => h.name)).toContain('Bevrijdingsdag');
    expect(publicHolidays(2026).map((h) => h.name)).not.toContain('Bevrijdingsdag');
  });
});

describe('school days', () => {
  it('are weekdays outside the region\'s holidays, the public holidays and the school\'s free days', () => {
    fc.assert(fc.property(region, freeDays, coveredDay, (r, free, day) => {
      const cal = schoolCalendar({ region: r, freeDays: free });
      const inHoliday = schoolHolidays(r).some((h) => day >= h.from && day <= h.to);
      const isPublic = publicHolidays(Number(day.slice(0, 4))).some((h) => h.day === day);
      const isFree = free.some((f) => f.day === day);
      expect(cal.isSchoolDay(day)).toBe(weekdayOf(day) <= 5 && !inHoliday && !isPublic && !isFree);
    }));
  });

  it('name why there are no lessons', () => {
    const cal = schoolCalendar({ region: 'midden', freeDays: [{ day: '2027-03-26', label: 'Goede Vrijdag' }] });
    expect(cal.closedBecause('2026-12-23')).toBe('Kerstvakantie');
    expect(cal.closedBecause('2027-04-27')).toBe('Koningsdag');
    expect(cal.closedBecause('2027-03-26')).toBe('Goede Vrijdag');
    expect(cal.closedBecause('2027-03-27')).toBe('Weekend');
    expect(cal.closedBecause('2027-03-25')).toBeNull();
  });

  it('on a leap day follow the region: 29 February 2028 is in the spring holiday of midden and zuid, a school day in noord', () => {
    expect(schoolCalendar({ region: 'noord', freeDays: [] }).isSchoolDay('2028-02-29')).toBe(true);
    expect(schoolCalendar({ region: 'midden', freeDays: [] }).closedBecause('2028-02-29')).toBe('Voorjaarsvakantie');
    expect(schoolCalendar({ region: 'zuid', freeDays: [] }).closedBecause('2028-02-29')).toBe('Voorjaarsvakantie');
  });

  it('an extra free day takes away exactly that day, and nothing else', () => {
    fc.assert(fc.property(region, freeDays, coveredDay, coveredDay, (r, free, extra, probe) => {
      const before = schoolCalendar({ region: r, freeDays: free });
      const after = schoolCalendar({ region: r, freeDays: [...free.filter((f) => f.day !== extra), { day: extra, label: 'Studiedag' }] });
      expect(after.isSchoolDay(extra)).toBe(false);
      if (probe !== extra) expect(after.isSchoolDay(probe)).toBe(before.isSchoolDay(probe));
    }));
  });
});

describe('school weeks', () => {
  it('a week with a single school day is a school week; a week without one is not, and windows skip it', () => {
    // Week of 10 May 2027 (noord): the school closes Monday to Thursday, Friday is its only school day.
    const monday = '2027-05-10';
    const oneDay = schoolCalendar({ region: 'noord', freeDays: [0, 1, 2, 3].map((i) => ({ day: shiftDay(monday, i), label: 'Studiedag' })) });
    expect(oneDay.isSchoolWeek(monday)).toBe(true);
    expect(oneDay.schoolDays(monday, shiftDay(monday, 6))).toEqual(['2027-05-14']);
    const none = schoolCalendar({ region: 'noord', freeDays: [0, 1, 2, 3, 4].map((i) => ({ day: shiftDay(monday, i), label: 'Studiedag' })) });
    expect(none.isSchoolWeek(monday)).toBe(false);
    expect(none.windowEndingAt('2027-05-19', 4).weeks).toEqual(['2027-04-12', '2027-04-19', '2027-05-03', '2027-05-17']);
  });

  it('count the weeks that have a school day between two days', () => {
    fc.assert(fc.property(calendar, coveredDay, fc.integer({ min: 0, max: 120 }), (cal, from, length) => {
      const to = shiftDay(from, length);
      const weeks = new Set(cal.schoolDays(from, to).map(mondayOf));
      expect(cal.schoolWeeksBetween(from, to)).toBe(weeks.size);
      expect(cal.schoolWeeksBetween(to, from)).toBe(from === to ? weeks.size : 0);
    }));
  });

  it('a window of 4 consecutive school weeks skips holiday weeks and ends with the school week of its day', () => {
    fc.assert(fc.property(calendar, coveredDay, fc.integer({ min: 1, max: 12 }), (cal, day, n) => {
      const w = cal.windowEndingAt(day, n);
      expect(w.weeks).toHaveLength(n);
      expect(w.weeks.every((m) => weekdayOf(m) === 1 && cal.isSchoolWeek(m))).toBe(true);
      const last = w.weeks.at(-1)!;
      expect(last <= mondayOf(day)).toBe(true);
      // Consecutive: every school week from the first to the last is in it, and none after the last up to the day.
      for (let m = w.weeks[0]!; m <= mondayOf(day); m = shiftDay(m, 7)) {
        expect(w.weeks.includes(m), m).toBe(cal.isSchoolWeek(m) && m <= last);
      }
      expect(w.from).toBe(w.weeks[0]);
      expect(w.to).toBe(day);
    }));
  });

  it('a holiday in the middle of a window stretches it over more calendar weeks', () => {
    // Midden, autumn holiday 17-25 October 2026: the 4 school weeks ending on Friday 6 November are the weeks of 5 and 12 October, 26 October and 2 November.
    const cal = schoolCalendar({ region: 'midden', freeDays: [] });
    expect(cal.windowEndingAt('2026-11-06', 4).weeks).toEqual(['2026-10-05', '2026-10-12', '2026-10-26', '2026-11-02']);
    // Christmas across the year's end: the 4 school weeks ending on 15 January 2027 start on 7 December 2026.
    expect(cal.windowEndingAt('2027-01-15', 4).weeks).toEqual(['2026-12-07', '2026-12-14', '2027-01-04', '2027-01-11']);
    // The school year's end (midden's summer holiday: 17 July to 29 August 2027): the first week after it and the last three before it.
    expect(cal.windowEndingAt('2027-09-01', 4).weeks).toEqual(['2027-06-28', '2027-07-05', '2027-07-12', '2027-08-30']);
  });

  it('adds school weeks over holidays, and back again', () => {
    fc.assert(fc.property(calendar, coveredDay.filter((d) => d <= '2028-12-31'), fc.integer({ min: 0, max: 20 }), (cal, day, n) => {
      fc.pre(cal.isSchoolWeek(day));
      const later = cal.addSchoolWeeks(day, n);
      expect(weekdayOf(later)).toBe(weekdayOf(day));
      expect(cal.schoolWeeksBetween(mondayOf(day), shiftDay(mondayOf(later), 6))).toBe(n + 1);
      expect(cal.addSchoolWeeks(later, -n)).toBe(day);
    }));
  });

  it('more than 4 school weeks: a holiday in between does not count as weeks away', () => {
    const cal = schoolCalendar({ region: 'midden', freeDays: [] });
    // From Monday 5 October 2026 (midden): four school weeks on is Monday 9 November, five calendar weeks, as the autumn holiday is skipped.
    expect(cal.addSchoolWeeks('2026-10-05', 4)).toBe('2026-11-09');
    expect(cal.spansMoreThanSchoolWeeks('2026-10-05', '2026-11-06', 4)).toBe(false);
    expect(cal.spansMoreThanSchoolWeeks('2026-10-05', '2026-11-09', 4)).toBe(true);
  });
});

describe('school years', () => {
  it('run from 1 August to 31 July', () => {
    fc.assert(fc.property(coveredDay, (day) => {
      const { from, to } = schoolYearBounds(schoolYearOfDay(day));
      expect(day >= from && day <= to).toBe(true);
    }));
    expect(schoolYearOfDay('2027-07-31')).toBe('2026-2027');
    expect(schoolYearOfDay('2027-08-01')).toBe('2027-2028');
  });
});

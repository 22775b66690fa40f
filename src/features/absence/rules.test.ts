import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { schoolCalendar } from '../../platform/calendar/school-calendar.ts';
import { mondayOf } from '../../platform/time.ts';
import { assess, bySchool, longAbsence, reportTriggers, sickPattern, DEFAULT_ABSENCE_SETTINGS, type AbsenceFact, type AbsenceKind } from './rules.ts';

const midden = schoolCalendar({ region: 'midden', freeDays: [] });
const noord = schoolCalendar({ region: 'noord', freeDays: [] });
/** The school days of school year 2026-2027 in midden, to draw records from. */
const days = midden.schoolDays('2026-08-31', '2027-07-16');
const schoolDay = fc.integer({ min: 0, max: days.length - 1 }).map((i) => days[i]!);
const fact = (day: string, hours: number, kind: AbsenceKind = 'ongeoorloofd', wholeDay = false): AbsenceFact => ({ day, hours, kind, wholeDay });

describe('the 16-hour report (Leerplichtwet 1969 art. 21a)', () => {
  it('is due again at every next 16 hours: four hours a day on consecutive school days reports every fourth day', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: days.length - 80 }), fc.integer({ min: 1, max: 60 }), (start, n) => {
      const facts = days.slice(start, start + n).map((d) => fact(d, 4));
      const { triggers, unreported } = reportTriggers(midden, facts);
      expect(triggers.map((t) => t.day)).toEqual(days.slice(start, start + n).filter((_, i) => (i + 1) % 4 === 0));
      expect(triggers.every((t) => t.hours === 16)).toBe(true);
      expect(unreported).toHaveLength(n % 4);
    }));
  });

  it('each report covers at least 16 unreported hours within 4 consecutive school weeks, and no earlier day reached 16', () => {
    fc.assert(fc.property(fc.array(fc.record({ day: schoolDay, hours: fc.integer({ min: 1, max: 16 }).map((q) => q / 2) }), { maxLength: 60 }), (raw) => {
      const facts = raw.map((r) => fact(r.day, r.hours));
      const { triggers } = reportTriggers(midden, facts);
      const total = facts.reduce((s, f) => s + f.hours, 0);
      expect(triggers.length).toBeLessThanOrEqual(Math.floor(total / 16));
      let since = '';
      for (const t of triggers) {
        expect(t.hours).toBeGreaterThanOrEqual(16);
        const weeks = midden.windowEndingAt(t.day, 4).weeks;
        expect(weeks).toContain(mondayOf(t.from));
        // The day before the trigger, the same count had not reached 16.
        const before = facts.filter((f) => f.day > since && f.day < t.day && weeks.includes(mondayOf(f.day))).reduce((s, f) => s + f.hours, 0);
        expect(before).toBeLessThan(16);
        since = t.day;
      }
    }));
  });

  it('counts across a holiday in the middle of the window: 4 school weeks around the autumn holiday', () => {
    // Midden: autumn holiday 17-25 October 2026. Eight hours on 12 October and eight on 2 November lie in 4 consecutive school weeks.
    expect(reportTriggers(midden, [fact('2026-10-12', 8), fact('2026-11-02', 8)]).triggers).toEqual([{ day: '2026-11-02', hours: 16, from: '2026-10-12' }]);
    // In noord the holiday was a week earlier (10-18 October): from 5 October to 2 November are 4 school weeks there.
    expect(reportTriggers(noord, [fact('2026-10-05', 8), fact('2026-11-02', 8)]).triggers).toHaveLength(1);
    // Five school weeks apart: no report.
    expect(reportTriggers(midden, [fact('2026-10-05', 8), fact('2026-11-09', 8)]).triggers).toEqual([]);
  });

  it('never fires on authorised, sick or leave hours', () => {
    fc.assert(fc.property(fc.array(fc.record({ day: schoolDay, kind: fc.constantFrom<AbsenceKind>('geoorloofd', 'ziek', 'verlof') }), { maxLength: 80 }), (raw) => {
      expect(reportTriggers(midden, raw.map((r) => fact(r.day, 8, r.kind))).triggers).toEqual([]);
    }));
  });

  it('late arrival counts towards the 16 hours', () => {
    const facts = days.slice(10, 14).map((d) => fact(d, 3.75)).concat([fact(days[14]!, 1, 'te_laat')]);
    expect(reportTriggers(midden, facts).triggers).toHaveLength(1);
  });

  it('a pupil changing school mid-window: each school counts only its own hours, on its own calendar', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: days.length - 20 }), fc.integer({ min: 1, max: 19 }), (start, switchAt) => {
      // Four hours a day for 20 school days: the first `switchAt` days at school A (midden), the rest at school B (noord).
      const facts = days.slice(start, start + 20).map((d, i) => ({ ...fact(d, 4), schoolId: i < switchAt ? 'A' : 'B' }));
      const groups = bySchool(facts);
      const a = reportTriggers(midden, groups.get('A') ?? []).triggers;
      const b = reportTriggers(noord, groups.get('B') ?? []).triggers;
      expect(a).toHaveLength(Math.floor(switchAt / 4));
      expect(b.every((t) => facts.find((f) => f.day === t.day)!.schoolId === 'B')).toBe(true);
      // B's reports are what B alone would give: A's hours never count at B.
      expect(b).toEqual(reportTriggers(noord, facts.filter((f) => f.schoolId === 'B')).triggers);
    }));
  });

  it('the early warning comes at the partnership\'s threshold, before the report, and leaves when the report is due', () => {
    const week = midden.schoolDays('2026-11-02', '2026-11-06');
    const at = (n: number) => assess(midden, week.slice(0, n).map((d) => fact(d, 4)), week[n - 1]!, 0);
    expect(at(2).earlyWarning).toBe(false);
    expect(at(3)).toMatchObject({ earlyWarning: true, reportDue: null, unreportedHours: 12 });
    expect(at(4)).toMatchObject({ earlyWarning: false, reportDue: { day: week[3], hours: 16 } });
    // Once reported, the next report waits for 16 new hours.
    expect(assess(midden, week.slice(0, 4).map((d) => fact(d, 4)), week[3]!, 1)).toMatchObject({ reportDue: null, unreportedHours: 0 });
  });
});

describe('worrying sick absence (M@ZL)', () => {
  it('flags 4 sick reports in 12 school weeks, or 6 consecutive sick school days across a weekend', () => {
    const s = DEFAULT_ABSENCE_SETTINGS;
    const spells = ['2026-11-02', '2026-11-16', '2026-11-30', '2026-12-14'].map((d) => fact(d, 6, 'ziek', true));
    expect(sickPattern(midden, spells.slice(0, 3), '2026-12-18', s)).toMatchObject({ reports: 3, flagged: false });
    expect(sickPattern(midden, spells, '2026-12-18', s)).toMatchObject({ reports: 4, flagged: true });
    const run = midden.schoolDays('2027-01-13', '2027-01-20').map((d) => fact(d, 6, 'ziek', true));
    expect(run).toHaveLength(6);
    expect(sickPattern(midden, run, '2027-01-20', s)).toMatchObject({ reports: 1, longestSpell: 6, flagged: true });
  });
});

describe('the thuiszitter: more than 4 weeks not attending', () => {
  it('counts school weeks, so a holiday in the run does not make it longer', () => {
    // Whole days away from Monday 5 October 2026 (midden) on every school day: the autumn holiday is skipped.
    const away = (to: string) => midden.schoolDays('2026-10-05', to).map((d) => fact(d, 6, 'ongeoorloofd', true));
    expect(longAbsence(midden, away('2026-11-06'), '2026-11-06')).toMatchObject({ since: '2026-10-05', schoolWeeks: 4, thuiszitter: false });
    expect(longAbsence(midden, away('2026-11-09'), '2026-11-09')).toMatchObject({ thuiszitter: true, sick: false });
    // A day back at school ends the run; leave is a valid reason and breaks it too.
    const back = away('2026-11-09').filter((f) => f.day !== '2026-10-28');
    expect(longAbsence(midden, back, '2026-11-09')).toMatchObject({ since: '2026-10-29', thuiszitter: false });
    expect(longAbsence(midden, [...away('2026-11-09'), fact('2026-10-28', 6, 'verlof', true)], '2026-11-09')?.thuiszitter).toBe(false);
    // A run that ended before the last school day is no current absence.
    expect(longAbsence(midden, away('2026-11-09'), '2026-11-12')).toBeNull();
  });

  it('a long run of sick days is flagged as sick', () => {
    const sick = midden.schoolDays('2027-01-04', '2027-02-12').map((d) => fact(d, 6, 'ziek', true));
    expect(longAbsence(midden, sick, '2027-02-12')).toMatchObject({ thuiszitter: true, sick: true });
  });
});

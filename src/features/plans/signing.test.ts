import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addYears, ageOn } from '../../platform/time.ts';
import { missingParts } from './completeness.ts';
import { OppContent } from './schema.ts';
import { DEFAULT_SIGNING, requiredSigners } from './signing.ts';

/** Birth dates 1990-2020, with leap days and month ends, where "turning 16" is easiest to get wrong. */
const iso = (d: Date) => d.toISOString().slice(0, 10);
const birth = fc.oneof(
  fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2020-12-31T00:00:00Z'), noInvalidDate: true }).map(iso),
  fc.constantFrom('2008-02-29', '2010-12-31', '2010-01-01', '2012-02-29'),
);

/** The day someone turns n: for a leap-day child, 1 March in a common year (as ageOn counts). */
const birthday = (b: string, n: number) => (b.endsWith('-02-29') && !addYears(b, n).endsWith('-02-29') ? addDays(addYears(b, n), 1) : addYears(b, n));

describe('who signs the OPP, by age (parents < 16; parents and pupil 16-17; pupil alone from 18)', () => {
  it('changes exactly on the 16th and the 18th birthday', () => {
    fc.assert(
      fc.property(birth, (b) => {
        const sixteen = birthday(b, 16);
        const eighteen = birthday(b, 18);
        expect(requiredSigners(b, addDays(sixteen, -1))).toEqual(['parent']);
        expect(requiredSigners(b, sixteen)).toEqual(['parent', 'pupil']);
        expect(requiredSigners(b, addDays(eighteen, -1))).toEqual(['parent', 'pupil']);
        expect(requiredSigners(b, eighteen)).toEqual(['pupil']);
      }),
    );
  });

  it('follows a partnership that sets other ages', () => {
    const rule = { pupilAlsoFrom: 12, pupilAloneFrom: 18 };
    fc.assert(
      fc.property(birth, fc.integer({ min: 0, max: 25 }), (b, years) => {
        const day = birthday(b, years);
        const signers = requiredSigners(b, day, rule);
        expect(signers.includes('pupil')).toBe(years >= 12);
        expect(signers.includes('parent')).toBe(years < 18);
      }),
    );
    expect(DEFAULT_SIGNING).toEqual({ pupilAlsoFrom: 16, pupilAloneFrom: 18 });
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
  });
});

describe('the plan schema and its completeness', () => {
  const goal = fc.record({ id: fc.string({ minLength: 1, maxLength: 8 }), what: fc.string({ minLength: 1, maxLength: 20 }), howWeSee: fc.string({ minLength: 1, maxLength: 20 }), by: fc.constant('2027-01-01') });

  it('accepts any draft, however empty, and lists in Dutch what is still missing', () => {
    fc.assert(
      fc.property(fc.constantFrom('full' as const, 'light' as const), fc.array(goal, { maxLength: 3 }), (kind, goals) => {
        const parsed = OppContent.safeParse({ goals: goals.filter((g) => g.what.trim() && g.howWeSee.trim() && g.id) });
        expect(parsed.success).toBe(true);
        const missing = missingParts(kind, parsed.data!);
        // A bare draft is never complete: no measure, no evaluation moment, no summary.
        expect(missing.length).toBeGreaterThanOrEqual(3);
        expect(missing.every((m) => /^[A-Z].*\.$/.test(m))).toBe(true);
        expect(missing.some((m) => m.includes('uitstroomperspectief'))).toBe(kind === 'full');
      }),
    );
  });

  it('refuses a plan with bad parts, whatever else is in it', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 41, max: 1000 }), fc.integer({ min: -1000, max: -1 })), (hours) => {
        const result = OppContent.safeParse({ measures: [{ id: 'm1', aspect: 'aandacht', description: 'Coaching', who: 'Mentor', hoursPerWeek: hours, where: '' }] });
        expect(result.success).toBe(false);
      }),
    );
    expect(OppContent.safeParse({ evaluationDates: ['1-4-2027'] }).success).toBe(false);
    expect(OppContent.safeParse({ goals: [{ id: 'g', what: '', howWeSee: 'x', by: '2027-01-01' }] }).success).toBe(false);
  });
});

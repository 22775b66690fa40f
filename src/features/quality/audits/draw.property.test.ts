import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adjustRotation, countRepeats, drawPupil, drawRotation, recentPairs, REPEAT_ROUNDS, RotationError, rotationProblem, type PastPair } from './draw.ts';

/**
 * The peer-audit draws (seed 000): the rotation keeps its rules for any
 * schools, history and seed, makes the fewest repeats that can be made, and
 * comes out the same from the same seed; the pupil draw picks one of the
 * list it keeps, the same one from the same seed.
 */

const ids = (min: number, max: number) => fc.uniqueArray(fc.uuid(), { minLength: min, maxLength: max });
const YEAR = 2027;

/** Earlier rounds between the given schools (any pairs, not necessarily rotations), in the years around the draw's. */
const historyOf = (schools: string[]) =>
  fc.array(
    fc.record({ year: fc.integer({ min: YEAR - REPEAT_ROUNDS - 2, max: YEAR + 1 }), auditor: fc.constantFrom(...schools), audited: fc.constantFrom(...schools) }),
    { maxLength: schools.length * 4 },
  );

/** Every rotation of a few schools, to know the fewest repeats there can be. */
function* permutations(xs: string[]): Generator<string[]> {
  if (xs.length <= 1) {
    yield [...xs];
    return;
  }
  for (let i = 0; i < xs.length; i++) for (const rest of permutations([...xs.slice(0, i), ...xs.slice(i + 1)])) yield [xs[i]!, ...rest];
}
function fewestRepeats(schools: string[], history: PastPair[]): number {
  const recent = recentPairs(history, YEAR);
  let best = Infinity;
  for (const p of permutations(schools)) {
    const pairs = schools.map((auditor, i) => ({ auditor, audited: p[i]! }));
    if (rotationProblem(schools, pairs) === null) best = Math.min(best, countRepeats(pairs, recent));
  }
  return best;
}

describe('the yearly rotation', () => {
  it('lets every school audit one other and be audited once, never itself, never the school that audits it', () => {
    fc.assert(
      fc.property(ids(3, 40).chain((s) => fc.tuple(fc.constant(s), historyOf(s), fc.string())), ([schools, history, seed]) => {
        const r = drawRotation(schools, history, YEAR, seed);
        expect(rotationProblem(schools, r.pairs)).toBeNull();
        expect(new Set(r.pairs.map((p) => p.auditor))).toEqual(new Set(schools));
        expect(r.repeats).toBe(countRepeats(r.pairs, recentPairs(history, YEAR)));
      }),
      { numRuns: 200 },
    );
  });

  it('makes no repeat within three rounds when that can be avoided, and otherwise the fewest', () => {
    fc.assert(
      fc.property(ids(3, 6).chain((s) => fc.tuple(fc.constant(s), historyOf(s), fc.string())), ([schools, history, seed]) => {
        expect(drawRotation(schools, history, YEAR, seed).repeats).toBe(fewestRepeats(schools, history));
      }),
      { numRuns: 300 },
    );
  });

  it('counts only the three rounds before the draw: an older meeting or a later one is no repeat', () => {
    fc.assert(
      fc.property(ids(3, 10), fc.string(), (schools, seed) => {
        const [a, b] = schools as [string, string];
        const old = [{ year: YEAR - REPEAT_ROUNDS - 1, auditor: a, audited: b }, { year: YEAR, auditor: b, audited: a }];
        expect(recentPairs(old, YEAR).size).toBe(0);
        expect(drawRotation(schools, old, YEAR, seed).repeats).toBe(0);
      }),
    );
  });

  it('comes out the same from the same schools, history and seed, however the schools are listed', () => {
    fc.assert(
      fc.property(ids(3, 25).chain((s) => fc.tuple(fc.constant(s), fc.shuffledSubarray(s, { minLength: s.length }), historyOf(s), fc.string())), ([schools, reordered, history, seed]) => {
        expect(drawRotation(reordered, history, YEAR, seed)).toEqual(drawRotation(schools, history, YEAR, seed));
      }),
    );
  });

  it('depends on the seed: different seeds give more than one rotation', () => {
    const schools = Array.from({ length: 8 }, (_, i) => `school-${i}`);
    const drawn = new Set(Array.from({ length: 20 }, (_, i) => JSON.stringify(drawRotation(schools, [], YEAR, `seed-${i}`).pairs)));
    expect(drawn.size).toBeGreaterThan(1);
  });

  it('refuses fewer than three schools: two could only audit each other', () => {
    expect(() => drawRotation(['a', 'b'], [], YEAR, 's')).toThrow(RotationError);
    expect(() => drawRotation(['a'], [], YEAR, 's')).toThrow(RotationError);
  });

  it('takes an adjustment only when the result is still a rotation, with the change made', () => {
    fc.assert(
      fc.property(ids(3, 12).chain((s) => fc.tuple(fc.constant(s), fc.string(), fc.constantFrom(...s), fc.constantFrom(...s))), ([schools, seed, auditor, audited]) => {
        const { pairs } = drawRotation(schools, [], YEAR, seed);
        let next: { auditor: string; audited: string }[];
        try {
          next = adjustRotation(pairs, auditor, audited);
        } catch (e) {
          expect(e).toBeInstanceOf(RotationError);
          return;
        }
        expect(rotationProblem(schools, next)).toBeNull();
        expect(next.find((p) => p.auditor === auditor)?.audited).toBe(audited);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the random pupil', () => {
  it('draws one pupil of the list, keeps the list in a fixed order, and draws the same from the same seed', () => {
    fc.assert(
      fc.property(fc.array(fc.uuid(), { minLength: 1, maxLength: 60 }), fc.string(), (pupils, seed) => {
        const d = drawPupil(pupils, seed)!;
        expect(pupils).toContain(d.pupilId);
        expect(d.list).toEqual([...new Set(pupils)].sort());
        expect(drawPupil([...pupils].reverse(), seed)).toEqual(d);
        // Anyone can redo it from what is kept: the list and the seed.
        expect(drawPupil(d.list, seed)).toEqual(d);
      }),
    );
  });

  it('draws nobody from an empty list', () => {
    expect(drawPupil([], 'seed')).toBeNull();
  });

  it('can draw every pupil of the list: over a hundred seeds each of five is drawn', () => {
    const pupils = ['p1', 'p2', 'p3', 'p4', 'p5'];
    const drawn = new Set(Array.from({ length: 100 }, (_, i) => drawPupil(pupils, `ronde-${i}`)!.pupilId));
    expect([...drawn].sort()).toEqual(pupils);
  });
});

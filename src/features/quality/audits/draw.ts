/**
 * The two draws of the peer audits (seed 000, "Opzet" and "Horizontale
 * verantwoording"), as pure functions of their inputs and a kept seed, so
 * anyone can redo a draw and see it was fair:
 *
 * - the yearly rotation: "Elke school, inclusief het VSO, bezoekt jaarlijks
 *   een andere school als auditeur en wordt geauditeerd": every school
 *   audits exactly one other and is audited exactly once; no school audits
 *   the school that audits it; and no two schools meet again (in either
 *   direction) within three rounds when that can be avoided;
 * - the random pupil: "willekeurig een leerling met een toegekend
 *   ondersteuningsarrangement uit het leerlingvolgsysteem": one of the
 *   pupils with a granted arrangement at the audited school, drawn from the
 *   kept list in a fixed order.
 *
 * The generator is mulberry32 seeded with the FNV-1a hash of the seed text:
 * both fit in a few lines, so a draw can be checked without this code base.
 */

/** FNV-1a over the UTF-16 code units of the seed: a 32-bit start for the generator. */
export function hashSeed(seed: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** mulberry32: numbers in [0, 1) from a 32-bit state. */
export function generator(seed: string) {
  let a = hashSeed(seed);
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher-Yates with the given generator; the input is not changed. */
export function shuffled<T>(xs: readonly T[], next: () => number): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Canonical order: the draw depends on the set, not on how it was listed. */
const canonical = (ids: readonly string[]) => [...new Set(ids)].sort();

/* ---------------------------------------------------------------- rotation */

/** How many earlier rounds a pair may not meet again in (seed 000's yearly rotation; the issue's "no pair repeats within three years"). */
export const REPEAT_ROUNDS = 3;

/** One earlier round's pairs: `auditor` visited `audited` in the round of `year` (the first calendar year of its school year). */
export interface PastPair {
  year: number;
  auditor: string;
  audited: string;
}

export interface Rotation {
  /** Auditor school → audited school, one entry per school. */
  pairs: { auditor: string; audited: string }[];
  /** Pairs that met in one of the REPEAT_ROUNDS rounds before: 0 unless it could not be avoided. */
  repeats: number;
}

const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** The unordered pairs that met in the REPEAT_ROUNDS rounds before `year`. */
export function recentPairs(history: readonly PastPair[], year: number): Set<string> {
  return new Set(history.filter((h) => h.year < year && h.year >= year - REPEAT_ROUNDS).map((h) => pairKey(h.auditor, h.audited)));
}

export class RotationError extends Error {}

/**
 * The rotation of one round. Schools in canonical order, shuffled by the
 * seed; each auditor in turn takes the first school (in a seeded order of
 * its own) that keeps the rules, backtracking when it runs stuck. It first
 * looks for a rotation without repeats, then allows one, two, ... so the
 * fewest possible repeats are made. The same schools, history and seed give
 * the same rotation. At least three schools: with two, the only rotation is
 * the two auditing each other.
 */
export function drawRotation(schoolIds: readonly string[], history: readonly PastPair[], year: number, seed: string): Rotation {
  const schools = canonical(schoolIds);
  const n = schools.length;
  if (n < 3) throw new RotationError('Voor een rotatie zijn minstens drie scholen nodig: met twee zouden ze elkaar auditen.');
  const recent = recentPairs(history, year);
  const next = generator(seed);
  const order = shuffled(schools, next);
  const choices = new Map(schools.map((s) => [s, shuffled(schools, next)]));
  for (let budget = 0; budget <= n; budget++) {
    const found = search(order, choices, recent, budget);
    if (found) {
      const pairs = order.map((auditor) => ({ auditor, audited: found.get(auditor)! }));
      return { pairs, repeats: countRepeats(pairs, recent) };
    }
  }
  // Unreachable for n >= 3: a single cycle through all schools keeps the hard rules.
  throw new RotationError('Er is geen rotatie gevonden.');
}

/** Backtracking search with at most `budget` repeated pairs; a step limit keeps a hopeless budget from running long. */
function search(order: string[], choices: Map<string, string[]>, recent: Set<string>, budget: number): Map<string, string> | null {
  const target = new Map<string, string>();
  const taken = new Set<string>();
  let steps = 0;
  const LIMIT = 200_000;
  const place = (i: number, used: number): boolean => {
    if (i === order.length) return true;
    if (++steps > LIMIT) return false;
    const auditor = order[i]!;
    for (const audited of choices.get(auditor)!) {
      if (audited === auditor || taken.has(audited)) continue;
      // No school audits the school that audits it.
      if (target.get(audited) === auditor) continue;
      const cost = recent.has(pairKey(auditor, audited)) ? 1 : 0;
      if (used + cost > budget) continue;
      target.set(auditor, audited);
      taken.add(audited);
      if (place(i + 1, used + cost)) return true;
      target.delete(auditor);
      taken.delete(audited);
    }
    return false;
  };
  return place(0, 0) ? target : null;
}

export const countRepeats = (pairs: readonly { auditor: string; audited: string }[], recent: Set<string>) => pairs.filter((p) => recent.has(pairKey(p.auditor, p.audited))).length;

/** Why a set of pairs is no rotation of these schools, in Dutch; null when it is one. */
export function rotationProblem(schoolIds: readonly string[], pairs: readonly { auditor: string; audited: string }[]): string | null {
  const schools = new Set(schoolIds);
  const auditors = new Set(pairs.map((p) => p.auditor));
  const audited = new Set(pairs.map((p) => p.audited));
  if (pairs.length !== schools.size || auditors.size !== schools.size || [...auditors].some((s) => !schools.has(s))) return 'Elke school auditeert precies één andere school.';
  if (audited.size !== schools.size || [...audited].some((s) => !schools.has(s))) return 'Elke school wordt precies één keer geauditeerd.';
  if (pairs.some((p) => p.auditor === p.audited)) return 'Een school auditeert zichzelf niet.';
  const by = new Map(pairs.map((p) => [p.auditor, p.audited]));
  if (pairs.some((p) => by.get(p.audited) === p.auditor)) return 'Twee scholen auditeren elkaar niet over en weer.';
  return null;
}

/**
 * A change to a drawn rotation: `auditor` visits `audited` instead, and the
 * school that was to visit `audited` takes over the auditor's old target.
 * Refused when the result breaks a rule; the reason is kept by the caller.
 */
export function adjustRotation(pairs: readonly { auditor: string; audited: string }[], auditor: string, audited: string): { auditor: string; audited: string }[] {
  const from = pairs.find((p) => p.auditor === auditor);
  const other = pairs.find((p) => p.audited === audited);
  if (!from || !other) throw new RotationError('Deze school hoort niet bij de rotatie.');
  const next = pairs.map((p) => (p === from ? { auditor, audited } : p === other ? { auditor: other.auditor, audited: from.audited } : { ...p }));
  const problem = rotationProblem(
    pairs.map((p) => p.auditor),
    next,
  );
  if (problem) throw new RotationError(problem);
  return next;
}

/* ------------------------------------------------------------- random pupil */

export interface PupilDraw {
  /** The drawn pupil, one of `list`. */
  pupilId: string;
  /** The list drawn from, in the order the draw used (sorted ids): kept with the seed. */
  list: string[];
}

/**
 * One pupil from the list of pupils with a granted arrangement at the
 * audited school: the list sorted, the index from the seed. Null when the
 * list is empty (the school has no such pupil: nothing to draw).
 */
export function drawPupil(pupilIds: readonly string[], seed: string): PupilDraw | null {
  const list = canonical(pupilIds);
  if (list.length === 0) return null;
  const index = Math.floor(generator(seed)() * list.length);
  return { pupilId: list[index]!, list };
}

/** mulberry32: a tiny seeded PRNG, so the demo and the bench seed are the same on every machine. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
  };
}
export type Rng = ReturnType<typeof rng>;

export const firstNames = [
  'Emma', 'Noah', 'Julia', 'Liam', 'Mila', 'Luca', 'Sophie', 'Finn', 'Tess', 'Daan', 'Sara', 'Sem', 'Nora', 'Levi',
  'Zoë', 'Milan', 'Evi', 'Lucas', 'Saar', 'Bram', 'Anna', 'Mees', 'Lotte', 'Jesse', 'Fleur', 'Thijs', 'Yara', 'Adam',
  'Noor', 'Mohamed', 'Fenna', 'Ryan', 'Lieke', 'Ayoub', 'Isa', 'Ibrahim', 'Maud', 'Jayden', 'Roos', 'Stijn', 'Amira',
  'Thomas', 'Hailey', 'Daniël', 'Elif', 'Ruben', 'Lina', 'Youssef', 'Femke', 'Kevin',
] as const;
export const lastNames = [
  ['', 'Jansen'], ['de', 'Vries'], ['van den', 'Berg'], ['van', 'Dijk'], ['', 'Bakker'], ['', 'Visser'], ['', 'Smit'],
  ['', 'Meijer'], ['de', 'Boer'], ['', 'Mulder'], ['de', 'Groot'], ['', 'Bos'], ['', 'Vos'], ['', 'Peters'],
  ['', 'Hendriks'], ['van', 'Leeuwen'], ['', 'Dekker'], ['', 'Brouwer'], ['de', 'Wit'], ['', 'Dijkstra'], ['', 'Smits'],
  ['de', 'Graaf'], ['van der', 'Meer'], ['van der', 'Linden'], ['', 'Kok'], ['', 'Jacobs'], ['de', 'Haan'],
  ['', 'Vermeulen'], ['van den', 'Heuvel'], ['van der', 'Veen'], ['', 'Yılmaz'], ['', 'El Amrani'], ['', 'Kaya'],
  ['', 'Öztürk'], ['', 'Nguyen'], ['', 'Pinas'], ['', 'Martina'], ['', 'Kowalski'],
] as const;

import { z } from 'zod';
import { levels as educationLevels, schoolKinds } from '../organisation/schema.ts';
import { aspects, capacityLevels, provisions, supportLevels } from './schema.ts';

/**
 * The public directory (no sign-in): only what a school leader published,
 * and nothing about a pupil. The query names are Dutch because they are the
 * public page's address (/aanbod/vo2601?behoefte=…&niveau=havo).
 */
export const DirectoryParams = z.object({ partnership: z.string().regex(/^[A-Za-z0-9]{2,20}$/, 'Dit samenwerkingsverband kennen we niet.') });
export const DirectorySchoolParams = DirectoryParams.extend({ id: z.uuid('Deze school kennen we niet.') });

const blankIsNone = (v: unknown) => (v === '' ? undefined : v);
export const DirectoryQuery = z.object({
  /** A school's name or a place. */
  q: z.string().trim().max(80, 'Gebruik hoogstens 80 tekens.').optional(),
  soort: z.preprocess(blankIsNone, z.enum(schoolKinds, 'Kies een soort school uit de lijst.').optional()),
  niveau: z.preprocess(blankIsNone, z.enum(educationLevels, 'Kies een niveau uit de lijst.').optional()),
  behoefte: z.preprocess(blankIsNone, z.uuid('Kies een ondersteuningsbehoefte uit de lijst.').optional()),
  ondersteuning: z.preprocess(blankIsNone, z.enum(supportLevels, 'Kies een soort ondersteuning uit de lijst.').optional()),
  /** '1': only schools that say they have a free place now. */
  vrij: z.preprocess(blankIsNone, z.enum(['1'], 'Vrije plaatsen is aan (1) of uit.').optional()),
  /** Distances from a place in the list (the middle of its schools) … */
  vanaf: z.string().trim().max(80, 'Gebruik hoogstens 80 tekens.').optional(),
  /** … or from a point (the browser's own location, when the parent allows it). */
  lat: z.preprocess(blankIsNone, z.coerce.number('Vul een breedtegraad in.').min(50.7, 'Dit punt ligt niet in Nederland.').max(53.6, 'Dit punt ligt niet in Nederland.').optional()),
  lon: z.preprocess(blankIsNone, z.coerce.number('Vul een lengtegraad in.').min(3.3, 'Dit punt ligt niet in Nederland.').max(7.3, 'Dit punt ligt niet in Nederland.').optional()),
});
export type DirectoryQuery = z.infer<typeof DirectoryQuery>;

const Point = z.object({ lat: z.number(), lon: z.number() });
const LevelText = z.object({ label: z.string(), description: z.string() });
const Partnership = z.object({ name: z.string(), code: z.string() });

export const DirectoryEntry = z.object({
  /** The location: one school may have several. */
  id: z.string(),
  name: z.string(),
  location: z.string(),
  street: z.string(),
  postcode: z.string(),
  city: z.string(),
  kind: z.enum(schoolKinds),
  levels: z.array(z.string()),
  cluster: z.number().nullable(),
  coordinates: Point.nullable(),
  distanceKm: z.number().nullable(),
  /** Free places now, all rows together; null when the school has not said. */
  freePlaces: z.number().nullable(),
  /** The needs it serves, with the levels at which it does. */
  offers: z.array(z.object({ needId: z.string(), level: z.enum(supportLevels) })),
  schoolYear: z.string(),
  /** Published for this school year. */
  current: z.boolean(),
});

export const DirectoryList = z.object({
  partnership: Partnership,
  schoolYear: z.string(),
  needs: z.array(z.object({ id: z.string(), label: z.string(), description: z.string() })),
  levels: z.object({ basis: LevelText, basisplus: LevelText, extra: LevelText }),
  /** The places of the schools, for the distance picker. */
  places: z.array(z.string()),
  origin: z.object({ label: z.string(), lat: z.number(), lon: z.number() }).nullable(),
  total: z.number(),
  schools: z.array(DirectoryEntry),
});
export type DirectoryList = z.infer<typeof DirectoryList>;

export const DirectorySchool = z.object({
  partnership: Partnership,
  entry: DirectoryEntry,
  summary: z.string(),
  offers: z.array(z.object({
    need: z.object({ id: z.string(), label: z.string(), description: z.string() }),
    levels: z.array(z.object({ level: z.enum(supportLevels), aspects: z.array(z.enum(aspects)), note: z.string() })),
  })),
  levels: z.object({ basis: LevelText, basisplus: LevelText, extra: LevelText }),
  provisions: z.array(z.enum(provisions)),
  expertise: z.string(),
  limits: z.string(),
  capacity: z.array(z.object({ level: z.enum(capacityLevels), yearGroup: z.number().nullable(), places: z.number(), free: z.number().nullable() })),
  freePlacesAt: z.date().nullable(),
  contact: z.object({ name: z.string(), phone: z.string(), email: z.string(), website: z.string() }),
  publishedAt: z.date(),
});
export type DirectorySchool = z.infer<typeof DirectorySchool>;

/** Special education (sbo, so, vso) and the OPDC: where a place is, now. */
export const specialKinds = ['sbo', 'so', 'vso', 'opdc'] as const;
export const FreePlacesOverview = z.object({
  partnership: Partnership,
  schools: z.array(DirectoryEntry.pick({ id: true, name: true, location: true, city: true, kind: true, cluster: true, current: true }).extend({
    capacity: z.array(z.object({ level: z.enum(capacityLevels), yearGroup: z.number().nullable(), places: z.number(), free: z.number().nullable() })),
    freePlacesAt: z.date().nullable(),
  })),
});
export type FreePlacesOverview = z.infer<typeof FreePlacesOverview>;

export const directoryKindLabels: Record<(typeof schoolKinds)[number], string> = {
  po: 'Basisschool',
  sbo: 'Speciale basisschool (sbo)',
  so: 'Speciaal onderwijs (so)',
  vo: 'Middelbare school',
  pro: 'Praktijkonderwijs',
  vso: 'Voortgezet speciaal onderwijs (vso)',
  opdc: 'Opdc (tijdelijke plek)',
  rebound: 'Rebound / trajectvoorziening',
};

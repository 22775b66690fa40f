import { z } from 'zod';

/**
 * The dekkend-aanbod gap map as the browser sees it: per education level ×
 * support need, the demand (pupils who need extra support) against the
 * supply (published profiles that offer it, and their free places).
 *
 * Small cells: a count of pupils from 1 to 4 leaves the server as "< 5",
 * never as the number, wherever it is (a cell, an area, a school, a year):
 * with a handful of pupils at one level with one need, a number points at a
 * pupil (AVG art. 5(1)(c), data minimisation: aggregates for the board and the
 * ondersteuningsplanraad must not identify a child).
 */
export const SMALL = '< 5' as const;
export const Count = z.union([z.number().int().min(0), z.literal(SMALL)]);
export type Count = z.infer<typeof Count>;

/** A count of pupils as it may leave the server: 0 stays 0, 1–4 becomes "< 5". */
export const shown = (n: number): Count => (n >= 1 && n < 5 ? SMALL : n);

const schoolYear = z.string().regex(/^[0-9]{4}-[0-9]{4}$/, 'Een schooljaar is bijvoorbeeld 2026-2027.');
const area = z.string().trim().max(80, 'Hoogstens 80 tekens.');

export const CoverageQuery = z.object({
  schoolYear: schoolYear.optional(),
  /** The city of the pupils' school location; empty: the whole region. */
  area: area.optional(),
});
export const CasesQuery = CoverageQuery.extend({
  level: z.string().min(1).max(40),
  needId: z.uuid('Kies een ondersteuningsbehoefte.'),
});
export const TrendQuery = z.object({
  area: area.optional(),
  /** Both or neither: one cell over the years, or the totals. */
  level: z.string().min(1).max(40).optional(),
  needId: z.uuid('Kies een ondersteuningsbehoefte.').optional(),
});

/** Why a cell is short: no school offers the need at that level at all, or more pupils need it than there are free places with extra support. */
export const gapKinds = ['none_offered', 'short'] as const;
export const gapLabels: Record<(typeof gapKinds)[number], string> = {
  none_offered: 'Geen school biedt dit aan',
  short: 'Meer vraag dan vrije plaatsen',
};

export const Cell = z.object({
  level: z.string(),
  needId: z.string(),
  /** Pupils with an active OPP or an open or granted request (arrangement, TLV, OPDC) with this need, each once. */
  demand: Count,
  /** Per source of demand (OPP, request, …): how many of the pupils come through it. */
  demandBySource: z.record(z.string(), Count),
  /** Locations whose current published profile offers the need at this level as extra support. */
  extraSchools: z.number().int(),
  /** ... and as basisplus. */
  basisplusSchools: z.number().int(),
  /** Places and free places for this level at the locations that offer extra support for the need. */
  places: z.number().int(),
  freePlaces: z.number().int(),
  gap: z.enum(gapKinds).nullable(),
});
export type Cell = z.infer<typeof Cell>;

export const CoverageMap = z.object({
  schoolYear: z.string(),
  area: z.string().nullable(),
  levels: z.array(z.object({ id: z.string(), label: z.string() })),
  needs: z.array(z.object({ id: z.string(), label: z.string() })),
  cells: z.array(Cell),
  /** The sources demand is counted from, with their words. */
  sources: z.array(z.object({ kind: z.string(), label: z.string() })),
  areas: z.array(z.object({ area: z.string(), demand: Count })),
  schools: z.array(z.object({ id: z.string(), name: z.string(), demand: Count })),
  /** The school years there is something to show for (the filter). */
  schoolYears: z.array(z.string()),
  allowed: z.object({ cases: z.boolean() }),
});
export type CoverageMap = z.infer<typeof CoverageMap>;

export const CoverageCase = z.object({
  /** Initials and birth year: enough to recognise a case one knows, not to find a pupil one does not. */
  initials: z.string(),
  birthYear: z.number().int(),
  school: z.string(),
  sources: z.array(z.string()),
  /** Set only where the reader may open the pupil's dossier. */
  pupilId: z.string().nullable(),
});
export const CoverageCases = z.object({
  level: z.string(),
  need: z.object({ id: z.string(), label: z.string() }),
  schoolYear: z.string(),
  cases: z.array(CoverageCase),
});

export const CoverageTrend = z.object({
  level: z.string().nullable(),
  need: z.object({ id: z.string(), label: z.string() }).nullable(),
  years: z.array(
    z.object({
      schoolYear: z.string(),
      demand: Count,
      /** For one cell: its free places and the schools that offer extra support; for the totals, none. */
      freePlaces: z.number().int().nullable(),
      extraSchools: z.number().int().nullable(),
      /** How many of the cells shown are short (0 or 1 for one cell). */
      gaps: z.number().int(),
    }),
  ),
});

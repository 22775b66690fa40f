import { z } from 'zod';

/**
 * The common indicators Leerrecht computes from its own records (seed 001,
 * "Gemeenschappelijke indicatoren"; DOMAIN C10). Each says where its number
 * comes from. Per school a count under 5 is withheld (platform/work.ts
 * withholdSmall): a small number points at pupils.
 */
export const indicatorKeys = ['opps', 'oppsOverdue', 'arrangements', 'tlvRequested', 'tlvIssued'] as const;
export type IndicatorKey = (typeof indicatorKeys)[number];
export const indicatorInfo: Record<IndicatorKey, { label: string; source: string }> = {
  opps: { label: "Leerlingen met een OPP", source: "OPP's in Leerrecht die in het schooljaar liepen" },
  oppsOverdue: { label: "OPP's niet op tijd geëvalueerd", source: 'Lopende OPP\'s waarvan de geplande evaluatiedatum voorbij is' },
  arrangements: { label: 'Toegekende arrangementen', source: 'Arrangementen in Leerrecht die in het schooljaar begonnen' },
  tlvRequested: { label: "TLV's aangevraagd", source: 'Aanvragen voor een toelaatbaarheidsverklaring, ingediend in het schooljaar' },
  tlvIssued: { label: "TLV's afgegeven", source: "TLV's in het register die in het schooljaar ingaan" },
};

const schoolYear = z.string().regex(/^\d{4}-\d{4}$/, 'Kies een schooljaar.').refine((y) => Number(y.slice(5)) === Number(y.slice(0, 4)) + 1, 'Kies een schooljaar.');
export const IndicatorQuery = z.object({ schoolYear: schoolYear.optional() });

/** A school's number, or null when under 5 (withheld). */
const Count = z.number().nullable();
export const IndicatorView = z.object({
  schoolYear: z.string(),
  indicators: z.array(
    z.object({
      key: z.enum(indicatorKeys),
      /** The median over every school of the partnership: the school's yardstick. */
      median: z.number(),
      total: z.number(),
      schools: z.array(z.object({ id: z.string(), name: z.string(), count: Count })),
    }),
  ),
  /** Every school by name (the partnership), or only the reader's own beside the median. */
  scope: z.enum(['partnership', 'own']),
});

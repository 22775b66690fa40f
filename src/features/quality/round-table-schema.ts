import { z } from 'zod';
import { day, exportFormat, optionalText, requiredText, searchText } from '../../platform/http/schemas.ts';
import { schoolYear } from './schema.ts';

/**
 * Round tables (*thematafels*, seed 003): the field's input for the
 * evaluation of the support plan. Each table has statements the room reacted
 * to in plenary, and themes discussed in groups as *behouden* (keep),
 * *mag weg* (drop) and *missen* (miss). Roles only, never a person's name.
 */

/** Who sat at the tables of seed 003 ("IB-ers / leerkrachten / directeuren / beleidsmedewerkers"), and whom a partnership also invites. */
export const roundTableAudiences = ['ib', 'teachers', 'directors', 'policy', 'support_staff', 'parents', 'pupils', 'chain_partners', 'boards'] as const;
export const roundTableAudienceLabels: Record<(typeof roundTableAudiences)[number], string> = {
  ib: 'Intern begeleiders en ondersteuningscoördinatoren',
  teachers: 'Leerkrachten en docenten',
  directors: 'Directeuren en schoolleiders',
  policy: 'Beleidsmedewerkers van besturen',
  support_staff: 'Medewerkers van het samenwerkingsverband',
  parents: 'Ouders',
  pupils: 'Leerlingen',
  chain_partners: 'Ketenpartners (gemeente, jeugdhulp)',
  boards: 'Bestuurders',
};

export const verdicts = ['keep', 'drop', 'miss'] as const;
export type Verdict = (typeof verdicts)[number];
export const verdictLabels: Record<Verdict, string> = { keep: 'Behouden', drop: 'Mag weg', miss: 'Missen we' };

/** The themes of seed 003's group discussions: offered as a start, any other may be typed. */
export const FIRST_THEMES = ['Basisondersteuning', 'Extra ondersteuning', 'Multidisciplinair overleg (MDO)', 'De rol van het samenwerkingsverband', 'Samenwerking met gemeente en jeugdhulp', 'Thuiszitters en verzuim'] as const;

/** One point per line: what the group said, short. */
const points = z.array(requiredText(500, 'Laat geen lege regel staan, of haal hem weg.')).max(40, 'Houd het bij 40 punten per kolom.');

export const RoundTableContent = z.object({
  statements: z
    .array(
      z.object({
        text: requiredText(400, 'Vul de stelling in.'),
        reactions: optionalText(4000),
      }),
    )
    .max(10, 'Houd het bij 10 stellingen.'),
  themes: z
    .array(
      z.object({
        theme: requiredText(120, 'Vul het thema in.'),
        keep: points,
        drop: points,
        miss: points,
      }),
    )
    .max(20, 'Houd het bij 20 thema’s.'),
});
export type RoundTableContent = z.infer<typeof RoundTableContent>;

export const RoundTableInput = z.object({
  title: requiredText(200, 'Geef de thematafel een naam, bijvoorbeeld "Thematafel directeuren".'),
  heldOn: day,
  audiences: z.array(z.enum(roundTableAudiences, 'Kies wie er aan tafel zaten uit de lijst.')).min(1, 'Kies wie er aan tafel zaten.').max(roundTableAudiences.length),
  content: RoundTableContent,
});
export const SaveRoundTableInput = RoundTableInput.extend({ revision: z.number().int().min(1) });

export const RoundTableQuery = z.object({ schoolYear: schoolYear.optional(), q: searchText });
export const RoundTableExportQuery = RoundTableQuery.extend({ format: exportFormat });

export const RoundTableSummary = z.object({
  id: z.string(),
  title: z.string(),
  heldOn: z.string(),
  audiences: z.array(z.string()),
  statements: z.number(),
  themes: z.number(),
});

export const RoundTableList = z.object({
  schoolYear: z.string(),
  schoolYears: z.array(z.string()),
  tables: z.array(RoundTableSummary),
  /** Per theme, across the year's tables: what was said to keep, drop and miss, and at which table. */
  themes: z.array(
    z.object({
      theme: z.string(),
      points: z.array(z.object({ verdict: z.enum(verdicts), text: z.string(), tableId: z.string(), tableTitle: z.string(), heldOn: z.string() })),
    }),
  ),
  allowed: z.object({ manage: z.boolean() }),
});

export const RoundTableView = z.object({
  id: z.string(),
  title: z.string(),
  heldOn: z.string(),
  audiences: z.array(z.enum(roundTableAudiences)),
  content: RoundTableContent,
  revision: z.number(),
  updatedAt: z.date(),
  updatedBy: z.string().nullable(),
  allowed: z.object({ manage: z.boolean() }),
});

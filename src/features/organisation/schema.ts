import { z } from 'zod';
import { HOLIDAY_REGIONS } from '../../platform/calendar/holidays.ts';
import { addressId, day, optionalText, requiredText } from '../../platform/http/schemas.ts';

export const schoolKinds = ['po', 'sbo', 'so', 'vo', 'pro', 'vso', 'opdc', 'rebound'] as const;
export const schoolKindLabels: Record<(typeof schoolKinds)[number], string> = {
  po: 'Basisonderwijs',
  sbo: 'Speciaal basisonderwijs',
  so: 'Speciaal onderwijs',
  vo: 'Voortgezet onderwijs',
  pro: 'Praktijkonderwijs',
  vso: 'Voortgezet speciaal onderwijs',
  opdc: 'OPDC',
  rebound: 'Rebound / trajectvoorziening',
};
export const levels = [
  'vmbo-b', 'vmbo-k', 'vmbo-gt', 'havo', 'vwo', 'lwoo', 'pro',
  'vso-dagbesteding', 'vso-arbeid', 'vso-vervolgonderwijs', 'opdc', 'rebound',
] as const;

const name = z.string().trim().min(2, 'Vul een naam in van minstens 2 tekens.').max(120, 'Hoogstens 120 tekens.');

export const BoardInput = z.object({
  name,
  boardNumber: z.string().trim().regex(/^[0-9]{5}$/, 'Het bestuursnummer (bevoegd gezag) bestaat uit 5 cijfers.'),
});
export const BoardPatch = BoardInput.partial();
export const Board = z.object({
  id: z.string(),
  name: z.string(),
  boardNumber: z.string(),
  schoolCount: z.number(),
  allowed: z.object({ update: z.boolean() }),
});

const schoolFields = {
  boardId: z.uuid('Kies een bestuur.'),
  name,
  brin: z.string().trim().toUpperCase().regex(/^[0-9]{2}[A-Z]{2}$/, 'Een BRIN-code is 2 cijfers en 2 letters, bijvoorbeeld 12AB.'),
  kind: z.enum(schoolKinds, 'Kies een soort school.'),
  levels: z.array(z.enum(levels, 'Onbekend niveau.')).max(levels.length),
  cluster: z.number().int().min(1).max(4, 'Een cluster is 1 t/m 4.').nullable(),
};
const clusterRule = <T extends { kind?: string; cluster?: number | null }>(s: T, ctx: z.RefinementCtx) => {
  if (s.cluster != null && s.kind !== undefined && s.kind !== 'so' && s.kind !== 'vso') {
    ctx.addIssue({ code: 'custom', path: ['cluster'], message: 'Alleen (v)so-scholen hebben een cluster.' });
  }
};
export const SchoolInput = z
  .object({ ...schoolFields, levels: schoolFields.levels.default([]), cluster: schoolFields.cluster.default(null) })
  .superRefine(clusterRule);
// No defaults here: a field left out of a change stays as it is.
export const SchoolPatch = z.object(schoolFields).partial().extend({ active: z.boolean().optional() }).superRefine(clusterRule);

export const SchoolQuery = z.object({
  q: z.string().trim().max(100).optional(),
  kind: z.enum(schoolKinds).optional(),
});

export const LocationInput = z.object({
  name,
  street: optionalText(120),
  postcode: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^$|^[1-9][0-9]{3} ?[A-Z]{2}$/, 'Een postcode is 4 cijfers en 2 letters, bijvoorbeeld 8011 AB.')
    .default(''),
  city: optionalText(80),
});
export const LocationParams = z.object({ id: addressId, locationId: addressId });
export const Location = z.object({ id: z.string(), name: z.string(), street: z.string(), postcode: z.string(), city: z.string() });

export const SchoolSummary = z.object({
  id: z.string(),
  name: z.string(),
  brin: z.string(),
  kind: z.enum(schoolKinds),
  levels: z.array(z.string()),
  cluster: z.number().nullable(),
  active: z.boolean(),
  board: z.object({ id: z.string(), name: z.string() }),
});
export const School = SchoolSummary.extend({
  locations: z.array(Location),
  allowed: z.object({ update: z.boolean(), manageLocations: z.boolean(), manageStaff: z.boolean(), importPupils: z.boolean(), readClasses: z.boolean() }),
});
export const SchoolList = z.object({ schools: z.array(SchoolSummary), allowed: z.object({ create: z.boolean() }) });

export const ClassSummary = z.object({
  id: z.string(),
  name: z.string(),
  schoolYear: z.string(),
  level: z.string().nullable(),
  yearGroup: z.number().nullable(),
  pupilCount: z.number(),
});

/** A school's calendar: its holiday region and its own days without lessons (platform/calendar/). */
export { holidayRegionLabels } from '../../platform/calendar/holidays.ts';
export const FreeDayInput = z.object({ day, label: requiredText(80, 'Zeg kort waarom er geen les is, bijvoorbeeld Studiedag.') });
export const CalendarInput = z
  .object({
    region: z.enum(HOLIDAY_REGIONS, 'Kies een vakantieregio.').nullable(),
    // A school year has some ten study days; 100 leaves room for several years ahead.
    freeDays: z.array(FreeDayInput).max(100, 'Hoogstens 100 vrije dagen; haal oude dagen weg.'),
  })
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    c.freeDays.forEach((f, i) => {
      if (seen.has(f.day)) ctx.addIssue({ code: 'custom', path: ['freeDays', i, 'day'], message: 'Deze dag staat er al.' });
      seen.add(f.day);
    });
  });
const schoolYear = z
  .string()
  .regex(/^\d{4}-\d{4}$/, 'Kies een schooljaar, bijvoorbeeld 2026-2027.')
  .refine((y) => Number(y.slice(5)) === Number(y.slice(0, 4)) + 1, 'Kies een schooljaar, bijvoorbeeld 2026-2027.');
export const CalendarQuery = z.object({ year: schoolYear.optional() });
export const CalendarView = z.object({
  region: z.enum(HOLIDAY_REGIONS).nullable(),
  freeDays: z.array(z.object({ day: z.string(), label: z.string() })),
  /** The school year shown, with its holidays for the region and the public holidays on weekdays. */
  schoolYear: z.string(),
  holidays: z.array(z.object({ name: z.string(), from: z.string(), to: z.string() })),
  publicHolidays: z.array(z.object({ day: z.string(), name: z.string() })),
  schoolWeeks: z.number(),
  schoolDays: z.number(),
  /** Whether the national holiday data reaches this school year. */
  covered: z.boolean(),
  allowed: z.object({ manage: z.boolean() }),
});

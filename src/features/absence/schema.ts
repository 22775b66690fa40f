import { z } from 'zod';
import { addressId, day, optionalText } from '../../platform/http/schemas.ts';

export const absenceKinds = ['ongeoorloofd', 'geoorloofd', 'ziek', 'te_laat', 'verlof'] as const;
export type AbsenceKind = (typeof absenceKinds)[number];

export const absenceKindLabels: Record<(typeof absenceKinds)[number], string> = {
  ongeoorloofd: 'Ongeoorloofd',
  geoorloofd: 'Geoorloofd',
  ziek: 'Ziek',
  te_laat: 'Te laat',
  verlof: 'Verlof of vrijstelling',
};

export const AbsenceInput = z.object({
  day,
  kind: z.enum(absenceKinds, 'Kies de soort verzuim.'),
  // Lesson time in hours: a lesson of 50 minutes is 0,83; a school day has at most 10.
  // At least 0,01 hour: the database keeps two decimals, and less would round to nothing.
  hours: z.number('Vul het aantal uren in als getal, bijvoorbeeld 2 of 1,5.').min(0.01, 'Vul een aantal uren in groter dan 0.').max(10, 'Een schooldag heeft hoogstens 10 lesuren.'),
  wholeDay: z.boolean().default(false),
  reason: optionalText(500),
});
export const AbsenceParams = z.object({ id: addressId, absenceId: addressId });

export const reportKinds = ['16_uur', 'langdurig'] as const;
export const reportKindLabels: Record<(typeof reportKinds)[number], string> = {
  '16_uur': '16 uur ongeoorloofd verzuim in 4 schoolweken',
  langdurig: 'Langer dan 4 weken niet op school',
};
export const ReportInput = z.object({
  kind: z.enum(reportKinds, 'Kies de soort melding.'),
  dueOn: day,
  reportedOn: day,
  note: optionalText(1000),
});

const Trigger = z.object({ day: z.string(), hours: z.number(), from: z.string() });
export const AbsenceView = z.object({
  schoolId: z.string(),
  /** The school has set its holiday region: without it holidays are not known and count as school weeks. */
  regionSet: z.boolean(),
  records: z.array(
    z.object({
      id: z.string(),
      day: z.string(),
      kind: z.enum(absenceKinds),
      hours: z.number(),
      wholeDay: z.boolean(),
      /** Null when the reader may not read it (a sick note's reason: the support team only). */
      reason: z.string().nullable(),
      source: z.string(),
      recordedBy: z.string().nullable(),
    }),
  ),
  state: z.object({
    window: z.object({ hours: z.number(), from: z.string(), to: z.string() }),
    unreportedHours: z.number(),
    reportDue: Trigger.nullable(),
    reportsDue: z.number(),
    triggers: z.array(Trigger),
    earlyWarning: z.boolean(),
    sick: z.object({ reports: z.number(), longestSpell: z.number(), flagged: z.boolean() }),
    long: z.object({ since: z.string(), until: z.string(), schoolWeeks: z.number(), thuiszitter: z.boolean(), sick: z.boolean() }).nullable(),
  }),
  reports: z.array(z.object({ id: z.string(), kind: z.enum(reportKinds), dueOn: z.string(), reportedOn: z.string(), note: z.string(), reportedBy: z.string().nullable() })),
  settings: z.object({ earlyWarningHours: z.number(), sickReports: z.number(), sickWeeks: z.number(), sickConsecutiveDays: z.number() }),
  allowed: z.object({ record: z.boolean(), remove: z.boolean(), report: z.boolean(), readHealth: z.boolean() }),
});

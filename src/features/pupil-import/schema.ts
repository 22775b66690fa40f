import { z } from 'zod';

/** Shared with the browser: the pupil import's inputs and outputs. BSN is never in an output. */

export const importFormats = ['edexml', 'csv'] as const;
export const importStatuses = ['queued', 'parsing', 'ready', 'applying', 'applied', 'failed', 'cancelled'] as const;
export const importStatusLabels: Record<(typeof importStatuses)[number], string> = {
  queued: 'In de wachtrij',
  parsing: 'Bestand wordt gelezen',
  ready: 'Klaar om toe te passen',
  applying: 'Wordt toegepast',
  applied: 'Toegepast',
  failed: 'Geweigerd',
  cancelled: 'Geannuleerd',
};

const header = z.string().trim().max(100, 'Hoogstens 100 tekens.');
const required = header.min(1, 'Vul de kolomnaam in.');
const optional = header.nullish().transform((v) => (v ? v : null));

/** Which CSV column header holds what; remembered per school. */
export const CsvMapping = z.object({
  studentNumber: required,
  firstName: required,
  prefix: optional,
  lastName: required,
  birthDate: required,
  className: optional,
  level: optional,
  eckId: optional,
  bsn: optional,
  key: optional,
  // Up to two parents per pupil, where the export carries them (Magister and Somtoday call them verantwoordelijken).
  parent1Name: optional,
  parent1Email: optional,
  parent1Phone: optional,
  parent1Authority: optional,
  parent2Name: optional,
  parent2Email: optional,
  parent2Phone: optional,
  parent2Authority: optional,
});
export type CsvMapping = z.infer<typeof CsvMapping>;
export const MappingResponse = z.object({ mapping: CsvMapping.nullable(), allowed: z.object({ edit: z.boolean() }) });

export const Issue = z.object({ line: z.number().nullable(), element: z.string().nullable(), message: z.string(), detail: z.string().optional() });

const PupilLine = z.object({ pupilId: z.string().nullable(), studentNumber: z.string(), name: z.string() });
export const Preview = z.object({
  schoolYear: z.string(),
  /** The export's date: enrolments of pupils missing from the file end on it. (Absent in previews made before it existed.) */
  referenceDate: z.string().optional(),
  /** The school's pupils with an open enrolment before the import. */
  enrolled: z.number().optional(),
  /** Applying needs `confirmLeavers` naming the number of leavers (see LEAVER_CONFIRMATION_SHARE). */
  leaversNeedConfirmation: z.boolean().optional(),
  counts: z.object({
    newPupils: z.number(),
    classChanges: z.number(),
    leavers: z.number(),
    updated: z.number(),
    unchanged: z.number(),
    skipped: z.number(),
    newClasses: z.number(),
  }),
  /** Lists stop at LIST_LIMIT rows each; the counts are complete. */
  newPupils: z.array(PupilLine.extend({ className: z.string().nullable() })),
  classChanges: z.array(PupilLine.extend({ from: z.string().nullable(), to: z.string().nullable() })),
  leavers: z.array(PupilLine.extend({ className: z.string().nullable() })),
  updated: z.array(PupilLine.extend({ fields: z.array(z.string()) })),
  newClasses: z.array(z.string()),
  warnings: z.array(Issue),
});
export type Preview = z.infer<typeof Preview>;
export const LIST_LIMIT = 500;

export const ImportJob = z.object({
  id: z.string(),
  schoolId: z.string(),
  format: z.enum(importFormats),
  status: z.enum(importStatuses),
  filename: z.string(),
  progress: z.number(),
  total: z.number(),
  errors: z.array(Issue),
  preview: Preview.nullable(),
  /** An import left waiting 7 days is dropped (its pupils deleted); only its counts remain. */
  expired: z.object({ counts: Preview.shape.counts }).nullable(),
  createdAt: z.date(),
  appliedAt: z.date().nullable(),
  /** Why applying failed (nothing changed then), in Dutch. */
  applyError: z.string().nullable(),
  createdBy: z.string(),
  allowed: z.object({ apply: z.boolean(), cancel: z.boolean() }),
});
export const ImportSummary = ImportJob.omit({ preview: true, expired: true, errors: true, applyError: true }).extend({
  counts: Preview.shape.counts.nullable(),
  errorCount: z.number(),
});
export const ImportList = z.object({ imports: z.array(ImportSummary), allowed: z.object({ create: z.boolean() }) });
/** `confirmLeavers`: the number of leavers the importer confirmed, when the preview asks for it. */
export const ApplyInput = z.object({ confirmLeavers: z.number().int().min(0).optional() }).nullish();

/** What an expired import says on its page, above its counts. */
export const IMPORT_EXPIRED = 'Deze import is na 7 dagen vervallen; de gegevens van de leerlingen zijn verwijderd. Lees het bestand opnieuw in als u de wijzigingen nog wilt toepassen.';

/** The leavers question, as the page asks it and the refusal says it. */
export const leaverQuestion = (leavers: number, enrolled: number) => `Deze import meldt ${leavers} van de ${enrolled} leerlingen af. Klopt dat?`;

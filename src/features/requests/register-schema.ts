import { z } from 'zod';
import { day, requiredText } from '../../platform/http/schemas.ts';
import { tlvSchoolKinds } from './schema.ts';

/**
 * The TLV register, the DUO export, arrangements with their evaluations and
 * the commitments per school (docs/decisions/0008-requests.md): shared with
 * the browser.
 */
const Ref = z.object({ id: z.string(), name: z.string() });
const page = z.coerce.number().int('Kies een bestaande pagina.').min(1, 'Kies een bestaande pagina.').max(100_000, 'Kies een bestaande pagina.').default(1);
const category = z.enum(['1', '2', '3'], 'Kies categorie 1, 2 of 3.');
const period = <T extends { from?: string; to?: string }>(q: T) => !q.from || !q.to || q.from <= q.to;
const periodIssue = { message: 'De einddatum ligt voor de begindatum.', path: ['to'] };

export const tlvSortKeys = ['number', 'pupil', 'school', 'startsOn', 'endsOn'] as const;
export const tlvSortLabels: Record<(typeof tlvSortKeys)[number], string> = {
  number: 'Nummer',
  pupil: 'Leerling',
  school: 'School',
  startsOn: 'Begindatum',
  endsOn: 'Einddatum',
};

export const TlvQuery = z.object({
  schoolId: z.uuid('Kies een school.').optional(),
  schoolKind: z.enum(tlvSchoolKinds, 'Kies sbo, so of vso.').optional(),
  category: category.optional(),
  /** The school year the TLV starts in, e.g. '2026-2027' (1 August to 31 July). */
  schoolYear: z
    .string()
    .regex(/^\d{4}-\d{4}$/, 'Kies een schooljaar als 2026-2027.')
    .refine((y) => Number(y.slice(5)) === Number(y.slice(0, 4)) + 1, 'Kies een schooljaar als 2026-2027.')
    .optional(),
  /** Only TLVs that end between today and six months from today. */
  endsSoon: z.enum(['true', 'false'], 'Kies ja of nee.').optional(),
  sort: z.enum(tlvSortKeys, 'Kies een bestaande sortering.').default('number'),
  dir: z.enum(['asc', 'desc'], 'Kies oplopend of aflopend.').default('desc'),
  page,
});
export type TlvQuery = z.infer<typeof TlvQuery>;

export const TlvRow = z.object({
  id: z.string(),
  number: z.number(),
  pupil: Ref,
  birthDate: z.string(),
  /** The school that asked for the TLV. */
  school: Ref,
  schoolKind: z.enum(tlvSchoolKinds),
  category: z.number().nullable(),
  cluster: z.number().nullable(),
  startsOn: z.string(),
  endsOn: z.string(),
  /** Ends between today and six months from today. */
  endsSoon: z.boolean(),
  /** The TLV has ended. */
  ended: z.boolean(),
  /** An extension request for this TLV is open (draft or under way). */
  extensionRequested: z.boolean(),
  allowed: z.object({ extend: z.boolean() }),
});
export const TlvPage = z.object({
  rows: z.array(TlvRow),
  page: z.number(),
  pageSize: z.number(),
  total: z.number(),
  today: z.string(),
  /** The partnership's registration number: its number at DUO, the first column of the export. */
  duoRegistrationNumber: z.string(),
  allowed: z.object({ export: z.boolean() }),
});

export const DuoExportQuery = z
  .object({ from: day.optional(), to: day.optional() })
  .refine(period, periodIssue);

export const ExtensionCreated = z.object({ id: z.string() });

// ---- arrangements ----

export const arrangementStatuses = ['running', 'ended', 'extended'] as const;
export const arrangementStatusLabels: Record<(typeof arrangementStatuses)[number], string> = {
  running: 'Loopt',
  ended: 'Beëindigd',
  extended: 'Verlenging gevraagd',
};
export const goalsReachedValues = ['yes', 'partly', 'no'] as const;
export const goalsReachedLabels: Record<(typeof goalsReachedValues)[number], string> = { yes: 'Ja', partly: 'Gedeeltelijk', no: 'Nee' };
export const evaluationOutcomes = ['continue', 'end', 'extend'] as const;
export const evaluationOutcomeLabels: Record<(typeof evaluationOutcomes)[number], string> = {
  continue: 'Voortzetten',
  end: 'Beëindigen',
  extend: 'Verlenging aanvragen',
};
/** none: no next evaluation; planned: later; due: within two weeks; overdue: the day has passed. */
export const evaluationStates = ['none', 'planned', 'due', 'overdue'] as const;

export const ArrangementQuery = z.object({
  schoolId: z.uuid('Kies een school.').optional(),
  status: z.enum(arrangementStatuses, 'Kies een bestaande status.').optional(),
  /** Only arrangements with an evaluation due within two weeks or overdue. */
  due: z.enum(['true', 'false'], 'Kies ja of nee.').optional(),
  page,
});

export const ArrangementRow = z.object({
  id: z.string(),
  kind: z.enum(['arrangement', 'opdc']),
  arrangementKind: Ref.nullable(),
  school: Ref,
  /** Null for an arrangement for a group or a team. */
  pupil: Ref.nullable(),
  groupDescription: z.string(),
  /** OPDC: the return to the own school the place works towards. */
  returnGoal: z.string(),
  amountCents: z.number().nullable(),
  hours: z.number().nullable(),
  startsOn: z.string(),
  endsOn: z.string(),
  status: z.enum(arrangementStatuses),
  nextEvaluationOn: z.string().nullable(),
  evaluation: z.enum(evaluationStates),
  lastEvaluation: z
    .object({ heldOn: z.string(), goalsReached: z.enum(goalsReachedValues), outcome: z.enum(evaluationOutcomes) })
    .nullable(),
  allowed: z.object({ evaluate: z.boolean() }),
});
export const ArrangementPage = z.object({ rows: z.array(ArrangementRow), page: z.number(), pageSize: z.number(), total: z.number(), today: z.string() });

export const EvaluationInput = z.object({
  heldOn: day,
  goalsReached: z.enum(goalsReachedValues, 'Kies of de doelen zijn bereikt.'),
  notes: requiredText(4000, 'Beschrijf kort wat de evaluatie opleverde.'),
  outcome: z.enum(evaluationOutcomes, 'Kies hoe het verder gaat.'),
});
export type EvaluationInput = z.infer<typeof EvaluationInput>;
export const EvaluationResult = z.object({ id: z.string(), status: z.enum(arrangementStatuses), nextEvaluationOn: z.string().nullable(), extensionRequestId: z.string().nullable() });

export const CommitmentsQuery = z.object({ from: day, to: day }).refine((q) => q.from <= q.to, periodIssue);
const Committed = z.object({
  arrangements: z.number(),
  /** The whole amounts of the arrangements overlapping the period, in cents. */
  amountCents: z.number(),
  /** The share of those amounts that falls in the period (pro rata by days), in cents. */
  amountInPeriodCents: z.number(),
  hours: z.number(),
  hoursInPeriod: z.number(),
});
export const Commitments = z.object({
  from: z.string(),
  to: z.string(),
  total: Committed,
  schools: z.array(z.object({ school: Ref, committed: Committed })),
});

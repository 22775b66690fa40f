import { z } from 'zod';
import { day, exportFormat, pageNumber as page, requiredText, searchText } from '../../platform/http/schemas.ts';

/**
 * Granted arrangements and OPDC places with their evaluations, and what the
 * partnership committed per school (docs/decisions/0008-requests.md): shared
 * with the browser.
 */
const Ref = z.object({ id: z.string(), name: z.string() });
const periodIssue = { message: 'De einddatum ligt voor de begindatum.', path: ['to'] };

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

/** The columns the list sorts on; running arrangements always come first. */
export const arrangementSortKeys = ['nextEvaluation', 'pupil', 'school', 'arrangement', 'amount', 'startsOn', 'endsOn', 'status'] as const;
export const ArrangementQuery = z.object({
  /** A part of the pupil's name, or of the group's description. */
  q: searchText,
  schoolId: z.uuid('Kies een school.').optional(),
  status: z.enum(arrangementStatuses, 'Kies een bestaande status.').optional(),
  /** Only arrangements with an evaluation due within two weeks or overdue. */
  due: z.enum(['true', 'false'], 'Kies ja of nee.').optional(),
  sort: z.enum(arrangementSortKeys, 'Kies een bestaande sortering.').default('nextEvaluation'),
  dir: z.enum(['asc', 'desc'], 'Kies oplopend of aflopend.').default('asc'),
  page,
});
/** The list as a file: the same search, filters and sort, every page. */
export const ArrangementExportQuery = ArrangementQuery.omit({ page: true }).extend({ format: exportFormat });

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
  /** The request that granted it. */
  requestId: z.string(),
  /** evaluate: the school's support team, while it runs; openPupil / openRequest: where the name may link. */
  allowed: z.object({ evaluate: z.boolean(), openPupil: z.boolean(), openRequest: z.boolean() }),
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

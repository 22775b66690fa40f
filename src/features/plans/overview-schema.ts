import { z } from 'zod';
import { day, exportFormat, pageNumber, searchText } from '../../platform/http/schemas.ts';
import { oppKinds } from './schema.ts';

/** The school's OPP overview and the OPP numbers: shared with the browser. */

export const overviewStatuses = ['draft', 'with_parents', 'agreed', 'disagreement', 'evaluation_due', 'overdue', 'closed'] as const;
export const overviewStatusLabels: Record<(typeof overviewStatuses)[number], string> = {
  draft: 'Concept',
  with_parents: 'Bij ouders',
  agreed: 'Ingestemd',
  disagreement: 'Niet ingestemd',
  evaluation_due: 'Evaluatie binnenkort',
  overdue: 'Te laat',
  closed: 'Afgesloten',
};

/** The columns the plans sort on. */
export const overviewSortKeys = ['pupil', 'class', 'kind', 'status', 'nextEvaluation', 'caseManager'] as const;
export const OverviewQuery = z.object({
  /** A part of the pupil's name (the overview's readers see every pupil of the school by name). */
  q: searchText,
  /** One status; without it every plan that is not closed. */
  status: z.enum(overviewStatuses, 'Kies een bestaande status.').optional(),
  /** Only plans whose next evaluation falls on or before this day. */
  due: day.optional(),
  sort: z.enum(overviewSortKeys, 'Kies een bestaande sortering.').default('pupil'),
  dir: z.enum(['asc', 'desc'], 'Kies oplopend of aflopend.').default('asc'),
  /** The plans, 50 a page; the pupils without a plan are all shown. */
  page: pageNumber,
});
/** The overview as a file: the same search, filters and sort, every plan and every pupil without one. */
export const OverviewExportQuery = OverviewQuery.omit({ page: true }).extend({ format: exportFormat });

const Ref = z.object({ id: z.string(), name: z.string() });

export const OverviewPlan = z.object({
  id: z.string(),
  pupil: Ref,
  className: z.string().nullable(),
  kind: z.enum(oppKinds),
  status: z.enum(overviewStatuses),
  /** Why it is overdue: an evaluation date passed, or the parents have not answered for 4 weeks. */
  overdueReason: z.enum(['evaluation', 'answer']).nullable(),
  version: z.number(),
  sentOn: z.string().nullable(),
  agreedOn: z.string().nullable(),
  nextEvaluationOn: z.string().nullable(),
  /** Sent, and not every required signer has agreed yet. */
  unsigned: z.boolean(),
  caseManager: Ref.nullable(),
  /** openPlan: the reader may open the OPP (the name links to it). */
  allowed: z.object({ openPlan: z.boolean() }),
});

export const MissingPlan = z.object({
  pupil: Ref,
  className: z.string().nullable(),
  /** special_school: pro/vso/so/sbo (every pupil needs one); extra_support: support level "extra". */
  reason: z.enum(['special_school', 'extra_support']),
  since: z.string(),
  dueOn: z.string(),
  overdue: z.boolean(),
  /** openPupil: the reader may open the pupil's page (the name links to it). */
  allowed: z.object({ openPupil: z.boolean() }),
});

export const OppOverview = z.object({
  school: Ref.extend({ kind: z.string() }),
  today: z.string(),
  counts: z.record(z.enum(overviewStatuses), z.number()),
  unsignedCount: z.number(),
  /** The page of plans, and how many the search and filters found. */
  plans: z.array(OverviewPlan),
  page: z.number(),
  pageSize: z.number(),
  total: z.number(),
  missing: z.array(MissingPlan),
});

export const NumbersQuery = z
  .object({ from: day, to: day })
  .refine((q) => q.from <= q.to, { message: 'De einddatum ligt voor de begindatum.', path: ['to'] });

export const OppNumbers = z.object({
  /** Plans that were open at some moment in the period. */
  plans: z.number(),
  full: z.number(),
  light: z.number(),
  /** Plans made in the period. */
  created: z.number(),
  /** Versions sent to the parents in the period, and how many of those were agreed. */
  sent: z.number(),
  agreed: z.number(),
  disagreed: z.number(),
  /** agreed / sent, 0..1; null without any sent. */
  shareAgreed: z.number().nullable(),
  /** Evaluations due in the period, and how many were held on or before the day they were due. */
  evaluationsDue: z.number(),
  evaluationsOnTime: z.number(),
  shareOnTime: z.number().nullable(),
});

export const SchoolNumbers = z.object({
  school: Ref,
  from: z.string(),
  to: z.string(),
  numbers: OppNumbers,
});

/** Partnership-wide, pseudonymous: counts per school, no pupil data. */
export const PartnershipNumbers = z.object({
  from: z.string(),
  to: z.string(),
  total: OppNumbers,
  schools: z.array(z.object({ school: Ref.extend({ kind: z.string() }), numbers: OppNumbers })),
});

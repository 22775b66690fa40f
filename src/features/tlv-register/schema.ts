import { z } from 'zod';
import { day, exportFormat, pageNumber as page, searchText } from '../../platform/http/schemas.ts';
import { tlvSchoolKinds } from '../requests/schema.ts';

/**
 * The TLV register and the DUO export (docs/decisions/0008-requests.md):
 * shared with the browser.
 */
const Ref = z.object({ id: z.string(), name: z.string() });
const category = z.enum(['1', '2', '3'], 'Kies categorie 1, 2 of 3.');
const period = <T extends { from?: string; to?: string }>(q: T) => !q.from || !q.to || q.from <= q.to;
const periodIssue = { message: 'De einddatum ligt voor de begindatum.', path: ['to'] };

export const tlvSortKeys = ['number', 'pupil', 'birthDate', 'school', 'schoolKind', 'category', 'startsOn', 'endsOn'] as const;
export const tlvSortLabels: Record<(typeof tlvSortKeys)[number], string> = {
  number: 'Nummer',
  pupil: 'Leerling',
  birthDate: 'Geboortedatum',
  school: 'School',
  schoolKind: 'Soort',
  category: 'Categorie',
  startsOn: 'Begindatum',
  endsOn: 'Einddatum',
};

export const TlvQuery = z.object({
  /** A part of the pupil's name, or the TLV number. */
  q: searchText,
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
/** The register as a file: the same search, filters and sort, every page. */
export const TlvExportQuery = TlvQuery.omit({ page: true }).extend({ format: exportFormat });

export const TlvRow = z.object({
  id: z.string(),
  number: z.number(),
  pupil: Ref,
  birthDate: z.string(),
  /** The school that asked for the TLV. */
  school: Ref,
  /** The request that granted it. */
  requestId: z.string(),
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
  /** An extension was granted: a later TLV continues this one. */
  extended: z.boolean(),
  /**
   * extend: "Verlenging aanvragen" applies (the reader's to ask, the TLV ends within 6 months, not extended or being extended);
   * openPupil / openRequest: the reader may open the pupil's page / the request that granted it.
   */
  allowed: z.object({ extend: z.boolean(), openPupil: z.boolean(), openRequest: z.boolean() }),
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

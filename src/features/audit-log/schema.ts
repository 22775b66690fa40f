import { z } from 'zod';
import { day } from '../../platform/http/schemas.ts';

export const AuditQuery = z
  .object({
    actorId: z.uuid('Kies een medewerker uit de lijst.').optional(),
    pupilId: z.uuid('Kies een leerling uit de lijst.').optional(),
    /** An action or the start of one ('opp.' is everything about OPPs). */
    action: z.string().trim().max(60).optional(),
    /** Only refused attempts ('ja'): someone tried what was not theirs to see or do. */
    refused: z.enum(['ja'], 'Kies of u alleen geweigerde pogingen wilt zien.').optional(),
    from: day.optional(),
    to: day.optional(),
    page: z.coerce.number().int().min(1, 'Kies een pagina vanaf 1.').max(100_000, 'Kies een lagere pagina.').default(1),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'De einddatum ligt vóór de begindatum. Kies een latere einddatum.' });

export const AuditEntry = z.object({
  id: z.string(),
  at: z.date(),
  action: z.string(),
  /** The row as a Dutch sentence: "Jan de Boer bekeek het OPP van S. de Vries". */
  sentence: z.string(),
  refused: z.boolean(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  actor: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable(),
  /** Null when the row names no pupil, or the reader may not see pupils' names. */
  pupil: z.object({ id: z.string(), name: z.string(), studentNumber: z.string() }).nullable(),
  school: z.object({ id: z.string(), name: z.string() }).nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export const AuditPage = z.object({
  entries: z.array(AuditEntry),
  page: z.number(),
  pageSize: z.number(),
  /** Rows that match the filter, over all pages. */
  total: z.number(),
  hasMore: z.boolean(),
});

/** The handelingen a privacy officer filters on: the start of an action's code and what it covers. */
export const actionGroups = [
  ['pupil.', 'Leerlingdossier'],
  ['logbook.', 'Logboek'],
  ['document.', 'Documenten'],
  ['signal.', 'Signalen'],
  ['meeting.', 'Overleggen'],
  ['agreement.', 'Afspraken'],
  ['opp.', 'OPP'],
  ['request.', 'Aanvragen'],
  ['arrangement.', 'Arrangementen'],
  ['tlv.', 'TLV-register'],
  ['pupil_import.', 'Imports'],
  ['auth.', 'Inloggen'],
  ['staff.', 'Medewerkers'],
  ['support_', 'Ondersteuningsprofielen'],
  ['audit_log.', 'Auditlog'],
  ['api.refused', 'Geweigerde pagina’s'],
] as const;

export const PupilSearch = z.object({ q: z.string().trim().min(2, 'Typ minstens 2 letters of cijfers.').max(80, 'Hoogstens 80 tekens.') });
export const PupilHit = z.object({ id: z.string(), name: z.string(), studentNumber: z.string(), school: z.string().nullable(), birthYear: z.number() });
export const PupilHits = z.object({ pupils: z.array(PupilHit) });

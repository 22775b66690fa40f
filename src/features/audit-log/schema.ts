import { z } from 'zod';
import { day } from '../../platform/http/schemas.ts';

export const AuditQuery = z
  .object({
    actorId: z.uuid('Kies een medewerker uit de lijst.').optional(),
    pupilId: z.uuid('Kies een leerling uit de lijst.').optional(),
    action: z.string().trim().max(60).optional(),
    from: day.optional(),
    to: day.optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'De einddatum ligt vóór de begindatum.' });

export const AuditEntry = z.object({
  id: z.string(),
  at: z.date(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  actor: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable(),
  pupil: z.object({ id: z.string(), name: z.string(), studentNumber: z.string() }).nullable(),
  school: z.object({ id: z.string(), name: z.string() }).nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export const AuditPage = z.object({ entries: z.array(AuditEntry), page: z.number(), pageSize: z.number(), hasMore: z.boolean() });

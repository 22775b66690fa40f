import type { Readable } from 'node:stream';
import type { z } from 'zod';
import { transaction } from '../../db/index.ts';
import { audit } from '../../platform/audit.ts';
import { csvExport } from '../../platform/csv.ts';
import type { StaffContext } from '../../platform/http/context.ts';
import { isoLocal } from '../../platform/time.ts';
import { auditLogPolicy } from './policy.ts';
import type { AuditEntry, AuditQuery } from './schema.ts';
import { PUPIL_NAME } from '../pupils/api.ts';

export const PAGE_SIZE = 100;
type Query = z.infer<typeof AuditQuery>;
type Entry = z.infer<typeof AuditEntry>;

const select = (ctx: StaffContext, q: Query, limit: number, offset: number) => ctx.sql<Entry[]>`
  select a.id::text, a.at, a.action, a.entity_type as "entityType", a.entity_id as "entityId",
    case when u.id is null then null else json_build_object('id', u.id, 'name', u.name, 'email', u.email) end as actor,
    case when p.id is null then null else json_build_object('id', p.id, 'name', ${ctx.sql.unsafe(PUPIL_NAME)}, 'studentNumber', p.student_number) end as pupil,
    case when s.id is null then null else json_build_object('id', s.id, 'name', s.name) end as school,
    a.ip, a.user_agent as "userAgent", a.details
  from audit_log a
  left join users u on u.id = a.actor_user_id
  left join pupils p on p.id = a.pupil_id
  left join schools s on s.id = a.school_id
  where a.partnership_id = ${ctx.scope.partnershipId}
    and (${q.actorId ?? null}::uuid is null or a.actor_user_id = ${q.actorId ?? null})
    and (${q.pupilId ?? null}::uuid is null or a.pupil_id = ${q.pupilId ?? null})
    and (${q.action ?? null}::text is null or a.action like ${q.action ? `${q.action}%` : null})
    and (${q.from ?? null}::date is null or a.at >= (${q.from ?? null}::date)::timestamp at time zone 'Europe/Amsterdam')
    and (${q.to ?? null}::date is null or a.at < (${q.to ?? null}::date + 1)::timestamp at time zone 'Europe/Amsterdam')
  order by a.at desc, a.id desc
  limit ${limit} offset ${offset}`;

/** Reading the log shows pupil names, so the read itself is logged too. */
const logRead = (ctx: StaffContext, action: string, q: Query) =>
  transaction(ctx.sql, (tx) => audit(tx, ctx.actor, { action, entityType: 'audit_log', pupilId: q.pupilId ?? null, details: { filter: q } }));

export async function readAuditLog(ctx: StaffContext, q: Query) {
  auditLogPolicy.authorize(ctx.principal, 'read', {});
  const rows = await select(ctx, q, PAGE_SIZE + 1, (q.page - 1) * PAGE_SIZE);
  await logRead(ctx, 'audit_log.read', q);
  return { entries: rows.slice(0, PAGE_SIZE), page: q.page, pageSize: PAGE_SIZE, hasMore: rows.length > PAGE_SIZE };
}

/** CSV for the privacy officer's own analysis; at most 100,000 rows (narrow the filter beyond that). */
export async function exportAuditLog(ctx: StaffContext, q: Query): Promise<Readable> {
  auditLogPolicy.authorize(ctx.principal, 'export', {});
  const rows = await select(ctx, q, 100_000, 0);
  await logRead(ctx, 'audit_log.export', q);
  return csvExport(
    ['tijdstip', 'actie', 'soort', 'id', 'medewerker', 'e-mail', 'leerling', 'leerlingnummer', 'school', 'ip-adres', 'details'],
    rows.map((r) => [isoLocal(r.at), r.action, r.entityType, r.entityId ?? '', r.actor?.name ?? '', r.actor?.email ?? '', r.pupil?.name ?? '', r.pupil?.studentNumber ?? '', r.school?.name ?? '', r.ip ?? '', JSON.stringify(r.details)]),
  );
}

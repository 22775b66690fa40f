import type { Readable } from 'node:stream';
import type { z } from 'zod';
import { transaction } from '../../db/index.ts';
import { audit, auditMany } from '../../platform/audit.ts';
import type { AuditAction } from '../../platform/audit-actions.ts';
import { csvExport } from '../../platform/csv.ts';
import type { StaffContext } from '../../platform/http/context.ts';
import { isoLocal } from '../../platform/time.ts';
import { auditLogPolicy } from './policy.ts';
import type { AuditEntry, AuditQuery, PupilSearch } from './schema.ts';
import { auditSentence } from './sentence.ts';
import { PUPIL_NAME } from '../pupils/api.ts';

export const PAGE_SIZE = 100;
type Query = z.infer<typeof AuditQuery>;
type Entry = z.infer<typeof AuditEntry>;
type Row = Omit<Entry, 'sentence' | 'refused'> & { pupilShort: string | null; hasPupil: boolean };

/** 'S. de Vries': how a sentence names a pupil (initial, prefix, last name). */
const PUPIL_SHORT = `concat_ws(' ', left(p.first_name, 1) || '.', nullif(p.name_prefix, ''), p.last_name)`;

const where = (ctx: StaffContext, q: Query) => ctx.sql`
  where a.partnership_id = ${ctx.scope.partnershipId}
    and (${q.actorId ?? null}::uuid is null or a.actor_user_id = ${q.actorId ?? null})
    and (${q.pupilId ?? null}::uuid is null or a.pupil_id = ${q.pupilId ?? null})
    and (${q.action ?? null}::text is null or a.action like ${q.action ? `${q.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null})
    and (${q.refused ?? null}::text is null or a.action like '%\\_refused' or a.action = 'api.refused')
    and (${q.from ?? null}::date is null or a.at >= (${q.from ?? null}::date)::timestamp at time zone 'Europe/Amsterdam')
    and (${q.to ?? null}::date is null or a.at < (${q.to ?? null}::date + 1)::timestamp at time zone 'Europe/Amsterdam')`;

const select = (ctx: StaffContext, q: Query, names: boolean, limit: number, offset: number) => ctx.sql<Row[]>`
  select a.id::text, a.at, a.action, a.entity_type as "entityType", a.entity_id as "entityId",
    case when u.id is null then null else json_build_object('id', u.id, 'name', u.name, 'email', u.email) end as actor,
    case when p.id is null or not ${names} then null else json_build_object('id', p.id, 'name', ${ctx.sql.unsafe(PUPIL_NAME)}, 'studentNumber', p.student_number) end as pupil,
    case when p.id is null or not ${names} then null else ${ctx.sql.unsafe(PUPIL_SHORT)} end as "pupilShort",
    a.pupil_id is not null as "hasPupil",
    case when s.id is null then null else json_build_object('id', s.id, 'name', s.name) end as school,
    a.ip, a.user_agent as "userAgent", a.details
  from audit_log a
  left join users u on u.id = a.actor_user_id
  left join pupils p on p.id = a.pupil_id
  left join schools s on s.id = a.school_id
  ${where(ctx, q)}
  order by a.at desc, a.id desc
  limit ${limit} offset ${offset}`;

/**
 * The sentence is made here, when the log is read: the row holds ids only,
 * and the pupil is named only to a reader who may see pupils' names.
 */
const present = ({ pupilShort, hasPupil, ...r }: Row): Entry => ({
  ...r,
  refused: r.action.endsWith('_refused') || r.action === 'api.refused',
  sentence: auditSentence({ action: r.action, actorName: r.actor?.name ?? null, pupilName: hasPupil ? (pupilShort ?? 'een leerling') : null, details: r.details }),
});

/** Reading the log shows pupil names, so the read itself is logged too. */
const logRead = (ctx: StaffContext, action: AuditAction, q: Query) =>
  transaction(ctx.sql, (tx) => audit(tx, ctx.actor, { action, entityType: 'audit_log', pupilId: q.pupilId ?? null, details: { filter: q } }));

export async function readAuditLog(ctx: StaffContext, q: Query) {
  auditLogPolicy.authorize(ctx.principal, 'read', {});
  const names = auditLogPolicy.can(ctx.principal, 'seePupils', {});
  const [rows, [count]] = await Promise.all([
    select(ctx, q, names, PAGE_SIZE + 1, (q.page - 1) * PAGE_SIZE),
    ctx.sql<{ n: number }[]>`select count(*)::int as n from audit_log a ${where(ctx, q)}`,
  ]);
  await logRead(ctx, 'audit_log.read', q);
  return { entries: rows.slice(0, PAGE_SIZE).map(present), page: q.page, pageSize: PAGE_SIZE, total: count!.n, hasMore: rows.length > PAGE_SIZE };
}

/** CSV for the privacy officer's own analysis; at most 100,000 rows (narrow the filter beyond that). */
export async function exportAuditLog(ctx: StaffContext, q: Query): Promise<Readable> {
  auditLogPolicy.authorize(ctx.principal, 'export', {});
  const names = auditLogPolicy.can(ctx.principal, 'seePupils', {});
  const rows = (await select(ctx, q, names, 100_000, 0)).map(present);
  await logRead(ctx, 'audit_log.export', q);
  return csvExport(
    ['tijdstip', 'wat er gebeurde', 'actie', 'soort', 'id', 'medewerker', 'e-mail', 'leerling', 'leerlingnummer', 'school', 'ip-adres', 'details'],
    rows.map((r) => [isoLocal(r.at), r.sentence, r.action, r.entityType, r.entityId ?? '', r.actor?.name ?? '', r.actor?.email ?? '', r.pupil?.name ?? '', r.pupil?.studentNumber ?? '', r.school?.name ?? '', r.ip ?? '', JSON.stringify(r.details)]),
  );
}

/**
 * The pupil filter: the privacy officer reads no dossier, so the pupils list
 * is not theirs; they find a pupil of the partnership by name or pupil number
 * here, and each pupil shown is in the log like any other list of pupils.
 */
export async function findPupils(ctx: StaffContext, q: z.infer<typeof PupilSearch>) {
  auditLogPolicy.authorize(ctx.principal, 'findPupil', {});
  const term = `%${q.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return transaction(ctx.sql, async (tx) => {
    const pupils = await tx<{ id: string; name: string; studentNumber: string; school: string | null; birthYear: number }[]>`
      select p.id, ${tx.unsafe(PUPIL_NAME)} as name, p.student_number as "studentNumber", s.name as school, extract(year from p.birth_date)::int as "birthYear"
      from pupils p left join schools s on s.id = p.school_id
      where p.partnership_id = ${ctx.scope.partnershipId}
        and (lower(${tx.unsafe(PUPIL_NAME)}) like ${term} or p.student_number = ${q.q})
      order by p.last_name, p.first_name, p.id
      limit 20`;
    await auditMany(tx, ctx.actor, pupils.map((p) => ({ action: 'audit_log.pupil_search', entityType: 'pupil', entityId: p.id, pupilId: p.id })));
    return { pupils };
  });
}

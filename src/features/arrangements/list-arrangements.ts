import type { z } from 'zod';
import { transaction } from '../../db/index.ts';
import { auditMany } from '../../platform/audit.ts';
import type { Db } from '../../db/index.ts';
import type { StaffContext } from '../../platform/http/context.ts';
import { likeTerm } from '../../platform/http/schemas.ts';
import { auditExport, EXPORT_LIMIT, type ExportSheet } from '../../platform/list-export.ts';
import { addDays, today as todayOf } from '../../platform/time.ts';
import { PUPIL_NAME, pupilPolicy } from '../pupils/api.ts';
import { requestPolicy } from '../requests/api.ts';
import { arrangementPolicy } from './policy.ts';
import {
  arrangementStatusLabels, evaluationOutcomeLabels, goalsReachedLabels,
  type ArrangementExportQuery, type ArrangementPage, type ArrangementQuery, type evaluationStates,
} from './schema.ts';

export const ARRANGEMENT_PAGE_SIZE = 50;
/** "Evaluation due": within two weeks, like the OPP evaluation reminder. */
export const EVALUATION_DUE_DAYS = 14;

type Row = z.infer<typeof ArrangementPage>['rows'][number];
type EvaluationState = (typeof evaluationStates)[number];

/** Where a running arrangement stands with its next evaluation on `day`. */
export function evaluationState(status: string, nextOn: string | null, day: string): EvaluationState {
  if (status !== 'running' || !nextOn) return 'none';
  if (nextOn < day) return 'overdue';
  return nextOn <= addDays(day, EVALUATION_DUE_DAYS) ? 'due' : 'planned';
}

type DbRow = Omit<Row, 'evaluation' | 'allowed'> & { pupilReadable: boolean; requestReadable: boolean };

/** Every reader of an arrangement sees the pupil's full name, so search and sort use it (a group by its description). */
const WHO = `case when p.id is null then r.group_description else ${PUPIL_NAME} end`;

const ORDER: Record<z.infer<typeof ArrangementQuery>['sort'], string[]> = {
  nextEvaluation: ['a.next_evaluation_on', 'a.starts_on'],
  pupil: [`lower(${WHO})`],
  school: ['lower(s.name)'],
  arrangement: [`case when a.kind = 'opdc' then 'OPDC' else lower(k.name) end`],
  amount: ['a.amount_eur', 'a.hours'],
  startsOn: ['a.starts_on'],
  endsOn: ['a.ends_on'],
  status: [`array_position(array['running', 'extended', 'ended'], a.status::text)`],
};

/** The rows the reader may see with the search and filters, sorted; a page of them, or all (the export). */
async function selectArrangements(tx: Db, ctx: StaffContext, q: Omit<z.infer<typeof ArrangementQuery>, 'page'>, day: string, window: { limit: number; offset: number }) {
  const p = ctx.principal;
  const where = () => tx`
    a.partnership_id = ${ctx.scope.partnershipId}
    and ${arrangementPolicy.scope(tx, p, 'read')}
    ${q.schoolId ? tx`and a.school_id = ${q.schoolId}` : tx``}
    ${q.status ? tx`and a.status = ${q.status}` : tx``}
    ${q.q ? tx`and lower(${tx.unsafe(WHO)}) like ${likeTerm(q.q)}` : tx``}
    ${q.due === 'true' ? tx`and a.status = 'running' and a.next_evaluation_on <= ${addDays(day, EVALUATION_DUE_DAYS)}` : tx``}`;
  const dir = q.dir === 'asc' ? 'asc' : 'desc';
  // Running arrangements first, whatever the column: they are the ones to act on.
  const order = ['(a.status = \'running\') desc', ...ORDER[q.sort].map((c) => `${c} ${dir} nulls last`), 'a.starts_on desc', 'a.id'].join(', ');
  const rows = await tx<DbRow[]>`
    select a.id, a.kind, a.request_id as "requestId",
      case when k.id is null then null else json_build_object('id', k.id, 'name', k.name) end as "arrangementKind",
      json_build_object('id', s.id, 'name', s.name) as school,
      case when p.id is null then null else json_build_object('id', p.id, 'name', ${tx.unsafe(PUPIL_NAME)}) end as pupil,
      p.id is not null and coalesce(${pupilPolicy.scope(tx, p, 'read')}, false) as "pupilReadable",
      coalesce(${requestPolicy.scope(tx, p, 'read')}, false) as "requestReadable",
      r.group_description as "groupDescription", r.return_goal as "returnGoal",
      (round(a.amount_eur * 100))::float8 as "amountCents", a.hours, a.starts_on as "startsOn", a.ends_on as "endsOn", a.status,
      a.next_evaluation_on as "nextEvaluationOn",
      (select json_build_object('heldOn', e.held_on, 'goalsReached', e.goals_reached, 'outcome', e.outcome)
         from arrangement_evaluations e where e.arrangement_id = a.id order by e.held_on desc, e.created_at desc limit 1) as "lastEvaluation"
    from arrangements a
    join schools s on s.id = a.school_id
    join requests r on r.id = a.request_id
    left join pupils p on p.id = a.pupil_id
    left join arrangement_kinds k on k.id = a.arrangement_kind_id
    where ${where()}
    order by ${tx.unsafe(order)}
    limit ${window.limit} offset ${window.offset}`;
  const [count] = await tx<{ n: number }[]>`
    select count(*)::int as n from arrangements a ${q.q ? tx`join requests r on r.id = a.request_id left join pupils p on p.id = a.pupil_id` : tx``} where ${where()}`;
  return { rows, total: count!.n };
}

/**
 * Granted arrangements and OPDC places, with when they are evaluated next.
 * School staff see their schools'; partnership staff all. Each pupil shown is
 * an audited read.
 */
export async function listArrangements(ctx: StaffContext, q: z.infer<typeof ArrangementQuery>, day = todayOf()): Promise<z.infer<typeof ArrangementPage>> {
  const p = ctx.principal;
  arrangementPolicy.authorize(p, 'list', { schoolId: null });
  return transaction(ctx.sql, async (tx) => {
    const { rows, total } = await selectArrangements(tx, ctx, q, day, { limit: ARRANGEMENT_PAGE_SIZE, offset: (q.page - 1) * ARRANGEMENT_PAGE_SIZE });
    await auditMany(
      tx,
      ctx.actor,
      rows.filter((r) => r.pupil).map((r) => ({ action: 'arrangement.list_read', entityType: 'arrangement', entityId: r.id, pupilId: r.pupil!.id, schoolId: r.school.id })),
    );
    return {
      rows: rows.map(({ pupilReadable, requestReadable, ...r }) => ({
        ...r,
        evaluation: evaluationState(r.status, r.nextEvaluationOn, day),
        allowed: { evaluate: r.status === 'running' && arrangementPolicy.can(p, 'evaluate', { schoolId: r.school.id }), openPupil: pupilReadable, openRequest: requestReadable },
      })),
      page: q.page,
      pageSize: ARRANGEMENT_PAGE_SIZE,
      total,
      today: day,
    };
  });
}

/** The list as a file: the same rows as the pages together, audited as an export. */
export async function exportArrangements(ctx: StaffContext, q: z.infer<typeof ArrangementExportQuery>, day = todayOf()): Promise<ExportSheet> {
  arrangementPolicy.authorize(ctx.principal, 'list', { schoolId: null });
  return transaction(ctx.sql, async (tx) => {
    const { rows } = await selectArrangements(tx, ctx, q, day, { limit: EXPORT_LIMIT, offset: 0 });
    await auditExport(tx, ctx.actor, {
      list: 'arrangements',
      format: q.format,
      count: rows.length,
      pupils: rows.filter((r) => r.pupil).map((r) => ({ action: 'arrangement.list_export', entityType: 'arrangement', entityId: r.id, pupilId: r.pupil!.id, schoolId: r.school.id })),
    });
    return {
      name: 'arrangementen',
      title: 'Arrangementen',
      columns: [
        { header: 'Leerling of groep', width: 28 },
        { header: 'School', width: 30 },
        { header: 'Arrangement', width: 30 },
        { header: 'Bedrag (euro)', kind: 'number', width: 14 },
        { header: 'Uren', kind: 'number' },
        { header: 'Begindatum', kind: 'day', width: 14 },
        { header: 'Einddatum', kind: 'day', width: 14 },
        { header: 'Status', width: 20 },
        { header: 'Volgende evaluatie', kind: 'day', width: 18 },
        { header: 'Laatste evaluatie', kind: 'day', width: 18 },
        { header: 'Doelen bereikt', width: 14 },
        { header: 'Uitkomst', width: 22 },
      ],
      rows: rows.map((r) => [
        r.pupil?.name ?? (r.groupDescription || 'Groep of team'),
        r.school.name,
        r.kind === 'opdc' ? 'OPDC-plaatsing' : (r.arrangementKind?.name ?? 'Arrangement'),
        r.amountCents === null ? null : r.amountCents / 100,
        r.hours,
        r.startsOn,
        r.endsOn,
        arrangementStatusLabels[r.status],
        r.status === 'running' ? r.nextEvaluationOn : null,
        r.lastEvaluation?.heldOn ?? null,
        r.lastEvaluation ? goalsReachedLabels[r.lastEvaluation.goalsReached] : null,
        r.lastEvaluation ? evaluationOutcomeLabels[r.lastEvaluation.outcome] : null,
      ]),
    };
  });
}

import type { z } from 'zod';
import { transaction } from '../../db/index.ts';
import { auditMany } from '../../platform/audit.ts';
import type { StaffContext } from '../../platform/http/context.ts';
import { addDays, today as todayOf } from '../../platform/time.ts';
import { PUPIL_NAME } from '../pupils/api.ts';
import { arrangementPolicy } from './policy.ts';
import type { ArrangementPage, ArrangementQuery, evaluationStates } from './schema.ts';

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

/**
 * Granted arrangements and OPDC places, with when they are evaluated next.
 * School staff see their schools'; partnership staff all. Each pupil shown is
 * an audited read.
 */
export async function listArrangements(ctx: StaffContext, q: z.infer<typeof ArrangementQuery>, day = todayOf()): Promise<z.infer<typeof ArrangementPage>> {
  const p = ctx.principal;
  arrangementPolicy.authorize(p, 'list', { schoolId: null });
  return transaction(ctx.sql, async (tx) => {
    const where = () => tx`
      a.partnership_id = ${ctx.scope.partnershipId}
      and ${arrangementPolicy.scope(tx, p, 'read')}
      ${q.schoolId ? tx`and a.school_id = ${q.schoolId}` : tx``}
      ${q.status ? tx`and a.status = ${q.status}` : tx``}
      ${q.due === 'true' ? tx`and a.status = 'running' and a.next_evaluation_on <= ${addDays(day, EVALUATION_DUE_DAYS)}` : tx``}`;
    const rows = await tx<(Omit<Row, 'evaluation' | 'allowed' | 'pupil' | 'arrangementKind'> & { pupil: Row['pupil']; arrangementKind: Row['arrangementKind'] })[]>`
      select a.id, a.kind,
        case when k.id is null then null else json_build_object('id', k.id, 'name', k.name) end as "arrangementKind",
        json_build_object('id', s.id, 'name', s.name) as school,
        case when p.id is null then null else json_build_object('id', p.id, 'name', ${tx.unsafe(PUPIL_NAME)}) end as pupil,
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
      order by (a.status = 'running') desc, a.next_evaluation_on asc nulls last, a.starts_on desc, a.id
      limit ${ARRANGEMENT_PAGE_SIZE} offset ${(q.page - 1) * ARRANGEMENT_PAGE_SIZE}`;
    const [count] = await tx<{ n: number }[]>`select count(*)::int as n from arrangements a where ${where()}`;
    await auditMany(
      tx,
      ctx.actor,
      rows.filter((r) => r.pupil).map((r) => ({ action: 'arrangement.list_read', entityType: 'arrangement', entityId: r.id, pupilId: r.pupil!.id, schoolId: r.school.id })),
    );
    return {
      rows: rows.map((r) => ({
        ...r,
        evaluation: evaluationState(r.status, r.nextEvaluationOn, day),
        allowed: { evaluate: r.status === 'running' && arrangementPolicy.can(p, 'evaluate', { schoolId: r.school.id }) },
      })),
      page: q.page,
      pageSize: ARRANGEMENT_PAGE_SIZE,
      total: count!.n,
      today: day,
    };
  });
}

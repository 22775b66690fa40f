import type { z } from 'zod';
import { transaction } from '../../db/index.ts';
import { reveal } from '../../platform/access/reveal.ts';
import { audit, auditMany } from '../../platform/audit.ts';
import { fail, fieldError } from '../../platform/errors.ts';
import type { StaffContext } from '../../platform/http/context.ts';
import { addDays, addWeeks, formatDay, today as todayOf } from '../../platform/time.ts';
import { PUPIL_NAME } from '../pupils/api.ts';
import { draftFollowUp } from './follow-up.ts';
import { arrangementPolicy } from './policy.ts';
import type { ArrangementPage, ArrangementQuery, Commitments, EvaluationInput, EvaluationResult, evaluationStates } from './register-schema.ts';

export const ARRANGEMENT_PAGE_SIZE = 50;
/** "Evaluation due": within two weeks, like the OPP evaluation reminder. */
export const EVALUATION_DUE_DAYS = 14;
/**
 * The rhythm for an OPDC place, which has no arrangement kind to take it
 * from: every 13 weeks, a quarter of a year, so about three evaluations in a
 * school year.
 */
export const DEFAULT_EVALUATION_WEEKS = 13;

type Row = z.infer<typeof ArrangementPage>['rows'][number];
type EvaluationState = (typeof evaluationStates)[number];


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

/**
 * The school's evaluation of an arrangement. 'continue' plans the next one
 * after the arrangement kind's rhythm (never after the arrangement ends: the
 * last evaluation is at its end); 'end' ends it; 'extend' marks that the
 * school asks for more and starts that request as a draft, prefilled.
 */
export async function evaluateArrangement(ctx: StaffContext, id: string, input: EvaluationInput, day = todayOf()): Promise<z.infer<typeof EvaluationResult>> {
  return transaction(ctx.sql, async (tx) => {
    const [row] = await tx<{ id: string; requestId: string; schoolId: string; pupilId: string | null; pupilSchoolId: string | null; status: string; startsOn: string; endsOn: string; weeks: number | null; kindName: string | null }[]>`
      select a.id, a.request_id as "requestId", a.school_id as "schoolId", a.pupil_id as "pupilId", p.school_id as "pupilSchoolId", a.status, a.starts_on as "startsOn",
        a.ends_on as "endsOn", k.evaluation_weeks as weeks, k.name as "kindName"
      from arrangements a left join arrangement_kinds k on k.id = a.arrangement_kind_id left join pupils p on p.id = a.pupil_id
      where a.id = ${id} and a.partnership_id = ${ctx.scope.partnershipId}
      for update of a`;
    const a = reveal(ctx.principal, arrangementPolicy, 'evaluate', { id, row });
    if (a.status !== 'running') fail('CONFLICT', 'Dit arrangement loopt niet meer (beëindigd of verlenging gevraagd). Een nieuwe evaluatie kan niet.');
    if (input.heldOn > day) fieldError('heldOn', 'Een evaluatie ligt niet in de toekomst: vul de datum in waarop ze is gehouden.');
    if (input.heldOn < a.startsOn) fieldError('heldOn', `De evaluatie ligt voor de start van het arrangement (${formatDay(a.startsOn)}).`);
    let status = a.status as 'running' | 'ended' | 'extended';
    let next: string | null = null;
    if (input.outcome === 'continue') {
      if (input.heldOn >= a.endsOn) {
        fieldError('outcome', `Het arrangement liep tot ${formatDay(a.endsOn)}. Kies beëindigen of verlenging aanvragen.`);
      }
      const planned = addWeeks(input.heldOn, a.weeks ?? DEFAULT_EVALUATION_WEEKS);
      next = planned < a.endsOn ? planned : a.endsOn;
    } else status = input.outcome === 'end' ? 'ended' : 'extended';
    const [e] = await tx<{ id: string }[]>`
      insert into arrangement_evaluations (partnership_id, arrangement_id, held_on, goals_reached, notes, outcome, created_by)
      values (${ctx.scope.partnershipId}, ${a.id}, ${input.heldOn}, ${input.goalsReached}, ${input.notes}, ${input.outcome}, ${ctx.principal.userId})
      returning id`;
    await tx`update arrangements set status = ${status}, next_evaluation_on = ${next} where id = ${a.id}`;
    // Asking for more is a new request, prefilled from this one, for the school to complete and submit.
    const extension =
      input.outcome === 'extend'
        ? await draftFollowUp(tx, ctx, a.requestId, {
            schoolId: a.pupilSchoolId ?? a.schoolId,
            firstLine: `Verlenging van ${a.kindName ?? 'het arrangement'} (${formatDay(a.startsOn)} tot ${formatDay(a.endsOn)})`,
            audit: { arrangementId: a.id },
          })
        : null;
    await audit(tx, ctx.actor, {
      action: 'arrangement.evaluate',
      entityType: 'arrangement',
      entityId: a.id,
      pupilId: a.pupilId,
      schoolId: a.schoolId,
      details: { evaluationId: e!.id, outcome: input.outcome, goalsReached: input.goalsReached },
    });
    return { id: e!.id, status, nextEvaluationOn: next, extensionRequestId: extension?.id ?? null };
  });
}

/**
 * What the partnership has committed per school for a period: every
 * arrangement or OPDC place that overlaps it (ended ones too: the money was
 * committed), their whole amounts and hours, and the share that falls in the
 * period pro rata by days. Counts only, no pupil data.
 */
export async function commitments(ctx: StaffContext, from: string, to: string): Promise<z.infer<typeof Commitments>> {
  arrangementPolicy.authorize(ctx.principal, 'commitments', { schoolId: null });
  const rows = await ctx.sql<{ id: string; name: string; arrangements: number; amountCents: number; amountInPeriodCents: number; hours: number; hoursInPeriod: number }[]>`
    with x as (
      select a.school_id, coalesce(a.amount_eur, 0) * 100 as cents, coalesce(a.hours, 0) as hours,
        (least(a.ends_on, ${to}::date) - greatest(a.starts_on, ${from}::date) + 1)::numeric / (a.ends_on - a.starts_on + 1) as share
      from arrangements a
      where a.partnership_id = ${ctx.scope.partnershipId} and a.starts_on <= ${to} and a.ends_on >= ${from}
    )
    select s.id, s.name, count(x.school_id)::int as arrangements,
      coalesce(round(sum(x.cents)), 0)::float8 as "amountCents",
      coalesce(round(sum(x.cents * x.share)), 0)::float8 as "amountInPeriodCents",
      coalesce(sum(x.hours), 0)::float8 as hours,
      coalesce(round(sum(x.hours * x.share), 1), 0)::float8 as "hoursInPeriod"
    from schools s left join x on x.school_id = s.id
    where s.partnership_id = ${ctx.scope.partnershipId}
    group by s.id, s.name
    order by lower(s.name), s.id`;
  const sum = (k: 'arrangements' | 'amountCents' | 'amountInPeriodCents' | 'hours' | 'hoursInPeriod') => rows.reduce((n, r) => n + r[k], 0);
  return {
    from,
    to,
    total: {
      arrangements: sum('arrangements'),
      amountCents: sum('amountCents'),
      amountInPeriodCents: sum('amountInPeriodCents'),
      hours: sum('hours'),
      hoursInPeriod: Math.round(sum('hoursInPeriod') * 10) / 10,
    },
    schools: rows.map(({ id, name, ...committed }) => ({ school: { id, name }, committed })),
  };
}

import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { transaction, type Db } from '../../db/index.ts';
import { reveal } from '../../platform/access/reveal.ts';
import { audit } from '../../platform/audit.ts';
import { AppError, fail, fieldError } from '../../platform/errors.ts';
import type { StaffContext } from '../../platform/http/context.ts';
import { schoolYearOf, today } from '../../platform/time.ts';
import { actionPlanPolicy, qualityPolicy } from './policy.ts';
import {
  emptyPlan,
  PlanContent as PlanContentSchema,
  type Discussion,
  type DiscussionInput,
  type EvaluationInput,
  type GoalInput,
  type PlanContent,
  type PlanListQuery,
  type PlanView,
  type SavePlanInput,
  type StartPlanInput,
} from './schema.ts';
import { loadSpearheads } from './spearheads.ts';

type Evaluation = PlanView['evaluation'];

/**
 * The rounds of a plan's school year (seed 001: the spring round of 2019
 * discussed the plans for 2019-2020, "op basis waarvan in de najaarsronde
 * 2020 kan worden gemeten of de gestelde doelen zijn behaald"). The plan for
 * a year is handed in by the end of June before it starts, and evaluated by
 * the end of November after it ends.
 */
export const SPRING_DUE = '06-30';
export const AUTUMN_DUE = '11-30';
export const springDue = (schoolYear: string) => `${schoolYear.slice(0, 4)}-${SPRING_DUE}`;
export const autumnDue = (schoolYear: string) => `${schoolYear.slice(5)}-${AUTUMN_DUE}`;
export const nextSchoolYear = (y: string) => `${Number(y.slice(0, 4)) + 1}-${Number(y.slice(5)) + 1}`;
export const previousSchoolYear = (y: string) => `${Number(y.slice(0, 4)) - 1}-${Number(y.slice(5)) - 1}`;
/**
 * The year the spring round writes plans for: from January the coming school
 * year (its plan is due by the end of June), in the autumn still the current one.
 */
export function planningYear(now = new Date()): string {
  const current = schoolYearOf(now);
  return today(now).slice(0, 4) === current.slice(5) ? nextSchoolYear(current) : current;
}

export const planStatus = (r: { submittedAt: Date | null; discussionAt: Date | null; evaluatedAt: Date | null }) =>
  r.evaluatedAt ? ('evaluated' as const) : r.discussionAt ? ('discussed' as const) : r.submittedAt ? ('submitted' as const) : ('draft' as const);

interface PlanRow {
  id: string;
  schoolId: string;
  schoolName: string;
  schoolYear: string;
  content: PlanContent;
  revision: number;
  updatedAt: Date;
  updatedBy: string | null;
  submittedAt: Date | null;
  submittedBy: string | null;
  discussion: Discussion | null;
  discussionAt: Date | null;
  discussionBy: string | null;
  evaluation: Evaluation;
  evaluatedAt: Date | null;
  evaluatedBy: string | null;
}

const selectPlan = (db: Db, partnershipId: string, id: string, lock = false) => db<PlanRow[]>`
  select p.id, p.school_id as "schoolId", s.name as "schoolName", p.school_year as "schoolYear", p.content, p.revision, p.updated_at as "updatedAt",
    u.name as "updatedBy", p.submitted_at as "submittedAt", su.name as "submittedBy", p.discussion, p.discussion_at as "discussionAt",
    du.name as "discussionBy", p.evaluation, p.evaluated_at as "evaluatedAt", eu.name as "evaluatedBy"
  from action_plans p join schools s on s.id = p.school_id
    left join users u on u.id = p.updated_by left join users su on su.id = p.submitted_by
    left join users du on du.id = p.discussion_by left join users eu on eu.id = p.evaluated_by
  where p.id = ${id} and p.partnership_id = ${partnershipId} ${lock ? db`for update of p` : db``}`;

type PlanAction = 'read' | 'edit' | 'submit' | 'discuss' | 'evaluate';
async function loadPlan(ctx: StaffContext, db: Db, id: string, action: PlanAction, lock = false) {
  const [row] = await selectPlan(db, ctx.scope.partnershipId, id, lock);
  return reveal(ctx.principal, actionPlanPolicy, action, { id, row });
}

/** Every school the reader may see, with where its plan for the school year stands. */
export async function listPlans(ctx: StaffContext, q: z.infer<typeof PlanListQuery>) {
  qualityPolicy.authorize(ctx.principal, 'listPlans', {});
  const schoolYear = q.schoolYear ?? planningYear();
  const rows = await ctx.sql<{ schoolId: string; schoolName: string; planId: string | null; submittedAt: Date | null; discussionAt: Date | null; evaluatedAt: Date | null; goals: number | null }[]>`
    select s.id as "schoolId", s.name as "schoolName", p.id as "planId", p.submitted_at as "submittedAt", p.discussion_at as "discussionAt",
      p.evaluated_at as "evaluatedAt", jsonb_array_length(p.content->'goals') as goals
    from schools s left join action_plans p on p.school_id = s.id and p.school_year = ${schoolYear}
    where s.partnership_id = ${ctx.scope.partnershipId} and s.active and ${actionPlanPolicy.scope(ctx.sql, ctx.principal, 'read')}
    order by s.name`;
  return {
    schoolYear,
    springDue: springDue(schoolYear),
    autumnDue: autumnDue(schoolYear),
    rows: rows.map((r) => ({
      school: { id: r.schoolId, name: r.schoolName },
      planId: r.planId,
      status: r.planId ? planStatus(r) : ('none' as const),
      goals: r.goals ?? 0,
      allowed: { start: actionPlanPolicy.permits(ctx.principal, 'edit', { schoolId: r.schoolId, submittedAt: null, evaluatedAt: null }) },
    })),
    allowed: { manageSpearheads: qualityPolicy.can(ctx.principal, 'manageSpearheads', {}), roundReport: qualityPolicy.can(ctx.principal, 'followRounds', {}) },
  };
}

/** Opens the school's plan for a school year, starting an empty one; an existing one is simply opened. */
export async function startPlan(ctx: StaffContext, input: z.infer<typeof StartPlanInput>) {
  const [school] = await ctx.sql<{ id: string }[]>`select id from schools where id = ${input.schoolId} and partnership_id = ${ctx.scope.partnershipId} and active`;
  if (!school) fieldError('schoolId', 'Deze school bestaat niet (meer).');
  actionPlanPolicy.authorize(ctx.principal, 'edit', { schoolId: input.schoolId, submittedAt: null, evaluatedAt: null });
  return transaction(ctx.sql, async (tx) => {
    const [existing] = await tx<{ id: string }[]>`select id from action_plans where school_id = ${input.schoolId} and school_year = ${input.schoolYear}`;
    if (existing) return { id: existing.id };
    const [row] = await tx<{ id: string }[]>`
      insert into action_plans (partnership_id, school_id, school_year, content, updated_by)
      values (${ctx.scope.partnershipId}, ${input.schoolId}, ${input.schoolYear}, ${tx.json(emptyPlan() as never)}, ${ctx.principal.userId})
      on conflict (school_id, school_year) do nothing returning id`;
    const id = row?.id ?? (await tx<{ id: string }[]>`select id from action_plans where school_id = ${input.schoolId} and school_year = ${input.schoolYear}`)[0]!.id;
    await audit(tx, ctx.actor, { action: 'action_plan.create', entityType: 'action_plan', entityId: id, schoolId: input.schoolId, details: { schoolYear: input.schoolYear } });
    return { id };
  });
}

/**
 * What next year's plan takes over: the goals of last year's plan of the same
 * school that were not reached (not evaluated yet counts as not reached), and
 * the improvement points the school wrote after its peer audit of last
 * school year (seed 000: the school "intern aan verbeterpunten werkt").
 */
async function carryCandidates(db: Db, partnershipId: string, schoolId: string, schoolYear: string) {
  const last = previousSchoolYear(schoolYear);
  const [[prev], audits] = await Promise.all([
    db<{ id: string; content: PlanContent; evaluation: Evaluation }[]>`
      select id, content, evaluation from action_plans where partnership_id = ${partnershipId} and school_id = ${schoolId} and school_year = ${last}`,
    db<{ improvements: { id: string; text: string; spearheadId: string }[] }[]>`
      select a.improvements from peer_audits a join audit_rounds r on r.id = a.round_id
      where a.partnership_id = ${partnershipId} and a.school_id = ${schoolId} and r.school_year = ${last}`,
  ]);
  const goals: GoalInput[] = (prev?.content.goals ?? []).filter((g) => prev!.evaluation[g.id]?.result !== 'reached').map((g) => ({ ...g, origin: 'carried', carriedFrom: g.id }));
  const points: GoalInput[] = audits.flatMap((a) => a.improvements).map((p) => ({
    id: p.id, spearheadId: p.spearheadId, goal: p.text, actions: '', owner: '', budgetLine: null, indicators: [], origin: 'audit', carriedFrom: p.id,
  }));
  return { schoolYear: last, goals, points };
}

export async function getPlan(ctx: StaffContext, id: string): Promise<PlanView> {
  const p = await loadPlan(ctx, ctx.sql, id, 'read');
  const [spearheads, carry] = await Promise.all([loadSpearheads(ctx.sql, ctx.scope.partnershipId), carryCandidates(ctx.sql, ctx.scope.partnershipId, p.schoolId, p.schoolYear)]);
  const taken = new Set(p.content.goals.map((g) => g.carriedFrom));
  const named = new Set(p.content.goals.map((g) => g.spearheadId));
  return {
    id: p.id,
    schoolYear: p.schoolYear,
    school: { id: p.schoolId, name: p.schoolName },
    content: p.content,
    revision: p.revision,
    updatedAt: p.updatedAt,
    updatedBy: p.updatedBy,
    submitted: p.submittedAt ? { at: p.submittedAt, by: p.submittedBy } : null,
    discussion: p.discussion && p.discussionAt ? { ...p.discussion, at: p.discussionAt, by: p.discussionBy } : null,
    evaluation: p.evaluation,
    evaluated: p.evaluatedAt ? { at: p.evaluatedAt, by: p.evaluatedBy } : null,
    previous: { schoolYear: carry.schoolYear, open: carry.goals.filter((g) => !taken.has(g.carriedFrom)).length, auditPoints: carry.points.filter((g) => !taken.has(g.carriedFrom)).length },
    spearheads: spearheads.filter((s) => s.active || named.has(s.id)),
    springDue: springDue(p.schoolYear),
    autumnDue: autumnDue(p.schoolYear),
    allowed: actionPlanPolicy.allowed(ctx.principal, p) as PlanView['allowed'],
  };
}

const staleRevision = () => fail('CONFLICT', 'Iemand anders heeft dit actieplan intussen opgeslagen. Vernieuw de pagina; kopieer eerst wat u schreef.');

/** Every goal names one of the partnership's spearheads. */
async function checkSpearheads(db: Db, partnershipId: string, content: PlanContent) {
  const known = new Set((await loadSpearheads(db, partnershipId)).map((s) => s.id));
  content.goals.forEach((g, i) => {
    if (!known.has(g.spearheadId)) fieldError(`content.goals.${i}.spearheadId`, 'Dit speerpunt kent het samenwerkingsverband niet.');
  });
}

export async function savePlan(ctx: StaffContext, id: string, input: z.output<typeof SavePlanInput>) {
  return transaction(ctx.sql, async (tx) => {
    const p = await loadPlan(ctx, tx, id, 'edit', true);
    if (p.revision !== input.revision) staleRevision();
    await checkSpearheads(tx, ctx.scope.partnershipId, input.content);
    const [row] = await tx<{ revision: number }[]>`
      update action_plans set content = ${tx.json(input.content as never)}, revision = revision + 1, updated_by = ${ctx.principal.userId}, updated_at = now()
      where id = ${id} returning revision`;
    await audit(tx, ctx.actor, { action: 'action_plan.update', entityType: 'action_plan', entityId: id, schoolId: p.schoolId, details: { goals: input.content.goals.length } });
    return { revision: row!.revision };
  });
}

/**
 * Brings the goals of last year's plan that were not reached, and the
 * improvement points of last year's audit, into this one, each once (what was
 * taken over before is not added again), each naming where it came from.
 * With one click, as the spring round asks.
 */
export async function carryOver(ctx: StaffContext, id: string, input: { revision: number }) {
  return transaction(ctx.sql, async (tx) => {
    const p = await loadPlan(ctx, tx, id, 'edit', true);
    if (p.revision !== input.revision) staleRevision();
    const carry = await carryCandidates(tx, ctx.scope.partnershipId, p.schoolId, p.schoolYear);
    const already = new Set(p.content.goals.map((g) => g.carriedFrom).filter(Boolean));
    const added = [...carry.goals, ...carry.points].filter((g) => !already.has(g.carriedFrom)).map((g) => ({ ...g, id: randomUUID() }));
    if (carry.goals.length + carry.points.length === 0) fail('CONFLICT', `Er is geen actieplan en geen audit van ${carry.schoolYear} om doelen uit over te nemen.`);
    // What an older plan holds is read through today's schema; a plan that would outgrow it is refused, not broken.
    const parsed = PlanContentSchema.safeParse({ ...p.content, goals: [...p.content.goals, ...added] });
    if (!parsed.success) fail('CONFLICT', `Met de ${added.length} over te nemen doelen wordt het plan te groot (hoogstens 60 doelen). Haal eerst doelen weg of voeg samen.`);
    const content = parsed.data!;
    const [row] = await tx<{ revision: number }[]>`
      update action_plans set content = ${tx.json(content as never)}, revision = revision + 1, updated_by = ${ctx.principal.userId}, updated_at = now()
      where id = ${id} returning revision`;
    await audit(tx, ctx.actor, { action: 'action_plan.carry_over', entityType: 'action_plan', entityId: id, schoolId: p.schoolId, details: { schoolYear: carry.schoolYear, goals: added.length } });
    return { revision: row!.revision, added: added.length };
  });
}

/** The school hands the plan in for the spring round; it stays editable until the autumn round closes it. */
export async function submitPlan(ctx: StaffContext, id: string, input: { revision: number }) {
  return transaction(ctx.sql, async (tx) => {
    const p = await loadPlan(ctx, tx, id, 'submit', true);
    if (p.revision !== input.revision) staleRevision();
    if (p.content.goals.length === 0) throw new AppError('VALIDATION', 'Een actieplan zonder doelen kan niet worden ingediend.', [{ path: 'content.goals', message: 'Voeg minstens één doel toe.' }]);
    const noIndicator = p.content.goals.findIndex((g) => g.indicators.length === 0);
    if (noIndicator >= 0) {
      // Seed 001: the indicators "op basis waarvan in de najaarsronde kan worden gemeten of de gestelde doelen zijn behaald".
      throw new AppError('VALIDATION', 'Elk doel heeft minstens één indicator nodig, zodat de najaarsronde kan meten of het is behaald.', [
        { path: `content.goals.${noIndicator}.indicators`, message: 'Voeg een indicator met streefwaarde toe.' },
      ]);
    }
    const [row] = await tx<{ submittedAt: Date }[]>`
      update action_plans set submitted_at = now(), submitted_by = ${ctx.principal.userId} where id = ${id} returning submitted_at as "submittedAt"`;
    await audit(tx, ctx.actor, { action: 'action_plan.submit', entityType: 'action_plan', entityId: id, schoolId: p.schoolId, details: { schoolYear: p.schoolYear } });
    return { submittedAt: row!.submittedAt };
  });
}

/** The partnership records the spring round's discussion: the day, who sat at the table, what was agreed. */
export async function recordDiscussion(ctx: StaffContext, id: string, input: z.output<typeof DiscussionInput>) {
  return transaction(ctx.sql, async (tx) => {
    const p = await loadPlan(ctx, tx, id, 'discuss', true);
    const discussion: Discussion = { heldOn: input.heldOn, attendees: [...new Set(input.attendees)], notes: input.notes };
    await tx`update action_plans set discussion = ${tx.json(discussion as never)}, discussion_by = ${ctx.principal.userId}, discussion_at = now() where id = ${id}`;
    await audit(tx, ctx.actor, { action: 'action_plan.discuss', entityType: 'action_plan', entityId: id, schoolId: p.schoolId, details: { heldOn: input.heldOn, attendees: discussion.attendees } });
    return { ok: true as const };
  });
}

/**
 * The autumn round: per goal reached, partly or not, with what was learnt.
 * Saved as often as needed; `close` ends the round for this plan once every
 * goal has its result, and the plan then lies fixed.
 */
export async function evaluatePlan(ctx: StaffContext, id: string, input: z.output<typeof EvaluationInput>) {
  return transaction(ctx.sql, async (tx) => {
    const p = await loadPlan(ctx, tx, id, 'evaluate', true);
    const goalIds = new Set(p.content.goals.map((g) => g.id));
    const evaluation: Evaluation = { ...p.evaluation };
    input.goals.forEach((g, i) => {
      if (!goalIds.has(g.goalId)) fieldError(`goals.${i}.result`, 'Dit doel staat niet (meer) in het plan. Vernieuw de pagina.');
      evaluation[g.goalId] = { result: g.result, learnt: g.learnt };
    });
    if (input.close) {
      const missing = p.content.goals.findIndex((g) => !evaluation[g.id]);
      if (missing >= 0) fieldError(`goals.${missing}.result`, 'Kies bij elk doel of het is behaald voordat u de evaluatie afsluit.');
    }
    await tx`update action_plans set evaluation = ${tx.json(evaluation as never)}
      ${input.close ? tx`, evaluated_at = now(), evaluated_by = ${ctx.principal.userId}` : tx``} where id = ${id}`;
    await audit(tx, ctx.actor, {
      action: input.close ? 'action_plan.evaluate_close' : 'action_plan.evaluate',
      entityType: 'action_plan',
      entityId: id,
      schoolId: p.schoolId,
      details: { goals: input.goals.length },
    });
    return { ok: true as const };
  });
}

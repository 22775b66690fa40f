import type { z } from 'zod';
import { transaction } from '../../db/index.ts';
import { reveal } from '../../platform/access/reveal.ts';
import { audit } from '../../platform/audit.ts';
import { fail, fieldError } from '../../platform/errors.ts';
import type { StaffContext } from '../../platform/http/context.ts';
import { addWeeks, formatDay, today as todayOf } from '../../platform/time.ts';
import { draftFollowUp } from '../requests/api.ts';
import { arrangementPolicy } from './policy.ts';
import type { EvaluationInput, EvaluationResult } from './schema.ts';

/**
 * The rhythm for an OPDC place, which has no arrangement kind to take it
 * from: every 13 weeks, a quarter of a year, so about three evaluations in a
 * school year.
 */
export const DEFAULT_EVALUATION_WEEKS = 13;

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

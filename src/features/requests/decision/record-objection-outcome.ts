import type { z } from 'zod';
import { transaction } from '../../../db/index.ts';
import { fail, fieldError } from '../../../platform/errors.ts';
import type { StaffContext } from '../../../platform/http/context.ts';
import { requestFor } from '../reveal-request.ts';
import { auditRequest } from '../audit-request.ts';
import type { ObjectionOutcomeInput } from '../schema.ts';

/** The outcome of an objection (upheld, rejected, withdrawn), with the committee's advice date; once. */
export async function recordObjectionOutcome(ctx: StaffContext, objectionId: string, input: z.infer<typeof ObjectionOutcomeInput>) {
  return transaction(ctx.sql, async (tx) => {
    const [o] = await tx<{ requestId: string; status: string; lodgedOn: string }[]>`
      select request_id as "requestId", status, lodged_on::text as "lodgedOn" from request_objections where id = ${objectionId} and partnership_id = ${ctx.scope.partnershipId}`;
    if (!o) fail('NOT_FOUND');
    const r = await requestFor(tx, ctx, o!.requestId, 'objection', true);
    if (o!.status !== 'open') fail('CONFLICT', 'Over dit bezwaar is al beslist.');
    if (input.outcomeOn < o!.lodgedOn) fieldError('outcomeOn', 'De uitkomst kan niet voor het bezwaar liggen.');
    await tx`update request_objections set status = ${input.status}, committee_advice_on = ${input.committeeAdviceOn}, outcome_on = ${input.outcomeOn},
               outcome_notes = ${input.outcomeNotes} where id = ${objectionId}`;
    await auditRequest(tx, ctx, r, 'objection_outcome', { status: input.status });
    return { ok: true as const };
  });
}

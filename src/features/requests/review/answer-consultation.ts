import type { z } from 'zod';
import { transaction } from '../../../db/index.ts';
import type { StaffContext } from '../../../platform/http/context.ts';
import { requestFor } from '../reveal-request.ts';
import { auditRequest } from '../audit-request.ts';
import type { AnswerConsultationInput } from '../schema.ts';

/** A consultation ends with the loket's answer in the thread. */
export async function answerConsultation(ctx: StaffContext, id: string, input: z.infer<typeof AnswerConsultationInput>) {
  return transaction(ctx.sql, async (tx) => {
    const r = await requestFor(tx, ctx, id, 'answerConsultation', true);
    await tx`insert into request_messages (partnership_id, request_id, author_id, side, kind, body)
             values (${ctx.scope.partnershipId}, ${id}, ${ctx.principal.userId}, 'partnership', 'message', ${input.body})`;
    await tx`update requests set status = 'answered', waiting_since = null, updated_at = now() where id = ${id}`;
    await auditRequest(tx, ctx, r, 'answer_consultation');
    return { status: 'answered' as const };
  });
}

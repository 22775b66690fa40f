import type { z } from 'zod';
import { transaction } from '../../../db/index.ts';
import type { StaffContext } from '../../../platform/http/context.ts';
import { requestFor } from '../reveal-request.ts';
import type { WithdrawInput } from '../schema.ts';
import { addStatusMessage } from '../thread/add-status-message.ts';
import { auditRequest } from '../audit-request.ts';

/** The school withdraws the request, with its reason in the thread; a draft or an open request, never a decided one. */
export async function withdrawRequest(ctx: StaffContext, id: string, input: z.infer<typeof WithdrawInput>) {
  return transaction(ctx.sql, async (tx) => {
    const r = await requestFor(tx, ctx, id, 'withdraw', true);
    await tx`update requests set status = 'withdrawn', waiting_since = null, updated_by = ${ctx.principal.userId}, updated_at = now() where id = ${id}`;
    await addStatusMessage(tx, ctx, id, 'school', `De school heeft de aanvraag ingetrokken. Reden: ${input.reason}`);
    await auditRequest(tx, ctx, r, 'withdraw');
    return { status: 'withdrawn' as const };
  });
}

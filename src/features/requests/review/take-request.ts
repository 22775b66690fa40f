import type { z } from 'zod';
import { transaction } from '../../../db/index.ts';
import { fieldError } from '../../../platform/errors.ts';
import type { StaffContext } from '../../../platform/http/context.ts';
import { requestFor } from '../reveal-request.ts';
import { auditRequest } from '../audit-request.ts';
import type { TakeInput } from '../schema.ts';
import { addStatusMessage } from '../thread/add-status-message.ts';
import { withRole } from './staff-with-role.ts';

/** The loket takes a request (or passes it to a colleague): from then on that consultant holds it. */
export async function takeRequest(ctx: StaffContext, id: string, input: z.infer<typeof TakeInput>) {
  return transaction(ctx.sql, async (tx) => {
    const r = await requestFor(tx, ctx, id, 'take', true);
    const [consultant] = await withRole(tx, ctx, [input.consultantId], 'swv_consultant');
    if (!consultant) fieldError('consultantId', 'Kies een actieve consulent van het samenwerkingsverband.');
    await tx`update requests set assigned_to = ${input.consultantId}, status = case when status = 'submitted' then 'in_review' else status end where id = ${id}`;
    await addStatusMessage(tx, ctx, id, 'partnership', `${consultant!.name} behandelt de aanvraag.`);
    await auditRequest(tx, ctx, r, 'assign', { consultantId: input.consultantId });
    return { ok: true as const };
  });
}

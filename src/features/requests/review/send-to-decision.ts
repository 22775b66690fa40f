import type { z } from 'zod';
import { transaction } from '../../../db/index.ts';
import { fail } from '../../../platform/errors.ts';
import type { StaffContext } from '../../../platform/http/context.ts';
import { requestFor } from '../reveal-request.ts';
import { auditRequest } from '../audit-request.ts';
import type { ToDecisionInput } from '../schema.ts';
import { addStatusMessage } from '../thread/add-status-message.ts';

/** An arrangement or OPDC place: the consultant hands it to the decision-maker with their advice. */
export async function sendToDecision(ctx: StaffContext, id: string, input: z.infer<typeof ToDecisionInput>) {
  return transaction(ctx.sql, async (tx) => {
    const r = await requestFor(tx, ctx, id, 'toDecision', true);
    const [open] = await tx`select 1 from request_messages where request_id = ${id} and kind = 'addition_request' and answered_at is null`;
    if (open) fail('CONFLICT', 'Er staat nog een vraag om aanvulling open bij de school. Wacht op het antwoord of stel de vraag opnieuw in een bericht.');
    await tx`update requests set status = 'decision' where id = ${id}`;
    await addStatusMessage(tx, ctx, id, 'partnership', `Advies van de consulent aan de directeur: ${input.note}`);
    await auditRequest(tx, ctx, r, 'to_decision');
    return { status: 'decision' as const };
  });
}

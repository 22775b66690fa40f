import { transaction } from '../../../db/index.ts';
import type { StaffContext } from '../../../platform/http/context.ts';
import { requestFor } from '../reveal-request.ts';
import { auditRequest } from '../audit-request.ts';
import { FIRST_EXPERT_DISCIPLINES, type AdviceInput } from '../schema.ts';
import { addStatusMessage } from '../thread/add-status-message.ts';

/** Whether the advices are complete: at least two, all in, one of them by an orthopedagoog or psycholoog. */
export const advicesComplete = (rows: { discipline: string; advised: boolean }[]): boolean =>
  rows.length >= 2 && rows.every((x) => x.advised) && rows.some((x) => (FIRST_EXPERT_DISCIPLINES as readonly string[]).includes(x.discipline));

/** An expert's advice. When the last one is in, the request moves to the decision-maker by itself. */
export async function advise(ctx: StaffContext, id: string, input: AdviceInput) {
  return transaction(ctx.sql, async (tx) => {
    const r = await requestFor(tx, ctx, id, 'advise', true);
    await tx`update request_experts set advice = ${tx.json(input as never)}, advised_at = now() where request_id = ${id} and expert_id = ${ctx.principal.userId}`;
    const rows = await tx<{ discipline: string; advised: boolean }[]>`select discipline, advice is not null as advised from request_experts where request_id = ${id}`;
    const complete = advicesComplete(rows);
    if (complete) {
      await tx`update requests set status = 'decision' where id = ${id}`;
      await addStatusMessage(tx, ctx, id, 'partnership', 'Alle adviezen zijn binnen. De aanvraag ligt bij de directeur voor een besluit.');
    }
    await auditRequest(tx, ctx, r, 'advise', { complete });
    return { status: complete ? ('decision' as const) : ('advice' as const) };
  });
}

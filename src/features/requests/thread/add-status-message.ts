import type { Tx } from '../../../db/index.ts';
import type { StaffContext } from '../../../platform/http/context.ts';

/** A line in the thread that says what happened to the request (taken, sent to the decision, decided, …), in the caller's transaction. */
export async function addStatusMessage(tx: Tx, ctx: StaffContext, requestId: string, side: 'school' | 'partnership', body: string) {
  await tx`insert into request_messages (partnership_id, request_id, author_id, side, kind, body)
           values (${ctx.scope.partnershipId}, ${requestId}, ${ctx.principal.userId}, ${side}, 'status', ${body})`;
}

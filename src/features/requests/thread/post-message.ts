import type { z } from 'zod';
import { transaction } from '../../../db/index.ts';
import { audit } from '../../../platform/audit.ts';
import type { StaffContext } from '../../../platform/http/context.ts';
import { requestFor, type RequestRow } from '../reveal-request.ts';
import { speaksForSchool } from '../policy.ts';
import type { MessageInput } from '../schema.ts';
import { notify, holders } from './notify-holders.ts';

/** The school's support team speaks for the school; everyone else for the partnership. */
const sideOf = (ctx: StaffContext, r: RequestRow) => (speaksForSchool(ctx.principal, r) ? 'school' : 'partnership');

/**
 * The thread on a request. The partnership never sends a request back: it
 * asks for an addition (aanvulling) inline; the request stays with it, the
 * school is told, and the clock counts the days it waited for the answer.
 *
 * A message in the thread, or the partnership's request for an addition:
 * the school is told by mail, without the pupil's name.
 */
export async function postMessage(ctx: StaffContext, id: string, input: z.infer<typeof MessageInput>) {
  return transaction(ctx.sql, async (tx) => {
    const r = await requestFor(tx, ctx, id, input.kind === 'addition_request' ? 'askAddition' : 'message', true);
    const side = input.kind === 'addition_request' ? 'partnership' : sideOf(ctx, r);
    const [row] = await tx<{ id: string }[]>`
      insert into request_messages (partnership_id, request_id, author_id, side, kind, body)
      values (${ctx.scope.partnershipId}, ${id}, ${ctx.principal.userId}, ${side}, ${input.kind}, ${input.body}) returning id`;
    const h = await holders(tx, r);
    if (input.kind === 'addition_request') {
      await tx`update requests set waiting_since = coalesce(waiting_since, now()) where id = ${id}`;
      await notify(tx, ctx, [h.createdBy], 'Het samenwerkingsverband vraagt een aanvulling op een aanvraag', id);
    } else {
      await notify(tx, ctx, side === 'school' ? [h.assignedTo] : [h.createdBy], 'Er is een nieuw bericht bij een aanvraag', id);
    }
    await audit(tx, ctx.actor, { action: `request.${input.kind}`, entityType: 'request', entityId: id, pupilId: r.pupilId, schoolId: r.schoolId });
    return { id: row!.id };
  });
}

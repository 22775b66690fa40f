import type { z } from 'zod';
import { transaction } from '../../../db/index.ts';
import { fieldError } from '../../../platform/errors.ts';
import type { StaffContext } from '../../../platform/http/context.ts';
import { today } from '../../../platform/time.ts';
import { requestFor } from '../reveal-request.ts';
import { auditRequest } from '../audit-request.ts';
import type { ObjectionInput } from '../schema.ts';
import { addStatusMessage } from '../thread/add-status-message.ts';

/** An objection (bezwaar) against a decision, registered by the partnership. */
export async function registerObjection(ctx: StaffContext, id: string, input: z.infer<typeof ObjectionInput>) {
  return transaction(ctx.sql, async (tx) => {
    const r = await requestFor(tx, ctx, id, 'objection', true);
    if (input.lodgedOn > today()) fieldError('lodgedOn', 'De datum van het bezwaar kan niet in de toekomst liggen.');
    const [row] = await tx<{ id: string }[]>`
      insert into request_objections (partnership_id, request_id, lodged_on, lodged_by, grounds, recorded_by)
      values (${ctx.scope.partnershipId}, ${id}, ${input.lodgedOn}, ${input.lodgedBy}, ${input.grounds}, ${ctx.principal.userId}) returning id`;
    await addStatusMessage(tx, ctx, id, 'partnership', 'Er is bezwaar gemaakt tegen het besluit.');
    await auditRequest(tx, ctx, r, 'objection');
    return { id: row!.id };
  });
}

import type { z } from 'zod';
import { transaction } from '../../../db/index.ts';
import type { StaffContext } from '../../../platform/http/context.ts';
import { requestFor } from '../reveal-request.ts';
import type { SaveRequestInput } from '../schema.ts';
import { auditRequest } from '../audit-request.ts';
import { checkRevision } from './check-revision.ts';

/** Saves what is new for this request; a save over a newer revision is a conflict that names who saved. */
export async function saveRequest(ctx: StaffContext, id: string, input: z.infer<typeof SaveRequestInput>) {
  return transaction(ctx.sql, async (tx) => {
    const r = await requestFor(tx, ctx, id, 'edit', true);
    await checkRevision(tx, r, input.revision);
    const [row] = await tx<{ revision: number }[]>`
      update requests set question = ${input.question}, done_already = ${input.doneAlready}, expectation = ${input.expectation},
        group_description = ${input.groupDescription}, return_goal = ${input.returnGoal}, revision = revision + 1, updated_by = ${ctx.principal.userId}, updated_at = now()
      where id = ${id} returning revision`;
    await auditRequest(tx, ctx, r, 'save', { revision: row!.revision });
    return { revision: row!.revision };
  });
}

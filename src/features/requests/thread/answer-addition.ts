import type { z } from 'zod';
import { transaction } from '../../../db/index.ts';
import type { StaffContext } from '../../../platform/http/context.ts';
import { requestFor } from '../reveal-request.ts';
import type { AnswerInput } from '../schema.ts';
import { schoolReply } from './school-reply.ts';

/** The school's answer to an addition request; when none is open any more the clock stops waiting. */
export async function answerAddition(ctx: StaffContext, id: string, input: z.infer<typeof AnswerInput>) {
  return transaction(ctx.sql, async (tx) => {
    const r = await requestFor(tx, ctx, id, 'answerAddition', true);
    return schoolReply(tx, ctx, r, { body: input.body, answersId: input.answersId, attachmentIds: [] });
  });
}

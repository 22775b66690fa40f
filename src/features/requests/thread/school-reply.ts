import type { Tx } from '../../../db/index.ts';
import { audit } from '../../../platform/audit.ts';
import { fail, fieldError } from '../../../platform/errors.ts';
import type { StaffContext } from '../../../platform/http/context.ts';
import type { RequestRow } from '../reveal-request.ts';
import { notify, holders } from './notify-holders.ts';

/**
 * What the school writes back, in the caller's transaction: the answer to an
 * addition (the clock stops waiting when none is open any more), or items
 * sent after submission with a word of explanation.
 */
export async function schoolReply(tx: Tx, ctx: StaffContext, r: RequestRow, reply: { body: string; answersId: string | null; attachmentIds: string[] }) {
  let askedBy: string | null = null;
  if (reply.answersId) {
    const [q] = await tx<{ authorId: string; answeredAt: Date | null }[]>`
      select author_id as "authorId", answered_at as "answeredAt" from request_messages where id = ${reply.answersId} and request_id = ${r.id} and kind = 'addition_request'`;
    if (!q) fieldError('answersId', 'Deze vraag hoort niet bij deze aanvraag.');
    if (q!.answeredAt) fail('CONFLICT', 'Deze vraag is al beantwoord. Stuur een bericht als u nog iets wilt aanvullen.');
    askedBy = q!.authorId;
  }
  const kind = reply.answersId ? 'addition_answer' : 'supplement';
  const [row] = await tx<{ id: string }[]>`
    insert into request_messages (partnership_id, request_id, author_id, side, kind, body, answers_id, attachment_ids)
    values (${ctx.scope.partnershipId}, ${r.id}, ${ctx.principal.userId}, 'school', ${kind}, ${reply.body}, ${reply.answersId}, ${reply.attachmentIds}::uuid[]) returning id`;
  if (reply.answersId) {
    await tx`update request_messages set answered_at = now() where id = ${reply.answersId}`;
    await tx`
      update requests set waiting_days = waiting_days + greatest(0, current_date - (waiting_since at time zone 'Europe/Amsterdam')::date), waiting_since = null
      where id = ${r.id} and waiting_since is not null
        and not exists (select 1 from request_messages m where m.request_id = ${r.id} and m.kind = 'addition_request' and m.answered_at is null)`;
  }
  const to = askedBy ? [askedBy] : [(await holders(tx, r)).assignedTo];
  await notify(tx, ctx, to, reply.attachmentIds.length ? 'De school heeft stukken nagestuurd bij een aanvraag' : 'De school heeft een aanvulling gestuurd', r.id);
  await audit(tx, ctx.actor, {
    action: `request.${kind}`,
    entityType: 'request',
    entityId: r.id,
    pupilId: r.pupilId,
    schoolId: r.schoolId,
    details: reply.attachmentIds.length ? { attachments: reply.attachmentIds.length } : undefined,
  });
  return { id: row!.id };
}

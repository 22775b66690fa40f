import type { z } from 'zod';
import { transaction, type Tx } from '../../db/index.ts';
import { audit } from '../../platform/audit.ts';
import { fail, fieldError } from '../../platform/errors.ts';
import type { StaffContext } from '../../platform/http/context.ts';
import { queueMail } from '../../platform/mail.ts';
import { requestFor, type RequestRow } from './access.ts';
import { speaksForSchool } from './policy.ts';
import type { AnswerInput, MessageInput } from './schema.ts';

/**
 * The thread on a request. The partnership never sends a request back: it
 * asks for an addition (aanvulling) inline; the request stays with it, the
 * school is told, and the clock counts the days it waited for the answer.
 */

export async function addStatusMessage(tx: Tx, ctx: StaffContext, requestId: string, side: 'school' | 'partnership', body: string) {
  await tx`insert into request_messages (partnership_id, request_id, author_id, side, kind, body)
           values (${ctx.scope.partnershipId}, ${requestId}, ${ctx.principal.userId}, ${side}, 'status', ${body})`;
}

const sideOf = (ctx: StaffContext, r: RequestRow) => (speaksForSchool(ctx.principal, r) ? 'school' : 'partnership');

/** A mail that names no pupil: the reader signs in to see what it is about. */
async function notify(tx: Tx, ctx: StaffContext, userIds: (string | null)[], subject: string, requestId: string) {
  const to = await tx<{ email: string; name: string }[]>`
    select email, name from users where id = any(${userIds.filter((u): u is string => u !== null && u !== ctx.principal.userId)}::uuid[]) and status = 'active'`;
  for (const u of to) {
    await queueMail(tx, {
      to: u.email,
      subject,
      text: `Beste ${u.name},\n\n${subject}. Log in op Leerrecht om de aanvraag te bekijken:\n\n${ctx.publicUrl}/aanvragen/${requestId}\n`,
    });
  }
}

async function holders(tx: Tx, r: RequestRow) {
  const [row] = await tx<{ createdBy: string; assignedTo: string | null }[]>`select created_by as "createdBy", assigned_to as "assignedTo" from requests where id = ${r.id}`;
  return row!;
}

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

/** The school's answer to an addition request; when none is open any more the clock stops waiting. */
export async function answerAddition(ctx: StaffContext, id: string, input: z.infer<typeof AnswerInput>) {
  return transaction(ctx.sql, async (tx) => {
    const r = await requestFor(tx, ctx, id, 'answerAddition', true);
    return schoolReply(tx, ctx, r, { body: input.body, answersId: input.answersId, attachmentIds: [] });
  });
}

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

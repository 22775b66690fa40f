import type { z } from 'zod';
import { transaction, type Tx } from '../../db/index.ts';
import { fail, fieldError } from '../../platform/errors.ts';
import type { StaffContext } from '../../platform/http/context.ts';
import { queueMail } from '../../platform/mail.ts';
import { requestFor } from './access.ts';
import { auditRequest } from './commands.ts';
import { FIRST_EXPERT_DISCIPLINES, type AdviceInput, type AnswerConsultationInput, type ExpertsInput, type TakeInput, type ToDecisionInput } from './schema.ts';
import { addStatusMessage } from './thread.ts';

/** Active staff of this partnership holding the role for the whole partnership. */
async function withRole(tx: Tx, ctx: StaffContext, userIds: string[], role: 'swv_consultant' | 'swv_expert') {
  return tx<{ id: string; name: string; email: string }[]>`
    select distinct u.id, u.name, u.email from users u join role_assignments ra on ra.user_id = u.id
    where u.id = any(${userIds}::uuid[]) and u.partnership_id = ${ctx.scope.partnershipId} and u.status = 'active'
      and ra.role = ${role} and ra.school_id is null`;
}

/** The loket takes a request (or passes it to a colleague): from then on that consultant holds it. */
export async function assign(ctx: StaffContext, id: string, input: z.infer<typeof TakeInput>) {
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

/**
 * A TLV needs the advice of at least two experts, one an orthopedagoog or
 * psycholoog (WVO art. 17a). Advice already given stays; new experts are told.
 */
export async function assignExperts(ctx: StaffContext, id: string, input: z.infer<typeof ExpertsInput>) {
  return transaction(ctx.sql, async (tx) => {
    const r = await requestFor(tx, ctx, id, 'assignExperts', true);
    const experts = await withRole(tx, ctx, input.experts.map((e) => e.userId), 'swv_expert');
    if (experts.length !== input.experts.length) fieldError('experts', 'Kies alleen actieve deskundigen van het samenwerkingsverband.');
    const keep = input.experts.map((e) => e.userId);
    await tx`delete from request_experts where request_id = ${id} and advice is null and not (expert_id = any(${keep}::uuid[]))`;
    for (const e of input.experts) {
      await tx`insert into request_experts (partnership_id, request_id, expert_id, discipline, assigned_by)
               values (${ctx.scope.partnershipId}, ${id}, ${e.userId}, ${e.discipline}, ${ctx.principal.userId})
               on conflict (request_id, expert_id) do update set discipline = excluded.discipline`;
    }
    await tx`update requests set status = 'advice' where id = ${id}`;
    await addStatusMessage(tx, ctx, id, 'partnership', `Deskundigen gevraagd om advies: ${experts.map((e) => e.name).join(' en ')}.`);
    for (const e of experts) {
      await queueMail(tx, {
        to: e.email,
        subject: 'U bent gevraagd om advies over een aanvraag voor een toelaatbaarheidsverklaring',
        text: `Beste ${e.name},\n\nU bent gevraagd om advies over een aanvraag. Log in op Leerrecht om de aanvraag te lezen en uw advies te geven:\n\n${ctx.publicUrl}/aanvragen/${id}\n`,
      });
    }
    await auditRequest(tx, ctx, r, 'experts', { experts: keep });
    return { ok: true as const };
  });
}

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

/** An arrangement or OPDC place: the consultant hands it to the decision-maker with their advice. */
export async function toDecision(ctx: StaffContext, id: string, input: z.infer<typeof ToDecisionInput>) {
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

/** A consultation ends with the loket's answer in the thread. */
export async function answerConsultation(ctx: StaffContext, id: string, input: z.infer<typeof AnswerConsultationInput>) {
  return transaction(ctx.sql, async (tx) => {
    const r = await requestFor(tx, ctx, id, 'answerConsultation', true);
    await tx`insert into request_messages (partnership_id, request_id, author_id, side, kind, body)
             values (${ctx.scope.partnershipId}, ${id}, ${ctx.principal.userId}, 'partnership', 'message', ${input.body})`;
    await tx`update requests set status = 'answered', waiting_since = null, updated_at = now() where id = ${id}`;
    await auditRequest(tx, ctx, r, 'answer_consultation');
    return { status: 'answered' as const };
  });
}

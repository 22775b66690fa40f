import type { z } from 'zod';
import { transaction } from '../../../db/index.ts';
import { fieldError } from '../../../platform/errors.ts';
import type { StaffContext } from '../../../platform/http/context.ts';
import { queueMail } from '../../../platform/mail.ts';
import { requestFor } from '../reveal-request.ts';
import { auditRequest } from '../audit-request.ts';
import type { ExpertsInput } from '../schema.ts';
import { addStatusMessage } from '../thread/add-status-message.ts';
import { withRole } from './staff-with-role.ts';

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

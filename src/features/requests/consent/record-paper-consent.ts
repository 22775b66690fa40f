import { transaction } from '../../../db/index.ts';
import { audit } from '../../../platform/audit.ts';
import { fail, fieldError } from '../../../platform/errors.ts';
import type { StaffContext } from '../../../platform/http/context.ts';
import { composing, requestFor } from '../reveal-request.ts';
import type { PaperConsentInput } from '../consent-schema.ts';
import { NO_PUPIL } from './ask-consent.ts';

/** A consent on paper, recorded by the school. The attachments must be this request's; a refusal covers none. */
export async function recordPaperConsent(ctx: StaffContext, requestId: string, input: PaperConsentInput): Promise<{ id: string }> {
  return transaction(ctx.sql, async (tx) => {
    const r = await requestFor(tx, ctx, requestId, composing, true);
    if (!r.pupilId) fail('CONFLICT', NO_PUPIL);
    const ids = input.decision === 'given' ? input.attachmentIds : [];
    const [{ n } = { n: 0 }] = await tx<{ n: number }[]>`
      select count(*)::int as n from request_attachments where request_id = ${requestId} and removed_at is null and id = any(${ids}::uuid[])`;
    if (n !== ids.length) fieldError('attachmentIds', 'Kies alleen stukken die bij deze aanvraag horen.');
    const [row] = await tx<{ id: string }[]>`
      insert into request_consents (partnership_id, request_id, signer, signer_name, decision, attachment_ids, comment, method, recorded_by)
      values (${ctx.scope.partnershipId}, ${requestId}, ${input.signer}, ${input.signerName}, ${input.decision}, ${ids}::uuid[], ${input.comment}, 'paper', ${ctx.principal.userId})
      returning id`;
    await audit(tx, ctx.actor, {
      action: 'request.consent_paper',
      entityType: 'request',
      entityId: requestId,
      pupilId: r.pupilId,
      schoolId: r.schoolId,
      details: { consentId: row!.id, signer: input.signer, decision: input.decision, attachments: ids.length },
    });
    return { id: row!.id };
  });
}

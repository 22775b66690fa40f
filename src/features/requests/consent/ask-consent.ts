import { transaction } from '../../../db/index.ts';
import { audit } from '../../../platform/audit.ts';
import { fail, fieldError } from '../../../platform/errors.ts';
import type { StaffContext } from '../../../platform/http/context.ts';
import { queueMail } from '../../../platform/mail.ts';
import { today } from '../../../platform/time.ts';
import { consentMail, createLink } from '../../parent-access/api.ts';
import { requiredSigners, signingRuleOf } from '../../plans/api.ts';
import { composing, requestFor } from '../reveal-request.ts';
import type { ConsentLinksInput } from '../consent-schema.ts';
import { requestMailInfo } from '../parents/request-mail-info.ts';

/**
 * The school's side of parents' consent to a request (AVG art. 9 for health
 * items). Asked online through a link per recipient (parent access),
 * or recorded from paper. Both while the request is a draft, by those who
 * may edit it (the school's support team); only for a request about a pupil.
 */

export const NO_PUPIL = 'Deze aanvraag gaat niet over één leerling. Toestemming van ouders is dan niet nodig.';

/**
 * Mails a consent link to each recipient; the signers the pupil's age asks
 * for must be among them. After submission the link asks only about the
 * items waiting to be sent.
 */
export async function askConsent(ctx: StaffContext, requestId: string, input: ConsentLinksInput): Promise<{ sent: number }> {
  return transaction(ctx.sql, async (tx) => {
    const r = await requestFor(tx, ctx, requestId, composing, true);
    if (!r.pupilId) fail('CONFLICT', NO_PUPIL);
    let items: string[] | null = null;
    if (r.status !== 'draft') {
      items = (await tx<{ id: string }[]>`select id from request_attachments where request_id = ${requestId} and shared_at is null and removed_at is null`).map((a) => a.id);
      if (!items.length) fail('CONFLICT', 'Er staat niets klaar om na te sturen. Voeg eerst een stuk uit het dossier toe.');
    }
    const info = (await requestMailInfo(tx, ctx, requestId)) ?? fail('NOT_FOUND');
    const needed = requiredSigners(info.birthDate, today(), signingRuleOf(info.settings));
    for (const signer of needed) {
      if (!input.recipients.some((x) => x.signer === signer)) {
        fieldError('recipients', signer === 'pupil' ? 'De leerling is 16 of ouder en geeft zelf toestemming: voeg de leerling toe.' : 'Voeg een ouder of verzorger toe.');
      }
    }
    for (const recipient of input.recipients) {
      const url = await createLink(tx, ctx, { kind: 'request', id: requestId, items }, recipient);
      await queueMail(tx, consentMail(recipient, info, url, items !== null));
    }
    await audit(tx, ctx.actor, {
      action: 'request.consent_asked',
      entityType: 'request',
      entityId: requestId,
      pupilId: r.pupilId,
      schoolId: r.schoolId,
      details: { recipients: input.recipients.map((x) => x.signer), ...(items ? { supplement: items.length } : {}) },
    });
    return { sent: input.recipients.length };
  });
}

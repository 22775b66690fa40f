import type { Sql } from '../../../db/index.ts';
import { transaction } from '../../../db/index.ts';
import { audit, type AuditActor } from '../../../platform/audit.ts';
import { fail, fieldError } from '../../../platform/errors.ts';
import { checkCsrf, linkActor } from '../../parent-access/api.ts';
import type { ParentConsentInput } from '../parent-schema.ts';
import type { RequestStatus } from '../schema.ts';
import { linkBySession, mayConsent } from './request-link.ts';

/**
 * The parent's (or pupil's) consent: one answer per link, only while the
 * school composes the request (or, for a supplement, sends it). It covers
 * the request and the attachments ticked; a health item only when ticked
 * (the page leaves those unticked). A refusal covers nothing.
 */
export async function giveConsent(sql: Sql, actor: AuditActor, sessionToken: string | undefined, csrfHeader: string | undefined, input: ParentConsentInput) {
  return transaction(sql, async (tx) => {
    const link = await linkBySession(tx, sessionToken);
    checkCsrf(sessionToken!, csrfHeader);
    const [earlier] = await tx`select 1 from request_consents where link_id = ${link.id} limit 1`;
    if (earlier) fail('CONFLICT', 'U heeft al geantwoord op deze aanvraag. Wilt u iets veranderen? Neem dan contact op met de school.');
    const [r] = await tx<{ status: RequestStatus }[]>`select status from requests where id = ${link.requestId} for update`;
    if (!r || !mayConsent(r.status, link)) {
      fail('CONFLICT', 'De school heeft de aanvraag al verstuurd of ingetrokken. Uw toestemming kan niet meer worden veranderd. Neem contact op met de school als u vragen heeft.');
    }
    const ids = input.decision === 'given' ? input.attachmentIds : [];
    const attached = await tx<{ id: string; health: boolean }[]>`
      select id, health from request_attachments where request_id = ${link.requestId} and removed_at is null and id = any(${ids}::uuid[])
        ${link.supplementIds ? tx`and id = any(${link.supplementIds}::uuid[])` : tx``}`;
    if (attached.length !== ids.length) fieldError('attachmentIds', 'Een van de gekozen stukken hoort niet (meer) bij deze aanvraag. Laad de pagina opnieuw.');
    await tx`insert into request_consents (partnership_id, request_id, signer, signer_name, decision, attachment_ids, comment, method, link_id)
             values (${link.partnershipId}, ${link.requestId}, ${link.signer}, ${link.name}, ${input.decision}, ${ids}::uuid[], ${input.comment}, 'online', ${link.id})`;
    await audit(tx, linkActor(actor, link), {
      action: 'request.consent_online',
      entityType: 'request',
      entityId: link.requestId,
      pupilId: link.pupilId,
      schoolId: link.schoolId,
      details: { linkId: link.id, signer: link.signer, decision: input.decision, attachments: ids.length, health: attached.filter((a) => a.health).length },
    });
    return { decision: input.decision };
  });
}

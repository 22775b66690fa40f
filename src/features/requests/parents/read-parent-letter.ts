import type { Sql } from '../../../db/index.ts';
import { transaction } from '../../../db/index.ts';
import { createTenantScope } from '../../../platform/access/principal.ts';
import { audit, type AuditActor } from '../../../platform/audit.ts';
import { fail } from '../../../platform/errors.ts';
import { linkActor } from '../../parent-access/api.ts';
import { readLetterData, type LetterData } from '../pdf/decision-letter.ts';
import type { RequestStatus } from '../schema.ts';
import { linkBySession } from './request-link.ts';

/**
 * The decision letter of the link's request, the same letter the school gets.
 * Only once decided, as the page shows the decision (404 before). The tenant
 * is the link's partnership: the session is the parent's proof. Audited.
 */
export async function readParentLetter(sql: Sql, actor: AuditActor, sessionToken: string | undefined): Promise<LetterData> {
  return transaction(sql, async (tx) => {
    const link = await linkBySession(tx, sessionToken);
    const [r] = await tx<{ status: RequestStatus }[]>`select status from requests where id = ${link.requestId}`;
    const data = r?.status === 'decided' ? await readLetterData(tx, createTenantScope(link.partnershipId), link.requestId) : null;
    if (!data) fail('NOT_FOUND', 'Er is nog geen besluit over deze aanvraag. U krijgt een e-mail als er een besluit is.');
    await audit(tx, linkActor(actor, link), {
      action: 'request.parent_letter_pdf',
      entityType: 'request',
      entityId: link.requestId,
      pupilId: link.pupilId,
      schoolId: link.schoolId,
      details: { linkId: link.id, signer: link.signer },
    });
    return data!;
  });
}

import type { Tx } from '../../../db/index.ts';
import { linksOf } from '../../parent-access/api.ts';

/**
 * The links that asked consent, and whether each was answered: those made
 * before submission, and those for a supplement (those after the decision
 * only show it). Not the revoked ones.
 */
export async function consentAsked(tx: Tx, requestId: string, submittedAt: Date | null) {
  const links = await linksOf(tx, 'request', requestId);
  const answered = new Set(
    (await tx<{ linkId: string }[]>`select distinct link_id as "linkId" from request_consents where request_id = ${requestId} and link_id is not null`).map((c) => c.linkId),
  );
  const askedUntil = submittedAt ?? new Date();
  return links
    .filter((l) => !l.revoked && (l.createdAt <= askedUntil || l.attachmentIds !== null))
    .map((l) => ({ id: l.id, signer: l.signer, name: l.name, email: l.email, sentAt: l.createdAt, answered: answered.has(l.id) }));
}

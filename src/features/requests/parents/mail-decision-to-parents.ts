import type { Tx } from '../../../db/index.ts';
import { audit } from '../../../platform/audit.ts';
import type { StaffContext } from '../../../platform/http/context.ts';
import { queueMail } from '../../../platform/mail.ts';
import { createLink, decisionMail, latestRecipients } from '../../parent-access/api.ts';
import { requestMailInfo } from './request-mail-info.ts';

/**
 * After a decision: a fresh link for every recipient who had a link on this
 * request (their latest link per address; not when that one was revoked: a
 * revoked link may have gone to a wrong address), and a mail that a decision
 * is there. Call it inside the decision's transaction, after the decision row
 * is written. Audited as 'request.decision_mailed'.
 */
export async function mailDecisionToParents(tx: Tx, ctx: StaffContext, requestId: string): Promise<{ mailed: number }> {
  const info = await requestMailInfo(tx, ctx, requestId);
  if (!info) return { mailed: 0 };
  const recipients = await latestRecipients(tx, 'request', requestId);
  for (const r of recipients) {
    const url = await createLink(tx, ctx, { kind: 'request', id: requestId }, r);
    await queueMail(tx, decisionMail(r, info, url));
  }
  await audit(tx, ctx.actor, {
    action: 'request.decision_mailed',
    entityType: 'request',
    entityId: requestId,
    pupilId: info.pupilId,
    schoolId: info.schoolId,
    details: { recipients: recipients.map((r) => r.signer) },
  });
  return { mailed: recipients.length };
}

import type { Sql } from '../../../db/index.ts';
import { transaction } from '../../../db/index.ts';
import { audit, type AuditActor } from '../../../platform/audit.ts';
import { csrfFor, linkActor } from '../../parent-access/api.ts';
import type { ParentRequest } from '../parent-schema.ts';
import type { RequestKind, RequestStatus } from '../schema.ts';
import { loadRequestSettings } from '../settings/request-settings.ts';
import { contentOf, describeItem, itemsOfLink } from './parent-items.ts';
import { linkBySession, mayConsent } from './request-link.ts';

/** The request of the link, and nothing else. Audited. */
export async function readParentRequest(sql: Sql, actor: AuditActor, sessionToken: string | undefined): Promise<ParentRequest> {
  return transaction(sql, async (tx) => {
    const link = await linkBySession(tx, sessionToken);
    const [r] = await tx<{
      kind: RequestKind;
      tlvSchoolKind: ParentRequest['tlvSchoolKind'];
      status: RequestStatus;
      waitingForSchool: boolean;
      question: string;
      expectation: string;
      returnGoal: string;
      caseManagerName: string | null;
      caseManagerEmail: string | null;
      senderName: string;
      senderEmail: string;
    }[]>`
      select r.kind, r.tlv_school_kind as "tlvSchoolKind", r.status, r.waiting_since is not null as "waitingForSchool", r.question, r.expectation, r.return_goal as "returnGoal",
        cm.name as "caseManagerName", cm.email as "caseManagerEmail", sender.name as "senderName", sender.email as "senderEmail"
      from requests r join pupils p on p.id = r.pupil_id
        join users sender on sender.id = ${link.createdBy}
        left join users cm on cm.id = p.case_manager_id and cm.status = 'active'
      where r.id = ${link.requestId}`;
    // A supplement link asks about the items the school sends after submission; others about all of them.
    const attachments: ParentRequest['attachments'] = [];
    for (const item of await itemsOfLink(tx, link)) {
      attachments.push({ id: item.id, label: item.label, description: describeItem(item, await contentOf(tx, item), link.signer), itemDate: item.itemDate, health: item.health });
    }
    const [consent] = await tx<NonNullable<ParentRequest['consent']>[]>`
      select decision, attachment_ids::text[] as "attachmentIds", comment, created_at as at from request_consents
      where link_id = ${link.id} order by created_at desc limit 1`;
    let decision: ParentRequest['decision'] = null;
    let objection: ParentRequest['objection'] = null;
    if (r!.status === 'decided') {
      const [d] = await tx<NonNullable<ParentRequest['decision']>[]>`
        select outcome, motivation, starts_on as "startsOn", ends_on as "endsOn", school_kind as "schoolKind", category, decided_on as "decidedOn"
        from request_decisions where request_id = ${link.requestId}`;
      if (d) {
        decision = d;
        const settings = await loadRequestSettings(tx, link.partnershipId);
        objection = { committee: settings.objectionCommittee, weeks: settings.objectionWeeks };
      }
    }
    await audit(tx, linkActor(actor, link), {
      action: 'request.parent_read',
      entityType: 'request',
      entityId: link.requestId,
      pupilId: link.pupilId,
      schoolId: link.schoolId,
      details: { linkId: link.id, signer: link.signer },
    });
    return {
      csrfToken: csrfFor(sessionToken!),
      school: { name: link.schoolName },
      pupil: { firstName: link.pupilFirstName },
      signer: link.signer,
      signerName: link.name,
      contact: r!.caseManagerName
        ? { name: r!.caseManagerName, email: r!.caseManagerEmail, isCaseManager: true }
        : { name: r!.senderName, email: r!.senderEmail, isCaseManager: false },
      kind: r!.kind,
      tlvSchoolKind: r!.tlvSchoolKind,
      status: r!.status,
      waitingForSchool: r!.waitingForSchool,
      question: r!.question,
      expectation: r!.expectation,
      returnGoal: r!.returnGoal,
      attachments,
      canConsent: mayConsent(r!.status, link) && !consent,
      supplement: link.supplementIds !== null,
      consent: consent ?? null,
      decision,
      objection,
      linkExpiresAt: link.expiresAt,
    };
  });
}

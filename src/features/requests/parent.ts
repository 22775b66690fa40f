import type { Db, Sql, Tx } from '../../db/index.ts';
import { transaction } from '../../db/index.ts';
import { createTenantScope } from '../../platform/access/principal.ts';
import { audit, type AuditActor } from '../../platform/audit.ts';
import { fail, fieldError } from '../../platform/errors.ts';
import type { StaffContext } from '../../platform/http/context.ts';
import { queueMail } from '../../platform/mail.ts';
import { checkCsrf, createLink, csrfFor, decisionMail, latestRecipients, LINK_INVALID, linkActor, linkBySession as sessionLink, linksOf, type SubjectKindOf } from '../parent-access/api.ts';
import type { ParentConsentInput, ParentRequest } from './parent-schema.ts';
import { readLetterData, type LetterData } from './pdf-letter.ts';
import { openStatuses, type RequestKind, type RequestStatus } from './schema.ts';
import { loadRequestSettings } from './settings.ts';

/**
 * The parent's side of a request (docs/decisions/0008-requests.md). The school asks the parents
 * (and the pupil from 16) for consent through a link in a mail; the same
 * link lets them follow the request to its decision, and a decision mails a
 * fresh one. The way in (link, code, short session, CSRF) and the mail texts
 * are parent access's (features/parent-access); a session sees this one
 * request only: what is asked, the names of the attached items (not their
 * content), where it stands, and the decision.
 */

interface RequestOfLink {
  requestId: string;
  pupilId: string;
  schoolId: string;
  pupilFirstName: string;
  schoolName: string;
}

/** A link names a request with a pupil (consent is only asked for one); without, the link says nothing. */
async function requestOfLink(db: Db, requestId: string): Promise<RequestOfLink> {
  const [row] = await db<RequestOfLink[]>`
    select r.id as "requestId", r.pupil_id as "pupilId", r.school_id as "schoolId", p.first_name as "pupilFirstName", s.name as "schoolName"
    from requests r join pupils p on p.id = r.pupil_id join schools s on s.id = r.school_id
    where r.id = ${requestId}`;
  return row ?? fail('BAD_TOKEN', LINK_INVALID);
}

/** What a request link is about: the request's pupil and school, for the code mail and the audit row. */
export const requestSubject: SubjectKindOf = {
  kind: 'request',
  async describe(db, link) {
    const r = await requestOfLink(db, link.subjectId);
    return { pupilFirstName: r.pupilFirstName, schoolName: r.schoolName, audit: { entityType: 'request', entityId: r.requestId, pupilId: r.pupilId, schoolId: r.schoolId } };
  },
};

/** The link behind the cookie, with its request; supplementIds: for a supplement, the items it asks consent for. */
async function linkBySession(db: Db, sessionToken: string | undefined) {
  const link = await sessionLink(db, 'request', sessionToken);
  return { ...link, ...(await requestOfLink(db, link.subjectId)), supplementIds: link.attachmentIds };
}

// ---- what the school sends: links and mails ----

export interface RequestMailInfo {
  partnershipId: string;
  pupilId: string;
  schoolId: string;
  kind: RequestKind;
  status: RequestStatus;
  firstName: string;
  birthDate: string;
  schoolName: string;
  caseManager: string | null;
  /** partnerships.settings: the signing ages live there. */
  settings: object;
}

/** The facts a mail about a request needs; the request must be the caller's partnership's and name a pupil. */
export async function requestMailInfo(db: Db, ctx: StaffContext, requestId: string): Promise<RequestMailInfo | null> {
  const [row] = await db<RequestMailInfo[]>`
    select r.partnership_id as "partnershipId", r.pupil_id as "pupilId", r.school_id as "schoolId", r.kind, r.status,
      p.first_name as "firstName", p.birth_date as "birthDate", s.name as "schoolName", cm.name as "caseManager", pa.settings
    from requests r join pupils p on p.id = r.pupil_id join schools s on s.id = r.school_id join partnerships pa on pa.id = r.partnership_id
      left join users cm on cm.id = p.case_manager_id and cm.status = 'active'
    where r.id = ${requestId} and r.partnership_id = ${ctx.scope.partnershipId}`;
  return row ?? null;
}

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

// ---- what the parent reads and answers ----

/** The request of the link, and nothing else. Audited. */
export async function readRequest(sql: Sql, actor: AuditActor, sessionToken: string | undefined): Promise<ParentRequest> {
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
    const attachments = await tx<ParentRequest['attachments']>`
      select id, label, item_date as "itemDate", health from request_attachments
      where request_id = ${link.requestId} and removed_at is null ${link.supplementIds ? tx`and id = any(${link.supplementIds}::uuid[])` : tx``}
      order by item_date, created_at`;
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

/** A link answers while the school composes the request; a supplement link while the partnership still weighs it. */
const mayConsent = (status: RequestStatus, link: { supplementIds: string[] | null }) =>
  link.supplementIds ? openStatuses.includes(status) : status === 'draft';

/**
 * The parent's (or pupil's) consent: one answer per link, only while the
 * school composes the request (or, for a supplement, sends it). It covers
 * the request and the attachments ticked; a health item only when ticked
 * (the page leaves those unticked). A refusal covers nothing.
 */
export async function consent(sql: Sql, actor: AuditActor, sessionToken: string | undefined, csrfHeader: string | undefined, input: ParentConsentInput) {
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

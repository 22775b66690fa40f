import type { Db, Sql, Tx } from '../../db/index.ts';
import { transaction } from '../../db/index.ts';
import { createTenantScope } from '../../platform/access/principal.ts';
import { audit, type AuditActor } from '../../platform/audit.ts';
import { fail, fieldError } from '../../platform/errors.ts';
import type { StaffContext } from '../../platform/http/context.ts';
import { queueMail } from '../../platform/mail.ts';
import * as links from '../../platform/parent-links.ts';
import { checkCsrf, csrfFor, LINK_INVALID, linkActor, type ParentLinkKind } from '../../platform/parent-links.ts';
import { parentKindTexts, type ParentConsentInput, type ParentRequest } from './parent-schema.ts';
import { readLetterData, type LetterData } from './pdf-letter.ts';
import { openStatuses, type RequestKind, type RequestStatus } from './schema.ts';
import { loadRequestSettings } from './settings.ts';

/**
 * The parent's side of a request (docs/decisions/0008-requests.md). The school
 * asks the parents (and the pupil from 16) for consent through a link in a
 * mail; the same link lets them follow the request to its decision, so it is
 * valid 90 days, and a decision mails a fresh one. The way in (code, short
 * session, CSRF) is the platform's (platform/parent-links.ts); a session sees
 * this one request only: what is asked, the names of the attached items (not
 * their content), where it stands, and the decision.
 */
export const PARENT_REQUEST_COOKIE = 'lr_parent_request';
/** 90 days: a TLV may take 6 weeks to decide after the school submits, and the parent follows it all the way. */
export const REQUEST_LINK_DAYS = 90;

interface RequestOfLink {
  requestId: string;
  pupilId: string;
  schoolId: string;
  pupilFirstName: string;
  schoolName: string;
  /** A link for a supplement: the items it asks consent for. */
  supplementIds: string[] | null;
}

/** A link names a request with a pupil (consent is only asked for one); without, the link says nothing. */
async function requestOfLink(db: Db, linkId: string): Promise<RequestOfLink> {
  const [row] = await db<RequestOfLink[]>`
    select l.request_id as "requestId", r.pupil_id as "pupilId", r.school_id as "schoolId", p.first_name as "pupilFirstName", s.name as "schoolName",
      l.attachment_ids::text[] as "supplementIds"
    from request_links l join requests r on r.id = l.request_id join pupils p on p.id = r.pupil_id join schools s on s.id = r.school_id
    where l.id = ${linkId}`;
  return row ?? fail('BAD_TOKEN', LINK_INVALID);
}

const requestLinks: ParentLinkKind = {
  table: 'request_links',
  async describe(db, link) {
    const r = await requestOfLink(db, link.id);
    return { pupilFirstName: r.pupilFirstName, schoolName: r.schoolName, audit: { entityType: 'request', entityId: r.requestId, pupilId: r.pupilId, schoolId: r.schoolId } };
  },
  codeMail: (link, subject, code) =>
    links.codeMailText(link, subject, code, { page: `de pagina van de aanvraag voor ${link.signer === 'pupil' ? 'jou' : subject.pupilFirstName}`, what: 'de aanvraag' }),
  actions: {
    codeSent: 'request.parent_code_sent',
    codeWrong: 'request.parent_code_wrong',
    codeBurnt: 'request.parent_code_burnt',
    signedIn: 'request.parent_signed_in',
  },
};

/** Step 1: mail a fresh code to the link's address. */
export const sendCode = (sql: Sql, actor: AuditActor, token: string) => links.sendCode(sql, actor, requestLinks, token);

/** Step 2: check the code; a right one starts a session for this request. */
export const verifyCode = (sql: Sql, actor: AuditActor, token: string, code: string) => links.verifyCode(sql, actor, requestLinks, token, code);

/** Ends the parent session (the "Afmelden" button). Answers the same whether there was one or not. */
export const endSession = (sql: Sql, sessionToken: string | undefined) => links.endSession(sql, 'request_links', sessionToken);

async function linkBySession(db: Db, sessionToken: string | undefined) {
  const link = await links.linkBySession(db, 'request_links', sessionToken);
  return { ...link, ...(await requestOfLink(db, link.id)) };
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

export interface Recipient {
  signer: 'parent' | 'pupil';
  name: string;
  email: string;
}

/**
 * A new link for one recipient (valid REQUEST_LINK_DAYS); returns the address
 * to put in the mail. `items`: for a supplement, the items it asks consent for.
 */
export async function createRequestLink(tx: Tx, ctx: StaffContext, requestId: string, r: Recipient, items: string[] | null = null): Promise<string> {
  const { token, tokenHash } = links.newLinkToken();
  await tx`insert into request_links (partnership_id, request_id, signer, name, email, token_hash, expires_at, created_by, attachment_ids)
           values (${ctx.scope.partnershipId}, ${requestId}, ${r.signer}, ${r.name}, ${r.email}, ${tokenHash},
                   now() + make_interval(days => ${REQUEST_LINK_DAYS}), ${ctx.principal.userId}, ${items}::uuid[])`;
  return `${ctx.publicUrl}/ouders/aanvraag#token=${token}`;
}

const contactLine = (info: RequestMailInfo) =>
  info.caseManager ? `Vragen? Neem contact op met ${info.caseManager}, de casemanager.` : 'Vragen? Neem contact op met de school.';
const whom = (r: Recipient, info: RequestMailInfo) => (r.signer === 'pupil' ? 'jou' : info.firstName);

/** The mail that asks consent (consent.ts): for the request, or for items the school sends after it (supplement). */
export function consentMail(r: Recipient, info: RequestMailInfo, url: string, supplement = false) {
  return {
    to: r.email,
    subject: supplement
      ? `${info.schoolName} vraagt uw toestemming om stukken na te sturen: aanvraag voor ${whom(r, info)}`
      : `${info.schoolName} vraagt uw toestemming: aanvraag voor ${whom(r, info)}`,
    text:
      (supplement
        ? `Beste ${r.name},\n\n${info.schoolName} heeft het samenwerkingsverband om hulp gevraagd voor ${whom(r, info)}. ` +
          `De school wil nu nog een of meer stukken uit het dossier nasturen.\n\n` +
          `Daarvoor vraagt de school uw toestemming. Via deze link leest u welke stukken het zijn. `
        : `Beste ${r.name},\n\n${info.schoolName} wil hulp vragen aan het samenwerkingsverband voor ${whom(r, info)}. ` +
          `Wat de school vraagt: ${parentKindTexts[info.kind]}\n\n` +
          `Daarvoor vraagt de school uw toestemming. Via deze link leest u wat de school vraagt en welke stukken de school meestuurt. `) +
      `U kunt daar zeggen of u toestemming geeft. U krijgt eerst een code per e-mail om te laten zien dat u het bent.\n\n${url}\n\n` +
      `Met dezelfde link kunt u later zien hoe het met de aanvraag gaat en wat er is besloten. De link werkt ${REQUEST_LINK_DAYS} dagen.\n\n` +
      contactLine(info),
  };
}

/**
 * After a decision: a fresh link (REQUEST_LINK_DAYS) for every recipient who
 * had a link on this request (their latest link per address; not when that
 * one was revoked: a revoked link may have gone to a wrong address), and a
 * mail that a decision is there. Call it inside the decision's transaction,
 * after the decision row is written. Audited as 'request.decision_mailed'.
 */
export async function mailDecisionToParents(tx: Tx, ctx: StaffContext, requestId: string): Promise<{ mailed: number }> {
  const info = await requestMailInfo(tx, ctx, requestId);
  if (!info) return { mailed: 0 };
  const recipients = await tx<(Recipient & { revoked: boolean })[]>`
    select * from (
      select distinct on (lower(email)) signer, name, email, revoked_at is not null as revoked
      from request_links where request_id = ${requestId} order by lower(email), created_at desc
    ) latest where not revoked`;
  for (const r of recipients) {
    const url = await createRequestLink(tx, ctx, requestId, r);
    await queueMail(tx, {
      to: r.email,
      subject: `Er is een besluit over de aanvraag voor ${whom(r, info)}`,
      text:
        `Beste ${r.name},\n\nHet samenwerkingsverband heeft een besluit genomen over de aanvraag van ${info.schoolName} voor ${whom(r, info)}.\n\n` +
        `Via deze link leest u het besluit. U krijgt eerst een code per e-mail om te laten zien dat u het bent. ` +
        `Daar leest u ook wat u kunt doen als u het niet eens bent met het besluit.\n\n${url}\n\n` +
        `De link werkt ${REQUEST_LINK_DAYS} dagen.\n\n${contactLine(info)}`,
    });
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
      from request_links l join requests r on r.id = l.request_id join pupils p on p.id = r.pupil_id
        join users sender on sender.id = l.created_by
        left join users cm on cm.id = p.case_manager_id and cm.status = 'active'
      where l.id = ${link.id}`;
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

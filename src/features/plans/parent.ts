import type { Db, Sql } from '../../db/index.ts';
import { transaction } from '../../db/index.ts';
import { audit, type AuditActor } from '../../platform/audit.ts';
import { fail } from '../../platform/errors.ts';
import * as links from '../../platform/parent-links.ts';
import { checkCsrf, csrfFor, LINK_INVALID, linkActor, SESSION_ENDED, type ParentLink, type ParentLinkKind } from '../../platform/parent-links.ts';
import type { ParentPlan, ParentRespondInput } from './parent-schema.ts';
import { recordResponse } from './responses.ts';
import { OppContent } from './schema.ts';
import { DISAGREEMENT_ROUTES } from './signing.ts';

/**
 * The parent's side of the OPP (docs/decisions/0007-opp.md). A parent (or the
 * pupil from 16) has no account. The school sends a link (commands.ts: valid 14
 * days); the link, code and session mechanics (and their numbers) are the
 * platform's (platform/parent-links.ts). A right code gives a short session
 * that sees that one plan version only. What is the OPP's own: what a link is
 * about, the code mail, the audit actions, and reading and answering the plan.
 */
export { CODE_VALID_MINUTES, LINK_INVALID, MAX_CODE_ATTEMPTS, MAX_CODES_PER_HOUR, maskEmail, newCode, PARENT_CSRF_HEADER, SESSION_ENDED, SESSION_MINUTES } from '../../platform/parent-links.ts';
export { csrfFor };
export const PARENT_COOKIE = 'lr_parent';

/** The OPP's code hash: salted 'opp-code:' + link id, as it always was. */
export const hashCode = (linkId: string, code: string): string => links.hashCode('opp_links', linkId, code);

interface OppOfLink {
  oppId: string;
  versionId: string;
  pupilId: string;
  schoolId: string;
  pupilFirstName: string;
  schoolName: string;
}

const oppOfLink = async (db: Db, linkId: string): Promise<OppOfLink> => {
  const [row] = await db<OppOfLink[]>`
    select l.opp_id as "oppId", l.version_id as "versionId", o.pupil_id as "pupilId", o.school_id as "schoolId",
      p.first_name as "pupilFirstName", s.name as "schoolName"
    from opp_links l join opps o on o.id = l.opp_id join pupils p on p.id = o.pupil_id join schools s on s.id = o.school_id
    where l.id = ${linkId}`;
  return row ?? fail('BAD_TOKEN', LINK_INVALID);
};

const oppLinks: ParentLinkKind = {
  table: 'opp_links',
  async describe(db, link) {
    const o = await oppOfLink(db, link.id);
    return { pupilFirstName: o.pupilFirstName, schoolName: o.schoolName, audit: { entityType: 'opp', entityId: o.oppId, pupilId: o.pupilId, schoolId: o.schoolId } };
  },
  codeMail: (link: ParentLink, subject, code) => links.codeMailText(link, subject, code, { page: `de pagina van het plan van ${subject.pupilFirstName}`, what: 'het plan' }),
  actions: { codeSent: 'opp.parent_code_sent', codeWrong: 'opp.parent_code_wrong', codeBurnt: 'opp.parent_code_burnt', signedIn: 'opp.parent_signed_in' },
};

/** Step 1: mail a fresh code to the link's address. */
export const sendCode = (sql: Sql, actor: AuditActor, token: string) => links.sendCode(sql, actor, oppLinks, token);

/** Step 2: check the code; a right one starts a session for this plan version. */
export const verifyCode = (sql: Sql, actor: AuditActor, token: string, code: string) => links.verifyCode(sql, actor, oppLinks, token, code);

/** The link behind the cookie, with the plan version it opens. */
async function linkBySession(db: Db, sessionToken: string | undefined) {
  const link = await links.linkBySession(db, 'opp_links', sessionToken);
  const [ref] = await db<{ oppId: string; versionId: string }[]>`select opp_id as "oppId", version_id as "versionId" from opp_links where id = ${link.id}`;
  return { ...link, ...ref! };
}

/** Ends the parent session (the "Afmelden" button). Answers the same whether there was one or not. */
export const endSession = (sql: Sql, sessionToken: string | undefined) => links.endSession(sql, 'opp_links', sessionToken);

/** The plan of the link, and nothing else: one version of one plan of one pupil. Audited. */
export async function readPlan(sql: Sql, actor: AuditActor, sessionToken: string | undefined): Promise<ParentPlan> {
  return transaction(sql, async (tx) => {
    const link = await linkBySession(tx, sessionToken);
    const [row] = await tx<{
      schoolName: string;
      pupilFirstName: string;
      pupilId: string;
      schoolId: string;
      kind: 'full' | 'light';
      oppStatus: ParentPlan['status'];
      number: number;
      versionStatus: ParentPlan['version']['status'];
      sentAt: Date | null;
      agreedAt: Date | null;
      content: unknown;
      caseManagerName: string | null;
      caseManagerEmail: string | null;
      senderName: string;
      senderEmail: string;
    }[]>`
      select s.name as "schoolName", p.first_name as "pupilFirstName", p.id as "pupilId", s.id as "schoolId", o.kind, o.status as "oppStatus",
        v.number, v.status as "versionStatus", v.sent_at as "sentAt", v.agreed_at as "agreedAt", v.content,
        cm.name as "caseManagerName", cm.email as "caseManagerEmail", sender.name as "senderName", sender.email as "senderEmail"
      from opp_links l
        join opps o on o.id = l.opp_id
        join opp_versions v on v.id = l.version_id and v.opp_id = o.id
        join pupils p on p.id = o.pupil_id
        join schools s on s.id = o.school_id
        join users sender on sender.id = l.created_by
        left join users cm on cm.id = p.case_manager_id and cm.status = 'active'
      where l.id = ${link.id}`;
    if (!row) fail('UNAUTHENTICATED', SESSION_ENDED);
    const r = row!;
    const [answer] = await tx<{ decision: 'agree' | 'disagree'; comment: string; at: Date }[]>`
      select decision, comment, created_at as at from opp_responses where link_id = ${link.id} order by created_at desc limit 1`;
    await audit(tx, linkActor(actor, link), {
      action: 'opp.parent_read',
      entityType: 'opp',
      entityId: link.oppId,
      pupilId: r.pupilId,
      schoolId: r.schoolId,
      details: { linkId: link.id, signer: link.signer, versionId: link.versionId },
    });
    return {
      csrfToken: csrfFor(sessionToken!),
      school: { name: r.schoolName },
      pupil: { firstName: r.pupilFirstName },
      signer: link.signer,
      signerName: link.name,
      contact: r.caseManagerName
        ? { name: r.caseManagerName, email: r.caseManagerEmail, isCaseManager: true }
        : { name: r.senderName, email: r.senderEmail, isCaseManager: false },
      kind: r.kind,
      status: r.oppStatus,
      version: { number: r.number, status: r.versionStatus, sentAt: r.sentAt, agreedAt: r.agreedAt },
      content: OppContent.parse(r.content),
      canRespond: r.versionStatus === 'with_parents' && !answer,
      answer: answer ?? null,
      linkExpiresAt: link.expiresAt,
      disagreementRoutes: DISAGREEMENT_ROUTES.map((d) => ({ name: d.name, description: d.description })),
    };
  });
}

/**
 * The parent's (or pupil's) answer on the handelingsdeel. One answer per
 * link; the version must still wait for answers. recordResponse settles the
 * plan: agreed only when every required signer agreed, disagreed on any no.
 */
export async function respond(sql: Sql, actor: AuditActor, sessionToken: string | undefined, csrfHeader: string | undefined, input: ParentRespondInput) {
  return transaction(sql, async (tx) => {
    const link = await linkBySession(tx, sessionToken);
    checkCsrf(sessionToken!, csrfHeader);
    const [earlier] = await tx`select 1 from opp_responses where link_id = ${link.id} limit 1`;
    if (earlier) fail('CONFLICT', 'U heeft al gereageerd op dit plan. Wilt u iets veranderen? Neem dan contact op met de school.');
    const [version] = await tx<{ status: string }[]>`select status from opp_versions where id = ${link.versionId}`;
    if (version?.status !== 'with_parents') fail('CONFLICT', 'Dit plan wacht niet meer op uw reactie. Neem contact op met de school als u vragen heeft.');
    return recordResponse(tx, linkActor(actor, link), {
      oppId: link.oppId,
      versionId: link.versionId,
      signer: link.signer,
      signerName: link.name,
      decision: input.decision,
      comment: input.comment,
      method: 'online',
      linkId: link.id,
    }) as Promise<{ status: 'with_parents' | 'agreed' | 'disagreed' }>;
  });
}

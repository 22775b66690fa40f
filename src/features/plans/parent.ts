import type { Db, Sql } from '../../db/index.ts';
import { transaction } from '../../db/index.ts';
import { audit, type AuditActor } from '../../platform/audit.ts';
import { fail } from '../../platform/errors.ts';
import { checkCsrf, csrfFor, LINK_INVALID, linkActor, linkBySession as sessionLink, SESSION_ENDED, type SubjectKindOf } from '../parent-access/api.ts';
import type { ParentPlan, ParentRespondInput } from './parent-schema.ts';
import { recordResponse } from './responses.ts';
import { OppContent } from './schema.ts';
import { DISAGREEMENT_ROUTES } from './signing.ts';

/**
 * The parent's side of the OPP (docs/decisions/0007-opp.md). A parent (or the pupil from
 * 16) has no account. The school sends a link (commands.ts); the link, code
 * and session mechanics (and their numbers) are parent access's
 * (features/parent-access). A right code gives a short session that sees
 * that one plan version only. What is the OPP's own: what a link is about,
 * and reading and answering the plan.
 */

/** What an OPP link is about: the plan's pupil and school, for the code mail and the audit row. */
export const oppSubject: SubjectKindOf = {
  kind: 'opp',
  async describe(db, link) {
    const [o] = await db<{ oppId: string; pupilId: string; schoolId: string; pupilFirstName: string; schoolName: string }[]>`
      select o.id as "oppId", o.pupil_id as "pupilId", o.school_id as "schoolId", p.first_name as "pupilFirstName", s.name as "schoolName"
      from opps o join pupils p on p.id = o.pupil_id join schools s on s.id = o.school_id
      where o.id = ${link.subjectId}`;
    if (!o) fail('BAD_TOKEN', LINK_INVALID);
    return { pupilFirstName: o!.pupilFirstName, schoolName: o!.schoolName, audit: { entityType: 'opp', entityId: o!.oppId, pupilId: o!.pupilId, schoolId: o!.schoolId } };
  },
};

/** The link behind the cookie, with the plan version it opens. */
async function linkBySession(db: Db, sessionToken: string | undefined) {
  const link = await sessionLink(db, 'opp', sessionToken);
  return { ...link, oppId: link.subjectId, versionId: link.versionId! };
}

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
      from opps o
        join opp_versions v on v.id = ${link.versionId} and v.opp_id = o.id
        join pupils p on p.id = o.pupil_id
        join schools s on s.id = o.school_id
        join users sender on sender.id = ${link.createdBy}
        left join users cm on cm.id = p.case_manager_id and cm.status = 'active'
      where o.id = ${link.oppId}`;
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

import { randomInt, timingSafeEqual } from 'node:crypto';
import type { Db, Sql } from '../../db/index.ts';
import { transaction } from '../../db/index.ts';
import { audit, type AuditActor } from '../../platform/audit.ts';
import { randomToken, sha256 } from '../../platform/auth/tokens.ts';
import { AppError, fail } from '../../platform/errors.ts';
import { queueMail } from '../../platform/mail.ts';
import type { ParentPlan, ParentRespondInput } from './parent-schema.ts';
import { recordResponse } from './responses.ts';
import { OppContent } from './schema.ts';
import { DISAGREEMENT_ROUTES } from './signing.ts';

/**
 * The parent's side of the OPP (DOMAIN C4, C12). A parent (or the pupil from
 * 16) has no account. The school sends a link (commands.ts: 32 random bytes,
 * stored as sha-256, valid 14 days). Opening it asks for a 6-digit code mailed
 * to the same address; the code proves the reader holds that mailbox now (a
 * link can leak through a forwarded mail or a shared computer's history).
 * A right code gives a short session that sees that one plan version only.
 *
 * The numbers:
 * - a code is valid 15 minutes: long enough to switch to the mail app and back;
 * - 5 wrong tries burn the code: with 5 codes an hour that is at most 25
 *   guesses an hour out of 1,000,000 (on top of the 256-bit link token);
 * - at most 5 codes per link per hour, so the form cannot be used to flood an
 *   inbox; after the fifth, the next waits until an hour after the last one;
 * - the session lasts 60 minutes: enough to read the plan and answer, short
 *   enough for a shared computer.
 *
 * CSRF: the session cookie is httpOnly and SameSite=Strict, and every change
 * also needs the header `x-parent-csrf`. Its value is derived from the session
 * token (sha-256 of 'csrf:' + token), so it needs no column: the server
 * recomputes it from the cookie, and another site can neither read the cookie
 * nor the value (it is only returned in same-origin JSON: verify and the plan).
 */
export const CODE_VALID_MINUTES = 15;
export const MAX_CODE_ATTEMPTS = 5;
export const MAX_CODES_PER_HOUR = 5;
export const SESSION_MINUTES = 60;
export const PARENT_COOKIE = 'lr_parent';
export const PARENT_CSRF_HEADER = 'x-parent-csrf';

export const LINK_INVALID = 'Deze link is verlopen of ongeldig. Vraag de school om een nieuwe link.';
export const SESSION_ENDED = 'U bent niet meer aangemeld. Open de link uit de e-mail opnieuw en vraag een nieuwe code aan.';
const CODE_WRONG = 'Deze code klopt niet. Controleer de code in de e-mail en probeer het opnieuw.';
const CODE_BURNT = 'U heeft te vaak een verkeerde code ingevuld. Vraag een nieuwe code aan.';
const CODE_EXPIRED = 'Deze code is verlopen of al gebruikt. Vraag een nieuwe code aan.';
const TOO_MANY_CODES = `U heeft al ${MAX_CODES_PER_HOUR} codes aangevraagd. Wacht een uur en vraag dan een nieuwe code aan.`;

/** A uniformly random 6-digit code, leading zeros kept. */
export const newCode = (): string => String(randomInt(0, 1_000_000)).padStart(6, '0');

/** Codes are short, so the hash is salted with the link: one leaked table row says nothing about another. */
export const hashCode = (linkId: string, code: string): string => sha256(`opp-code:${linkId}:${code}`);

export const csrfFor = (sessionToken: string): string => sha256(`csrf:${sessionToken}`);

const sameHex = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** 'ouder@voorbeeld.nl' → 'o****@voorbeeld.nl': enough to recognise, not enough to harvest. */
export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}****@${domain}`;
}

interface LinkRow {
  id: string;
  partnershipId: string;
  oppId: string;
  versionId: string;
  signer: 'parent' | 'pupil';
  name: string;
  email: string;
  pupilId: string;
  schoolId: string;
  pupilFirstName: string;
  schoolName: string;
  codeHash: string | null;
  codeValid: boolean;
  codeAttempts: number;
  codesSent: number;
  /** Whether the last code went out more than an hour ago (or never). */
  quietForAnHour: boolean;
}

/** A link that still works: not expired, not revoked. Locked for the caller's transaction. */
async function linkByToken(db: Db, token: string): Promise<LinkRow> {
  const [row] = await db<LinkRow[]>`
    select l.id, l.partnership_id as "partnershipId", l.opp_id as "oppId", l.version_id as "versionId", l.signer, l.name, l.email,
      o.pupil_id as "pupilId", o.school_id as "schoolId", p.first_name as "pupilFirstName", s.name as "schoolName",
      l.code_hash as "codeHash", coalesce(l.code_expires_at > now(), false) as "codeValid", l.code_attempts as "codeAttempts",
      l.codes_sent as "codesSent",
      coalesce(l.code_expires_at - make_interval(mins => ${CODE_VALID_MINUTES}) < now() - interval '1 hour', true) as "quietForAnHour"
    from opp_links l join opps o on o.id = l.opp_id join pupils p on p.id = o.pupil_id join schools s on s.id = o.school_id
    where l.token_hash = ${sha256(token)} and l.revoked_at is null and l.expires_at > now()
    for update of l`;
  return row ?? fail('BAD_TOKEN', LINK_INVALID);
}

const actorFor = (actor: AuditActor, link: { partnershipId: string }): AuditActor => ({ ...actor, partnershipId: link.partnershipId, userId: null });

/** Step 1: mail a fresh code to the link's address. An earlier code stops working. */
export async function sendCode(sql: Sql, actor: AuditActor, token: string) {
  return transaction(sql, async (tx) => {
    const link = await linkByToken(tx, token);
    const sentInWindow = link.quietForAnHour ? 0 : link.codesSent;
    if (sentInWindow >= MAX_CODES_PER_HOUR) fail('RATE_LIMITED', TOO_MANY_CODES);
    const code = newCode();
    await tx`update opp_links set code_hash = ${hashCode(link.id, code)}, code_expires_at = now() + make_interval(mins => ${CODE_VALID_MINUTES}),
               code_attempts = 0, codes_sent = ${sentInWindow + 1}
             where id = ${link.id}`;
    await queueMail(tx, {
      to: link.email,
      subject: `Uw code: ${code}`,
      text:
        `Beste ${link.name},\n\n` +
        `Uw code is: ${code}\n\n` +
        `Vul deze code in op de pagina van het plan van ${link.pupilFirstName}. De code werkt ${CODE_VALID_MINUTES} minuten en maar één keer.\n\n` +
        `Heeft u geen code gevraagd? Dan hoeft u niets te doen. Niemand kan het plan lezen zonder deze code.\n\n` +
        `Met vriendelijke groet,\n${link.schoolName}`,
    });
    await audit(tx, actorFor(actor, link), {
      action: 'opp.parent_code_sent',
      entityType: 'opp',
      entityId: link.oppId,
      pupilId: link.pupilId,
      schoolId: link.schoolId,
      details: { linkId: link.id, signer: link.signer },
    });
    return { sentTo: maskEmail(link.email), validMinutes: CODE_VALID_MINUTES };
  });
}

/**
 * Step 2: check the code. A right code is used up and starts a session; a
 * wrong one counts, and the fifth wrong one burns the code. The count is
 * committed before the error leaves, so a refused try is never forgotten.
 */
export async function verifyCode(sql: Sql, actor: AuditActor, token: string, code: string): Promise<{ sessionToken: string; csrfToken: string; validMinutes: number }> {
  const outcome = await transaction(sql, async (tx) => {
    const link = await linkByToken(tx, token);
    if (!link.codeHash || !link.codeValid) return { error: CODE_EXPIRED } as const;
    if (!sameHex(link.codeHash, hashCode(link.id, code))) {
      const attempts = link.codeAttempts + 1;
      const burnt = attempts >= MAX_CODE_ATTEMPTS;
      await tx`update opp_links set code_attempts = ${attempts}, code_hash = ${burnt ? null : link.codeHash} where id = ${link.id}`;
      await audit(tx, actorFor(actor, link), {
        action: burnt ? 'opp.parent_code_burnt' : 'opp.parent_code_wrong',
        entityType: 'opp',
        entityId: link.oppId,
        pupilId: link.pupilId,
        schoolId: link.schoolId,
        details: { linkId: link.id, signer: link.signer, attempts },
      });
      return { error: burnt ? CODE_BURNT : CODE_WRONG } as const;
    }
    const sessionToken = randomToken();
    // Single use: the code goes; code_expires_at stays, it marks when the last code went out (the hourly limit).
    await tx`update opp_links set code_hash = null, code_attempts = 0, session_hash = ${sha256(sessionToken)},
               session_expires_at = now() + make_interval(mins => ${SESSION_MINUTES})
             where id = ${link.id}`;
    await audit(tx, actorFor(actor, link), {
      action: 'opp.parent_signed_in',
      entityType: 'opp',
      entityId: link.oppId,
      pupilId: link.pupilId,
      schoolId: link.schoolId,
      details: { linkId: link.id, signer: link.signer },
    });
    return { sessionToken };
  });
  if ('error' in outcome) throw new AppError('BAD_CODE', outcome.error);
  return { sessionToken: outcome.sessionToken, csrfToken: csrfFor(outcome.sessionToken), validMinutes: SESSION_MINUTES };
}

interface SessionLink {
  id: string;
  partnershipId: string;
  oppId: string;
  versionId: string;
  signer: 'parent' | 'pupil';
  name: string;
  expiresAt: Date;
}

/** The link behind a parent session cookie, while both the session and the link are valid. */
async function linkBySession(db: Db, sessionToken: string | undefined): Promise<SessionLink> {
  if (!sessionToken) fail('UNAUTHENTICATED', SESSION_ENDED);
  const rows = await db<SessionLink[]>`
    select l.id, l.partnership_id as "partnershipId", l.opp_id as "oppId", l.version_id as "versionId", l.signer, l.name, l.expires_at as "expiresAt"
    from opp_links l
    where l.session_hash = ${sha256(sessionToken!)} and l.session_expires_at > now() and l.revoked_at is null and l.expires_at > now()
    for update`;
  return rows[0] ?? fail('UNAUTHENTICATED', SESSION_ENDED);
}

/** Ends the parent session (the "Afmelden" button). Answers the same whether there was one or not. */
export async function endSession(sql: Sql, sessionToken: string | undefined) {
  if (!sessionToken) return;
  await sql`update opp_links set session_hash = null, session_expires_at = null where session_hash = ${sha256(sessionToken)}`;
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
    await audit(tx, actorFor(actor, link), {
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
    if (typeof csrfHeader !== 'string' || !sameHex(csrfHeader, csrfFor(sessionToken!))) fail('CSRF');
    const [earlier] = await tx`select 1 from opp_responses where link_id = ${link.id} limit 1`;
    if (earlier) fail('CONFLICT', 'U heeft al gereageerd op dit plan. Wilt u iets veranderen? Neem dan contact op met de school.');
    const [version] = await tx<{ status: string }[]>`select status from opp_versions where id = ${link.versionId}`;
    if (version?.status !== 'with_parents') fail('CONFLICT', 'Dit plan wacht niet meer op uw reactie. Neem contact op met de school als u vragen heeft.');
    return recordResponse(tx, actorFor(actor, link), {
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

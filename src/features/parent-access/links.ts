import { randomInt, timingSafeEqual } from 'node:crypto';
import type { Db, Sql, Tx } from '../../db/index.ts';
import { transaction } from '../../db/index.ts';
import { audit, type AuditActor, type AuditEvent } from '../../platform/audit.ts';
import { randomToken, sha256 } from '../../platform/auth/tokens.ts';
import { AppError, fail } from '../../platform/errors.ts';
import type { StaffContext } from '../../platform/http/context.ts';
import { queueMail } from '../../platform/mail.ts';
import { CODE_VALID_MINUTES, LINK_DAYS, MAX_CODE_ATTEMPTS, MAX_CODES_PER_HOUR, SESSION_MINUTES } from './limits.ts';
import { codeMail } from './mails.ts';
import { subjectPlaces, type SubjectKind } from './schema.ts';

/**
 * A parent's (or a pupil's, from 16) way in without an account: a link from
 * the mail, a 6-digit code mailed to the same address, and a short session
 * for what that link opens. One table (parent_links) for every subject,
 * keyed by (subject_kind, subject_id); the feature of the subject says what
 * a link is about (describe: pupil, school, audit entity) and reads and
 * answers its own page with the session's link.
 *
 * The link itself is 32 random bytes, stored as sha-256. The code proves the
 * reader holds that mailbox now (a link can leak through a forwarded mail or
 * a shared computer's history).
 *
 * The numbers are in limits.ts.
 *
 * CSRF: the session cookie is httpOnly and SameSite=Strict, and every change
 * also needs the header `x-parent-csrf`. Its value is derived from the session
 * token (sha-256 of 'csrf:' + token), so it needs no column: the server
 * recomputes it from the cookie, and another site can neither read the cookie
 * nor the value (it is only returned in same-origin JSON).
 */
export const LINK_INVALID = 'Deze link is verlopen of ongeldig. Vraag de school om een nieuwe link.';
export const SESSION_ENDED = 'U bent niet meer aangemeld. Open de link uit de e-mail opnieuw en vraag een nieuwe code aan.';
const CODE_WRONG = 'Deze code klopt niet. Controleer de code in de e-mail en probeer het opnieuw.';
const CODE_BURNT = 'U heeft te vaak een verkeerde code ingevuld. Vraag een nieuwe code aan.';
const CODE_EXPIRED = 'Deze code is verlopen of al gebruikt. Vraag een nieuwe code aan.';
const TOO_MANY_CODES = `U heeft al ${MAX_CODES_PER_HOUR} codes aangevraagd. Wacht een uur en vraag dan een nieuwe code aan.`;

/** A uniformly random 6-digit code, leading zeros kept. */
export const newCode = (): string => String(randomInt(0, 1_000_000)).padStart(6, '0');

/**
 * Codes are short, so the hash is salted with the link: one leaked table row
 * says nothing about another. The salt names the kind ('opp-code',
 * 'request-code'), as each kind's own table always did.
 */
export const hashCode = (kind: SubjectKind, linkId: string, code: string): string => sha256(`${kind}-code:${linkId}:${code}`);

export const csrfFor = (sessionToken: string): string => sha256(`csrf:${sessionToken}`);

const sameHex = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** Every change by a parent carries the CSRF header derived from their session (see above). */
export function checkCsrf(sessionToken: string, header: string | undefined): void {
  if (typeof header !== 'string' || !sameHex(header, csrfFor(sessionToken))) fail('CSRF');
}

/** 'ouder@voorbeeld.nl' → 'o****@voorbeeld.nl': enough to recognise, not enough to harvest. */
export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}****@${domain}`;
}

/** Who gets a link. */
export interface Recipient {
  signer: 'parent' | 'pupil';
  name: string;
  email: string;
}

/**
 * What a new link opens: an OPP's one version, or a request (for a
 * supplement: only the items it asks consent for; null: all of it).
 */
export type NewLinkSubject = { kind: 'opp'; id: string; versionId: string } | { kind: 'request'; id: string; items?: string[] | null };

/**
 * A new link for one recipient (valid LINK_DAYS of its kind), made by the
 * staff member of `ctx`; returns the address to put in the mail.
 */
export async function createLink(tx: Tx, ctx: StaffContext, subject: NewLinkSubject, r: Recipient): Promise<string> {
  const token = randomToken();
  const versionId = subject.kind === 'opp' ? subject.versionId : null;
  const items = subject.kind === 'request' ? (subject.items ?? null) : null;
  await tx`insert into parent_links (partnership_id, subject_kind, subject_id, version_id, attachment_ids, signer, name, email, token_hash, expires_at, created_by)
           values (${ctx.scope.partnershipId}, ${subject.kind}, ${subject.id}, ${versionId}, ${items}::uuid[], ${r.signer}, ${r.name}, ${r.email}, ${sha256(token)},
                   now() + make_interval(days => ${LINK_DAYS[subject.kind]}), ${ctx.principal.userId})`;
  return `${ctx.publicUrl}${subjectPlaces[subject.kind].page}#token=${token}`;
}

/** Ends the links of an OPP version that no longer waits for answers (a new version replaces it). */
export async function revokeVersionLinks(tx: Tx, versionId: string): Promise<void> {
  await tx`update parent_links set revoked_at = now() where version_id = ${versionId} and revoked_at is null`;
}

/** A link as the subject's feature sees it. */
export interface ParentLink {
  id: string;
  partnershipId: string;
  subjectId: string;
  /** An OPP link: the version it opens. */
  versionId: string | null;
  /** A request link for a supplement: the items it asks consent for; null: the whole request. */
  attachmentIds: string[] | null;
  signer: 'parent' | 'pupil';
  name: string;
  email: string;
  expiresAt: Date;
  createdBy: string;
}

const linkColumns = (db: Db) => db`l.id, l.partnership_id as "partnershipId", l.subject_id as "subjectId", l.version_id as "versionId",
  l.attachment_ids::text[] as "attachmentIds", l.signer, l.name, l.email, l.expires_at as "expiresAt", l.created_by as "createdBy"`;

/** What a link is about, told by the subject's feature: for the code mail and the audit row. */
export interface LinkSubject {
  pupilFirstName: string;
  schoolName: string;
  audit: Pick<AuditEvent, 'entityType' | 'entityId' | 'pupilId' | 'schoolId'>;
}

/** One kind of subject: what only its feature knows. */
export interface SubjectKindOf {
  kind: SubjectKind;
  describe(db: Db, link: ParentLink): Promise<LinkSubject>;
}

const actions = (kind: SubjectKind) => ({
  codeSent: `${kind}.parent_code_sent` as const,
  codeWrong: `${kind}.parent_code_wrong` as const,
  codeBurnt: `${kind}.parent_code_burnt` as const,
  signedIn: `${kind}.parent_signed_in` as const,
});

interface TokenLink extends ParentLink {
  codeHash: string | null;
  codeValid: boolean;
  codeAttempts: number;
  codesSent: number;
  /** Whether the last code went out more than an hour ago (or never). */
  quietForAnHour: boolean;
}

/** A link of this kind that still works: not expired, not revoked. Locked for the caller's transaction. */
async function linkByToken(db: Db, kind: SubjectKind, token: string): Promise<TokenLink> {
  const [row] = await db<TokenLink[]>`
    select ${linkColumns(db)},
      l.code_hash as "codeHash", coalesce(l.code_expires_at > now(), false) as "codeValid", l.code_attempts as "codeAttempts",
      l.codes_sent as "codesSent",
      coalesce(l.code_expires_at - make_interval(mins => ${CODE_VALID_MINUTES}) < now() - interval '1 hour', true) as "quietForAnHour"
    from parent_links l
    where l.token_hash = ${sha256(token)} and l.subject_kind = ${kind} and l.revoked_at is null and l.expires_at > now()
    for update of l`;
  return row ?? fail('BAD_TOKEN', LINK_INVALID);
}

/** Parents act without a user: the audit row names the partnership of the link, no user. */
export const linkActor = (actor: AuditActor, link: { partnershipId: string }): AuditActor => ({ ...actor, partnershipId: link.partnershipId, userId: null });

/** Step 1: mail a fresh code to the link's address. An earlier code stops working. */
export async function sendCode(sql: Sql, actor: AuditActor, subject: SubjectKindOf, token: string) {
  return transaction(sql, async (tx) => {
    const link = await linkByToken(tx, subject.kind, token);
    const sentInWindow = link.quietForAnHour ? 0 : link.codesSent;
    if (sentInWindow >= MAX_CODES_PER_HOUR) fail('RATE_LIMITED', TOO_MANY_CODES);
    const about = await subject.describe(tx, link);
    const code = newCode();
    await tx`update parent_links set code_hash = ${hashCode(subject.kind, link.id, code)},
               code_expires_at = now() + make_interval(mins => ${CODE_VALID_MINUTES}), code_attempts = 0, codes_sent = ${sentInWindow + 1}
             where id = ${link.id}`;
    await queueMail(tx, { to: link.email, ...codeMail(subject.kind, link, about, code) });
    await audit(tx, linkActor(actor, link), { action: actions(subject.kind).codeSent, ...about.audit, details: { linkId: link.id, signer: link.signer } });
    return { sentTo: maskEmail(link.email), validMinutes: CODE_VALID_MINUTES };
  });
}

/**
 * Step 2: check the code. A right code is used up and starts a session; a
 * wrong one counts, and the fifth wrong one burns the code. The count is
 * committed before the error leaves, so a refused try is never forgotten.
 */
export async function verifyCode(
  sql: Sql,
  actor: AuditActor,
  subject: SubjectKindOf,
  token: string,
  code: string,
): Promise<{ sessionToken: string; csrfToken: string; validMinutes: number }> {
  const outcome = await transaction(sql, async (tx) => {
    const link = await linkByToken(tx, subject.kind, token);
    if (!link.codeHash || !link.codeValid) return { error: CODE_EXPIRED } as const;
    const about = await subject.describe(tx, link);
    if (!sameHex(link.codeHash, hashCode(subject.kind, link.id, code))) {
      const attempts = link.codeAttempts + 1;
      const burnt = attempts >= MAX_CODE_ATTEMPTS;
      await tx`update parent_links set code_attempts = ${attempts}, code_hash = ${burnt ? null : link.codeHash} where id = ${link.id}`;
      await audit(tx, linkActor(actor, link), {
        action: burnt ? actions(subject.kind).codeBurnt : actions(subject.kind).codeWrong,
        ...about.audit,
        details: { linkId: link.id, signer: link.signer, attempts },
      });
      return { error: burnt ? CODE_BURNT : CODE_WRONG } as const;
    }
    const sessionToken = randomToken();
    // Single use: the code goes; code_expires_at stays, it marks when the last code went out (the hourly limit).
    await tx`update parent_links set code_hash = null, code_attempts = 0, session_hash = ${sha256(sessionToken)},
               session_expires_at = now() + make_interval(mins => ${SESSION_MINUTES})
             where id = ${link.id}`;
    await audit(tx, linkActor(actor, link), { action: actions(subject.kind).signedIn, ...about.audit, details: { linkId: link.id, signer: link.signer } });
    return { sessionToken };
  });
  if ('error' in outcome) throw new AppError('BAD_CODE', outcome.error);
  return { sessionToken: outcome.sessionToken, csrfToken: csrfFor(outcome.sessionToken), validMinutes: SESSION_MINUTES };
}

/** The link of this kind behind a parent session cookie, while both the session and the link are valid. Locked for the caller's transaction. */
export async function linkBySession(db: Db, kind: SubjectKind, sessionToken: string | undefined): Promise<ParentLink> {
  if (!sessionToken) fail('UNAUTHENTICATED', SESSION_ENDED);
  const rows = await db<ParentLink[]>`
    select ${linkColumns(db)}
    from parent_links l
    where l.session_hash = ${sha256(sessionToken!)} and l.subject_kind = ${kind} and l.session_expires_at > now() and l.revoked_at is null and l.expires_at > now()
    for update`;
  return rows[0] ?? fail('UNAUTHENTICATED', SESSION_ENDED);
}

/** Ends the parent session (the "Afmelden" button). Answers the same whether there was one or not. */
export async function endSession(sql: Sql, kind: SubjectKind, sessionToken: string | undefined) {
  if (!sessionToken) return;
  await sql`update parent_links set session_hash = null, session_expires_at = null where session_hash = ${sha256(sessionToken)} and subject_kind = ${kind}`;
}

/**
 * Which partnership a link belongs to, by its token (code and verify) or by
 * the session a right code gave (the parent's cookie); null when none. For
 * the tenant wall (row-level security): a parent's route is public, so it
 * learns its tenant from the link before acting as that tenant. Returns only
 * the id; no expiry check here, the step itself checks that.
 */
export async function tenantOfLink(db: Db, kind: SubjectKind, by: { token: string } | { sessionToken: string | undefined }): Promise<string | null> {
  const hash = 'token' in by ? sha256(by.token) : by.sessionToken ? sha256(by.sessionToken) : null;
  if (!hash) return null;
  const [row] = await db<{ partnershipId: string }[]>`
    select partnership_id as "partnershipId" from parent_links
    where subject_kind = ${kind} and ${'token' in by ? db`token_hash` : db`session_hash`} = ${hash}`;
  return row?.partnershipId ?? null;
}

/** A subject's links as the school sees them: who was sent one and when. */
export interface SentLink {
  id: string;
  signer: 'parent' | 'pupil';
  name: string;
  email: string;
  createdAt: Date;
  revoked: boolean;
  /** A request link for a supplement names its items. */
  attachmentIds: string[] | null;
}

/** Every link of one subject, oldest first. */
export async function linksOf(db: Db, kind: SubjectKind, subjectId: string): Promise<SentLink[]> {
  return db<SentLink[]>`
    select id, signer, name, email, created_at as "createdAt", revoked_at is not null as revoked, attachment_ids::text[] as "attachmentIds"
    from parent_links where subject_kind = ${kind} and subject_id = ${subjectId} order by created_at, id`;
}

/**
 * Who had a link on a subject: their latest link per address, unless that one
 * was revoked (a revoked link may have gone to a wrong address).
 */
export async function latestRecipients(db: Db, kind: SubjectKind, subjectId: string): Promise<Recipient[]> {
  return db<Recipient[]>`
    select signer, name, email from (
      select distinct on (lower(email)) signer, name, email, revoked_at is not null as revoked
      from parent_links where subject_kind = ${kind} and subject_id = ${subjectId} order by lower(email), created_at desc
    ) latest where not revoked`;
}

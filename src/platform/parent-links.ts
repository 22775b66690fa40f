import { randomInt, timingSafeEqual } from 'node:crypto';
import type { Db, Sql } from '../db/index.ts';
import { transaction } from '../db/index.ts';
import { audit, type AuditActor, type AuditEvent } from './audit.ts';
import { randomToken, sha256 } from './auth/tokens.ts';
import { AppError, fail } from './errors.ts';
import { queueMail } from './mail.ts';

/**
 * A parent's (or a pupil's, from 16) way in without an account: a link from
 * the mail, a 6-digit code mailed to the same address, and a short session
 * for what that link opens. Used by the OPP (opp_links) and by requests
 * (request_links); the feature says what the link is about (pupil, school,
 * audit entity), writes the mail and names the audit actions.
 *
 * The link itself is 32 random bytes, stored as sha-256. The code proves the
 * reader holds that mailbox now (a link can leak through a forwarded mail or
 * a shared computer's history).
 *
 * The numbers:
 * - a code is valid 15 minutes: long enough to switch to the mail app and back;
 * - 5 wrong tries burn the code: with 5 codes an hour that is at most 25
 *   guesses an hour out of 1,000,000 (on top of the 256-bit link token);
 * - at most 5 codes per link per hour, so the form cannot be used to flood an
 *   inbox; after the fifth, the next waits until an hour after the last one;
 * - the session lasts 60 minutes: enough to read and answer, short enough for
 *   a shared computer.
 *
 * CSRF: the session cookie is httpOnly and SameSite=Strict, and every change
 * also needs the header `x-parent-csrf`. Its value is derived from the session
 * token (sha-256 of 'csrf:' + token), so it needs no column: the server
 * recomputes it from the cookie, and another site can neither read the cookie
 * nor the value (it is only returned in same-origin JSON).
 */
export const CODE_VALID_MINUTES = 15;
export const MAX_CODE_ATTEMPTS = 5;
export const MAX_CODES_PER_HOUR = 5;
export const SESSION_MINUTES = 60;
export const PARENT_CSRF_HEADER = 'x-parent-csrf';
/** The CSRF header of a parent's change, as checkCsrf takes it (a repeated header counts as none). */
export const parentCsrfHeader = (req: { headers: Record<string, string | string[] | undefined> }) => {
  const header = req.headers[PARENT_CSRF_HEADER];
  return typeof header === 'string' ? header : undefined;
};

export const LINK_INVALID = 'Deze link is verlopen of ongeldig. Vraag de school om een nieuwe link.';
export const SESSION_ENDED = 'U bent niet meer aangemeld. Open de link uit de e-mail opnieuw en vraag een nieuwe code aan.';
const CODE_WRONG = 'Deze code klopt niet. Controleer de code in de e-mail en probeer het opnieuw.';
const CODE_BURNT = 'U heeft te vaak een verkeerde code ingevuld. Vraag een nieuwe code aan.';
const CODE_EXPIRED = 'Deze code is verlopen of al gebruikt. Vraag een nieuwe code aan.';
const TOO_MANY_CODES = `U heeft al ${MAX_CODES_PER_HOUR} codes aangevraagd. Wacht een uur en vraag dan een nieuwe code aan.`;

/**
 * The link tables, each with the same columns (id, partnership_id, signer,
 * name, email, token_hash, expires_at, code_*, codes_sent, session_*,
 * created_by, created_at, revoked_at). The table name goes into SQL as an
 * identifier, so it comes only from this fixed list, never from input.
 * Each has its own code salt: 'opp-code' is what OPP links always used.
 */
const TABLES = {
  opp_links: { codeSalt: 'opp-code' },
  request_links: { codeSalt: 'request-code' },
} as const;
export type ParentLinkTable = keyof typeof TABLES;

const table = (db: Db, name: ParentLinkTable) => {
  if (!(name in TABLES)) throw new Error(`not a parent link table: ${String(name)}`);
  return (db as Sql)(name);
};

/** A uniformly random 6-digit code, leading zeros kept. */
export const newCode = (): string => String(randomInt(0, 1_000_000)).padStart(6, '0');

/** Codes are short, so the hash is salted with the link: one leaked table row says nothing about another. */
export const hashCode = (linkTable: ParentLinkTable, linkId: string, code: string): string => sha256(`${TABLES[linkTable].codeSalt}:${linkId}:${code}`);

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

/** A fresh link token for a mail, and the hash to store. */
export function newLinkToken(): { token: string; tokenHash: string } {
  const token = randomToken();
  return { token, tokenHash: sha256(token) };
}

/** The cookie that carries a parent session: only the parent endpoints under `path` ever see it. */
export const parentCookieOptions = (secure: boolean, path: string) => ({
  path,
  httpOnly: true,
  sameSite: 'strict' as const,
  secure,
});

export interface ParentLink {
  id: string;
  partnershipId: string;
  signer: 'parent' | 'pupil';
  name: string;
  email: string;
}

/** What a link is about, told by the feature: for the mail and the audit row. */
export interface LinkSubject {
  pupilFirstName: string;
  schoolName: string;
  audit: Pick<AuditEvent, 'entityType' | 'entityId' | 'pupilId' | 'schoolId'>;
}

/**
 * The mail with a code, for a kind's codeMail: `page` says where to type it
 * ('de pagina van het plan van Sam'), `what` what nobody reads without it ('het plan').
 */
export const codeMailText = (link: ParentLink, subject: LinkSubject, code: string, { page, what }: { page: string; what: string }) => ({
  subject: `Uw code: ${code}`,
  text:
    `Beste ${link.name},\n\n` +
    `Uw code is: ${code}\n\n` +
    `Vul deze code in op ${page}. De code werkt ${CODE_VALID_MINUTES} minuten en maar één keer.\n\n` +
    `Heeft u geen code gevraagd? Dan hoeft u niets te doen. Niemand kan ${what} lezen zonder deze code.\n\n` +
    `Met vriendelijke groet,\n${subject.schoolName}`,
});

/** One kind of parent link: its table and what only the feature knows. */
export interface ParentLinkKind {
  table: ParentLinkTable;
  describe(db: Db, link: ParentLink): Promise<LinkSubject>;
  codeMail(link: ParentLink, subject: LinkSubject, code: string): { subject: string; text: string };
  actions: { codeSent: string; codeWrong: string; codeBurnt: string; signedIn: string };
}

interface TokenLink extends ParentLink {
  codeHash: string | null;
  codeValid: boolean;
  codeAttempts: number;
  codesSent: number;
  /** Whether the last code went out more than an hour ago (or never). */
  quietForAnHour: boolean;
}

/** A link that still works: not expired, not revoked. Locked for the caller's transaction. */
async function linkByToken(db: Db, linkTable: ParentLinkTable, token: string): Promise<TokenLink> {
  const [row] = await db<TokenLink[]>`
    select l.id, l.partnership_id as "partnershipId", l.signer, l.name, l.email,
      l.code_hash as "codeHash", coalesce(l.code_expires_at > now(), false) as "codeValid", l.code_attempts as "codeAttempts",
      l.codes_sent as "codesSent",
      coalesce(l.code_expires_at - make_interval(mins => ${CODE_VALID_MINUTES}) < now() - interval '1 hour', true) as "quietForAnHour"
    from ${table(db, linkTable)} l
    where l.token_hash = ${sha256(token)} and l.revoked_at is null and l.expires_at > now()
    for update of l`;
  return row ?? fail('BAD_TOKEN', LINK_INVALID);
}

/** Parents act without a user: the audit row names the partnership of the link, no user. */
export const linkActor = (actor: AuditActor, link: { partnershipId: string }): AuditActor => ({ ...actor, partnershipId: link.partnershipId, userId: null });

/** Step 1: mail a fresh code to the link's address. An earlier code stops working. */
export async function sendCode(sql: Sql, actor: AuditActor, kind: ParentLinkKind, token: string) {
  return transaction(sql, async (tx) => {
    const link = await linkByToken(tx, kind.table, token);
    const sentInWindow = link.quietForAnHour ? 0 : link.codesSent;
    if (sentInWindow >= MAX_CODES_PER_HOUR) fail('RATE_LIMITED', TOO_MANY_CODES);
    const subject = await kind.describe(tx, link);
    const code = newCode();
    await tx`update ${table(tx, kind.table)} set code_hash = ${hashCode(kind.table, link.id, code)},
               code_expires_at = now() + make_interval(mins => ${CODE_VALID_MINUTES}), code_attempts = 0, codes_sent = ${sentInWindow + 1}
             where id = ${link.id}`;
    await queueMail(tx, { to: link.email, ...kind.codeMail(link, subject, code) });
    await audit(tx, linkActor(actor, link), { action: kind.actions.codeSent, ...subject.audit, details: { linkId: link.id, signer: link.signer } });
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
  kind: ParentLinkKind,
  token: string,
  code: string,
): Promise<{ sessionToken: string; csrfToken: string; validMinutes: number }> {
  const outcome = await transaction(sql, async (tx) => {
    const link = await linkByToken(tx, kind.table, token);
    if (!link.codeHash || !link.codeValid) return { error: CODE_EXPIRED } as const;
    const subject = await kind.describe(tx, link);
    if (!sameHex(link.codeHash, hashCode(kind.table, link.id, code))) {
      const attempts = link.codeAttempts + 1;
      const burnt = attempts >= MAX_CODE_ATTEMPTS;
      await tx`update ${table(tx, kind.table)} set code_attempts = ${attempts}, code_hash = ${burnt ? null : link.codeHash} where id = ${link.id}`;
      await audit(tx, linkActor(actor, link), {
        action: burnt ? kind.actions.codeBurnt : kind.actions.codeWrong,
        ...subject.audit,
        details: { linkId: link.id, signer: link.signer, attempts },
      });
      return { error: burnt ? CODE_BURNT : CODE_WRONG } as const;
    }
    const sessionToken = randomToken();
    // Single use: the code goes; code_expires_at stays, it marks when the last code went out (the hourly limit).
    await tx`update ${table(tx, kind.table)} set code_hash = null, code_attempts = 0, session_hash = ${sha256(sessionToken)},
               session_expires_at = now() + make_interval(mins => ${SESSION_MINUTES})
             where id = ${link.id}`;
    await audit(tx, linkActor(actor, link), { action: kind.actions.signedIn, ...subject.audit, details: { linkId: link.id, signer: link.signer } });
    return { sessionToken };
  });
  if ('error' in outcome) throw new AppError('BAD_CODE', outcome.error);
  return { sessionToken: outcome.sessionToken, csrfToken: csrfFor(outcome.sessionToken), validMinutes: SESSION_MINUTES };
}

export interface SessionLink {
  id: string;
  partnershipId: string;
  signer: 'parent' | 'pupil';
  name: string;
  expiresAt: Date;
}

/** The link behind a parent session cookie, while both the session and the link are valid. Locked for the caller's transaction. */
export async function linkBySession(db: Db, linkTable: ParentLinkTable, sessionToken: string | undefined): Promise<SessionLink> {
  if (!sessionToken) fail('UNAUTHENTICATED', SESSION_ENDED);
  const rows = await db<SessionLink[]>`
    select l.id, l.partnership_id as "partnershipId", l.signer, l.name, l.expires_at as "expiresAt"
    from ${table(db, linkTable)} l
    where l.session_hash = ${sha256(sessionToken!)} and l.session_expires_at > now() and l.revoked_at is null and l.expires_at > now()
    for update`;
  return rows[0] ?? fail('UNAUTHENTICATED', SESSION_ENDED);
}

/** Ends the parent session (the "Afmelden" button). Answers the same whether there was one or not. */
export async function endSession(sql: Sql, linkTable: ParentLinkTable, sessionToken: string | undefined) {
  if (!sessionToken) return;
  await sql`update ${table(sql, linkTable)} set session_hash = null, session_expires_at = null where session_hash = ${sha256(sessionToken)}`;
}

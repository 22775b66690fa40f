/**
 * The parent-access feature's public server API, for the features whose
 * subjects parents reach by a link (plans: the OPP; requests). Only this
 * feature reads or writes parent_links (lint enforces it); a subject's
 * feature makes links, mails them with the texts in mails.ts, registers the
 * way in (parentWayIn) and reads its own page with the session's link.
 */
export { CODE_VALID_MINUTES, LINK_DAYS, MAX_CODE_ATTEMPTS, MAX_CODES_PER_HOUR, SESSION_MINUTES } from './limits.ts';
export {
  checkCsrf,
  createLink,
  csrfFor,
  hashCode,
  latestRecipients,
  LINK_INVALID,
  linkActor,
  linkBySession,
  linksOf,
  maskEmail,
  newCode,
  revokeVersionLinks,
  SESSION_ENDED,
  tenantOfLink,
  type LinkSubject,
  type NewLinkSubject,
  type ParentLink,
  type Recipient,
  type SentLink,
  type SubjectKindOf,
} from './links.ts';
export { codeMail, consentMail, decisionMail, oppSentMail, type Mail, type MailFacts } from './mails.ts';
export { parentCsrfHeader, parentRateLimit, parentSession, parentTenant, parentWayIn } from './routes.ts';

import type { SubjectKind } from './schema.ts';

/**
 * The numbers of parent access (links.ts):
 * - a code is valid 15 minutes: long enough to switch to the mail app and back;
 * - 5 wrong tries burn the code: with 5 codes an hour that is at most 25
 *   guesses an hour out of 1,000,000 (on top of the 256-bit link token);
 * - at most 5 codes per link per hour, so the form cannot be used to flood an
 *   inbox; after the fifth, the next waits until an hour after the last one;
 * - the session lasts 60 minutes: enough to read and answer, short enough for
 *   a shared computer.
 */
export const CODE_VALID_MINUTES = 15;
export const MAX_CODE_ATTEMPTS = 5;
export const MAX_CODES_PER_HOUR = 5;
export const SESSION_MINUTES = 60;

/**
 * How long a link works, per subject. An OPP's: 14 days, long enough for a
 * family to read and talk it over. A request's: 90 days, since a TLV may take
 * 6 weeks to decide after the school submits and the parent follows it all
 * the way (a decision mails a fresh one).
 */
export const LINK_DAYS: Record<SubjectKind, number> = { opp: 14, request: 90 };


import { z } from 'zod';

/**
 * Parent access: how a parent (or the pupil, from 16) reaches what a school
 * shares with them without an account — a link from a mail, a 6-digit code
 * mailed to the same address, a short session. One link table for every
 * subject (an OPP, a request); these schemas are shared with the browser.
 */

/** What a link can be about. Each kind has its page, its API and its cookie (below). */
export const subjectKinds = ['opp', 'request'] as const;
export type SubjectKind = (typeof subjectKinds)[number];

/**
 * Where each kind lives. `page` is the address in the mail (parents hold these:
 * they never change); `api` the base of its endpoints under /api; the cookie
 * is per kind, so a parent with an OPP and a request open keeps both.
 */
export const subjectPlaces = {
  opp: { page: '/ouders/opp', api: 'parent/opp', cookie: 'lr_parent', storageKey: 'lr-parent-link' },
  request: { page: '/ouders/aanvraag', api: 'parent/request', cookie: 'lr_parent_request', storageKey: 'lr-parent-request-link' },
} as const satisfies Record<SubjectKind, { page: string; api: string; cookie: string; storageKey: string }>;

/** Every change by a parent carries this header (see links.ts). */
export const PARENT_CSRF_HEADER = 'x-parent-csrf';

/** The link token from the mail: 32 random bytes, base64url (43 characters). */
export const ParentTokenInput = z.object({
  token: z.string().trim().min(20, 'Deze link is niet compleet. Open de link uit de e-mail opnieuw.').max(200, 'Deze link is ongeldig.'),
});

export const ParentVerifyInput = ParentTokenInput.extend({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'Vul de code van 6 cijfers in.'),
});

export const ParentCodeSent = z.object({
  /** Where the code went, partly hidden: 'o****@voorbeeld.nl'. */
  sentTo: z.string(),
  validMinutes: z.number(),
});

export const ParentVerified = z.object({
  /** Send this back in the `x-parent-csrf` header on every change. */
  csrfToken: z.string(),
  validMinutes: z.number(),
});

/** What every parent page starts with, whatever the link is about (the OPP's, a request's). */
export const ParentReader = z.object({
  /** Send this back in the `x-parent-csrf` header on every change. */
  csrfToken: z.string(),
  school: z.object({ name: z.string() }),
  pupil: z.object({ firstName: z.string() }),
  /** Who reads: this link's signer and name ('parent' or the pupil). */
  signer: z.enum(['parent', 'pupil']),
  signerName: z.string(),
  /** The school's contact: the case manager, else the colleague who sent the link. */
  contact: z.object({ name: z.string(), email: z.string().nullable(), isCaseManager: z.boolean() }),
});

export const ParentOk = z.object({ ok: z.literal(true) });

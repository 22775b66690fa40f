import { z } from 'zod';
import { oppKinds, oppStatuses, OppContent } from './schema.ts';

/**
 * The parent's (and the pupil's, from 16) own pages of the OPP: schemas shared
 * with the browser. A parent has no account: a link from the mail plus a
 * 6-digit code sent to the same address give a short session for one plan.
 */

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
  /** Send this back in the `x-parent-csrf` header on every change (see parent.ts). */
  csrfToken: z.string(),
  validMinutes: z.number(),
});

export const parentDecisions = ['agree', 'disagree'] as const;

/** A refusal needs a reason: the school must know what to talk about. */
export const ParentRespondInput = z
  .object({
    decision: z.enum(parentDecisions, 'Kies: eens of niet eens.'),
    comment: z.string().trim().max(3000, 'Hoogstens 3000 tekens.').default(''),
  })
  .superRefine((v, ctx) => {
    if (v.decision === 'disagree' && v.comment.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['comment'], message: 'Schrijf kort op waarmee u het niet eens bent.' });
    }
  });
export type ParentRespondInput = z.infer<typeof ParentRespondInput>;

export const ParentResponded = z.object({
  /** The plan's status after this answer: 'with_parents' while another signer still has to answer. */
  status: z.enum(['with_parents', 'agreed', 'disagreed']),
});

const Route = z.object({ name: z.string(), description: z.string() });

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

export const ParentPlan = ParentReader.extend({
  kind: z.enum(oppKinds),
  /** The plan as a whole. */
  status: z.enum(oppStatuses),
  version: z.object({
    number: z.number(),
    status: z.enum(['draft', 'with_parents', 'agreed', 'disagreed', 'superseded']),
    sentAt: z.date().nullable(),
    agreedAt: z.date().nullable(),
  }),
  content: OppContent,
  /** Whether this link may still answer. */
  canRespond: z.boolean(),
  /** This link's own answer, when given. */
  answer: z.object({ decision: z.enum(parentDecisions), comment: z.string(), at: z.date() }).nullable(),
  linkExpiresAt: z.date(),
  disagreementRoutes: z.array(Route),
});
export type ParentPlan = z.infer<typeof ParentPlan>;

export const ParentOk = z.object({ ok: z.literal(true) });

import { z } from 'zod';
import { optionalText } from '../../platform/http/schemas.ts';
import { ParentReader } from '../parent-access/schema.ts';
import { oppKinds, oppStatuses, OppContent } from './schema.ts';

/**
 * The parent's (and the pupil's, from 16) own pages of the OPP: schemas shared
 * with the browser. The way in (link, code, short session for one plan
 * version) is parent access's (features/parent-access).
 */

export const parentDecisions = ['agree', 'disagree'] as const;

/** A refusal needs a reason: the school must know what to talk about. */
export const ParentRespondInput = z
  .object({
    decision: z.enum(parentDecisions, 'Kies: eens of niet eens.'),
    comment: optionalText(3000),
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

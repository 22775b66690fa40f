import { z } from 'zod';
import { optionalText, requiredText } from '../../platform/http/schemas.ts';
import { SendInput } from '../plans/schema.ts';

/**
 * The school's side of parents' consent to a request (AVG art. 9): shared with
 * the browser. The same recipients as an OPP is sent to, by the same age rule.
 */
export const ConsentLinksInput = SendInput;
export type ConsentLinksInput = z.infer<typeof ConsentLinksInput>;

export const consentDecisions = ['given', 'refused'] as const;
export const consentDecisionLabels: Record<(typeof consentDecisions)[number], string> = { given: 'Toestemming gegeven', refused: 'Geen toestemming' };

/** The attachments a consent covers: ids of this request's attachments, each once (a request has far fewer than 200). */
export const ConsentAttachmentIds = z
  .array(z.uuid('Kies de stukken uit de lijst.'))
  .max(200, 'Hoogstens 200 stukken.')
  .refine((ids) => new Set(ids).size === ids.length, 'Elk stuk hoogstens één keer.')
  .default([]);

/** A consent on paper, recorded by the school. A refusal covers no attachment, whatever is ticked. */
export const PaperConsentInput = z.object({
  signer: z.enum(['parent', 'pupil'], 'Kies ouder of leerling.'),
  signerName: requiredText(120, 'Vul de naam in.'),
  decision: z.enum(consentDecisions, 'Kies: toestemming gegeven of niet.'),
  attachmentIds: ConsentAttachmentIds,
  comment: optionalText(3000),
});
export type PaperConsentInput = z.infer<typeof PaperConsentInput>;

export const ConsentLinksSent = z.object({ sent: z.number() });

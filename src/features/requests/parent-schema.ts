import { z } from 'zod';
import { optionalText } from '../../platform/http/schemas.ts';
import { ParentReader } from '../parent-access/schema.ts';
import { ConsentAttachmentIds, consentDecisions } from './consent-schema.ts';
import { outcomes, requestKinds, requestStatuses, tlvSchoolKinds, type RequestKind, type RequestStatus } from './schema.ts';

/**
 * The parent's (and the pupil's, from 16) page of a request: schemas shared
 * with the browser. The way in (link, code, session) is parent access's
 * (features/parent-access), as for the OPP.
 */

/** The parent's answer: consent to the request and to sharing the ticked items, or no consent. */
export const ParentConsentInput = z.object({
  decision: z.enum(consentDecisions, 'Kies: wel of geen toestemming.'),
  attachmentIds: ConsentAttachmentIds,
  comment: optionalText(3000),
});
export type ParentConsentInput = z.infer<typeof ParentConsentInput>;

export const ParentConsented = z.object({ decision: z.enum(consentDecisions) });

/** What the request stands at, in a sentence a parent understands (language level B1). */
export const parentStatusTexts: Record<RequestStatus, string> = {
  draft: 'De school maakt de aanvraag klaar. De school stuurt de aanvraag pas op als u toestemming heeft gegeven.',
  submitted: 'De school heeft de aanvraag gestuurd naar het samenwerkingsverband. Het samenwerkingsverband gaat de aanvraag bekijken.',
  in_review: 'Het samenwerkingsverband bekijkt de aanvraag.',
  advice: 'Deskundigen van het samenwerkingsverband bekijken de aanvraag. Zij geven advies.',
  decision: 'Het samenwerkingsverband neemt binnenkort een besluit. U krijgt daarover een e-mail.',
  decided: 'Er is een besluit over de aanvraag. U leest het besluit hieronder.',
  answered: 'Het samenwerkingsverband heeft de vraag van de school beantwoord. De school vertelt u wat dit betekent.',
  withdrawn: 'De school heeft de aanvraag ingetrokken. Er gebeurt niets meer mee.',
};
/** What is asked, in plain words, next to the official name (requestKindLabels). */
export const parentKindTexts: Record<RequestKind, string> = {
  arrangement: 'Extra hulp op school, die het samenwerkingsverband regelt of betaalt. Dit heet een arrangement.',
  tlv: 'Een toelaatbaarheidsverklaring (TLV). Die is nodig om naar een school voor speciaal onderwijs te gaan.',
  opdc: 'Een tijdelijke plek met extra begeleiding, buiten de eigen klas. Dit heet een plaats in het OPDC.',
  consultation: 'Advies van het samenwerkingsverband aan de school.',
};
export const parentSchoolKindLabels: Record<(typeof tlvSchoolKinds)[number], string> = {
  sbo: 'speciaal basisonderwijs (sbo)',
  so: 'speciaal onderwijs (so)',
  vso: 'voortgezet speciaal onderwijs (vso)',
};
export const WAITING_FOR_SCHOOL_TEXT = 'Het samenwerkingsverband wacht nu op extra informatie van de school.';
export const HEALTH_ITEM_TEXT = 'medische of gezondheidsgegevens — alleen met uw uitdrukkelijke toestemming';

export const ParentRequest = ParentReader.extend({
  kind: z.enum(requestKinds),
  tlvSchoolKind: z.enum(tlvSchoolKinds).nullable(),
  status: z.enum(requestStatuses),
  /** The partnership asked the school for more information and waits for it. */
  waitingForSchool: z.boolean(),
  question: z.string(),
  expectation: z.string(),
  /** OPDC: what the school aims at for the return. */
  returnGoal: z.string(),
  /** What the school attaches, each said in plain words (description); the parent opens one with GET /api/parent/request/items/:id. */
  attachments: z.array(z.object({ id: z.string(), label: z.string(), description: z.string(), itemDate: z.string(), health: z.boolean() })),
  /** Whether this link may still answer: once, while the school composes the request (or sends a supplement). */
  canConsent: z.boolean(),
  /** The link asks consent for items the school sends after submitting (attachments: those items). */
  supplement: z.boolean(),
  consent: z.object({ decision: z.enum(consentDecisions), attachmentIds: z.array(z.string()), comment: z.string(), at: z.date() }).nullable(),
  decision: z
    .object({
      outcome: z.enum(outcomes),
      motivation: z.string(),
      startsOn: z.string().nullable(),
      endsOn: z.string().nullable(),
      schoolKind: z.enum(tlvSchoolKinds).nullable(),
      category: z.number().nullable(),
      decidedOn: z.string(),
    })
    .nullable(),
  /** Where to object against a decision, and within how many weeks. */
  objection: z.object({ committee: z.string(), weeks: z.number() }).nullable(),
  linkExpiresAt: z.date(),
});
export type ParentRequest = z.infer<typeof ParentRequest>;

/** One item the school wants to send, as the parent reads it before consenting. */
export const ParentItem = z.object({
  id: z.string(),
  /** What it is, in plain words ("Het plan voor uw kind (OPP) waar u op 12 november 2026 mee instemde"). */
  title: z.string(),
  health: z.boolean(),
  parts: z.array(z.object({ heading: z.string(), text: z.string() })),
  /** A document: its file opens at /api/parent/request/items/:id/file. */
  file: z.object({ name: z.string() }).nullable(),
});
export type ParentItem = z.infer<typeof ParentItem>;

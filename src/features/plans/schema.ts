import { z } from 'zod';
import { SuggestedRecipient } from '../pupils/contacts-schema.ts';
import { day, optionalText, requiredText } from '../../platform/http/schemas.ts';

/**
 * The OPP (ontwikkelingsperspectiefplan, docs/decisions/0007-opp.md): shared
 * with the browser.
 * A plan has versions; the content of a version is one document (jsonb).
 */

export const oppKinds = ['full', 'light'] as const;
export const oppKindLabels = { full: 'OPP', light: 'OPP light (kortdurende ondersteuning)' } as const;
export const oppStatuses = ['draft', 'with_parents', 'agreed', 'disagreed', 'closed'] as const;
export const oppStatusLabels: Record<(typeof oppStatuses)[number], string> = {
  draft: 'Concept',
  with_parents: 'Bij ouders',
  agreed: 'Ingestemd',
  disagreed: 'Niet ingestemd',
  closed: 'Afgesloten',
};

/** Exit destinations (uitstroomperspectief) by the kind of school the pupil is in. */
export const destinationsByKind: Record<string, { value: string; label: string }[]> = {
  po: ['vmbo-b', 'vmbo-k', 'vmbo-gt', 'havo', 'vwo', 'pro', 'vso'].map((v) => ({ value: `vo:${v}`, label: `Voortgezet onderwijs: ${v}` })),
  vo: [
    { value: 'mbo-1', label: 'mbo niveau 1 (entree)' },
    { value: 'mbo-2', label: 'mbo niveau 2' },
    { value: 'mbo-3', label: 'mbo niveau 3' },
    { value: 'mbo-4', label: 'mbo niveau 4' },
    { value: 'havo-examen', label: 'havo-diploma' },
    { value: 'vwo-examen', label: 'vwo-diploma' },
    { value: 'hbo-wo', label: 'hbo / wo' },
    { value: 'arbeid', label: 'arbeid' },
    { value: 'dagbesteding', label: 'dagbesteding' },
  ],
  vso: [
    { value: 'vso-vervolgonderwijs', label: 'uitstroomprofiel vervolgonderwijs' },
    { value: 'vso-arbeid', label: 'uitstroomprofiel arbeidsmarkt' },
    { value: 'vso-dagbesteding', label: 'uitstroomprofiel dagbesteding' },
  ],
};

export const factorCategories = ['leren', 'gedrag', 'sociaal_emotioneel', 'thuis', 'gezondheid', 'werkhouding', 'taal', 'anders'] as const;
/** Support always consists of one or more of these five aspects. */
export const aspects = ['aandacht', 'materialen', 'ruimte', 'expertise', 'samenwerking'] as const;
export const aspectLabels: Record<(typeof aspects)[number], string> = {
  aandacht: 'Extra handen / aandacht',
  materialen: 'Aangepaste materialen',
  ruimte: 'Aangepaste ruimte (bijv. prikkelarm)',
  expertise: 'Expertise (voor leerling of docent)',
  samenwerking: 'Samenwerking met andere scholen en instanties',
};

/** A fact picked from the dossier, copied into the plan so the plan stays as it was agreed. */
export const Fact = z.object({
  source: z.enum(['kwadrant', 'logbook', 'meeting_decision', 'agreement', 'need']),
  sourceId: z.uuid(),
  date: z.string(),
  text: z.string().max(5000),
});

export const Factor = z.object({
  kind: z.enum(['supporting', 'hindering']),
  category: z.enum(factorCategories, 'Kies een categorie.'),
  description: requiredText(1000, 'Beschrijf de factor.'),
  factSourceId: z.uuid().nullable().default(null),
});
export const Goal = z.object({
  id: z.string().min(1).max(40),
  what: requiredText(500, 'Wat is het doel?'),
  howWeSee: requiredText(500, 'Hoe zien we dat het doel bereikt is?'),
  by: day,
});
export const Measure = z.object({
  id: z.string().min(1).max(40),
  aspect: z.enum(aspects, 'Kies een aspect van ondersteuning.'),
  description: requiredText(1000, 'Wat gaat de school doen?'),
  who: requiredText(200, 'Wie doet het?'),
  hoursPerWeek: z.number('Vul het aantal uren per week in als getal, bijvoorbeeld 2.').min(0, 'Vul 0 uur of meer in.').max(40, 'Hoogstens 40 uur per week.'),
  where: optionalText(200),
});

/** What the parents read first, at language level B1. */
export const PlainSummary = z.object({
  whatWeSee: optionalText(1500),
  whatWeAim: optionalText(1500),
  whatSchoolDoes: optionalText(1500),
  whatWeAsk: optionalText(1500),
  nextTalk: optionalText(300),
});

/**
 * The plan. A draft may be incomplete; `completeness` (server-side) lists
 * what is still needed before it can go to the parents.
 */
export const OppContent = z.object({
  perspective: z.object({ destination: z.string().max(60).default(''), grounds: optionalText(5000) }).default({ destination: '', grounds: '' }),
  facts: z.array(Fact).max(200).default([]),
  factors: z.array(Factor).max(50).default([]),
  goals: z.array(Goal).max(30).default([]),
  measures: z.array(Measure).max(30).default([]),
  curriculumDeviations: optionalText(3000),
  evaluationDates: z.array(day).max(12).default([]),
  handelingsadviezen: z.array(requiredText(500)).max(20).default([]),
  pupilView: optionalText(3000),
  summary: PlainSummary.default({ whatWeSee: '', whatWeAim: '', whatSchoolDoes: '', whatWeAsk: '', nextTalk: '' }),
});
export type OppContent = z.infer<typeof OppContent>;

export const CreateOppInput = z.object({ kind: z.enum(oppKinds, 'Kies OPP of OPP light.') });
export const SaveDraftInput = z.object({
  /** The revision the editor started from; a newer one on the server is a conflict (409), never overwritten. */
  revision: z.number().int().min(1),
  content: OppContent,
});
export const SendInput = z.object({
  recipients: z
    .array(z.object({ signer: z.enum(['parent', 'pupil']), name: requiredText(120, 'Vul de naam in.'), email: z.string().trim().toLowerCase().email('Vul een geldig e-mailadres in.') }))
    .min(1, 'Geef minstens één ontvanger.')
    .max(4),
});
export const ConsultationInput = z.object({
  heldOn: day,
  participants: requiredText(500, 'Wie waren erbij?'),
  notes: requiredText(5000, 'Wat is besproken?'),
  pupilView: optionalText(3000),
});
export const PaperResponseInput = z.object({
  signer: z.enum(['parent', 'pupil']),
  signerName: requiredText(120, 'Vul de naam in.'),
  decision: z.enum(['agree', 'disagree'], 'Kies ingestemd of niet ingestemd.'),
  comment: optionalText(3000),
  /** The scan of the signed paper, uploaded to the pupil's documents first. */
  documentId: z.uuid('Voeg de scan van het ondertekende plan toe.'),
});
export const EvaluationInput = z.object({
  heldOn: day,
  goalResults: z.array(z.object({ goalId: z.string(), result: z.enum(['achieved', 'partly', 'not']), observed: optionalText(2000) })).max(30),
  measureResults: z.array(z.object({ measureId: z.string(), decision: z.enum(['continue', 'change', 'stop']), note: optionalText(1000) })).max(30),
  outcome: z.enum(['new_version', 'close'], 'Kies: nieuwe versie of afsluiten.'),
  notes: optionalText(3000),
});
export const UpgradeInput = z.object({ revision: z.number().int().min(1) });

const Ref = z.object({ id: z.string(), name: z.string() });

export const Signature = z.object({
  signer: z.enum(['parent', 'pupil']),
  signerName: z.string(),
  decision: z.enum(['agree', 'disagree']),
  comment: z.string(),
  method: z.enum(['online', 'paper']),
  recordedBy: Ref.nullable(),
  at: z.date(),
});

export const OppVersion = z.object({
  id: z.string(),
  number: z.number(),
  kind: z.enum(oppKinds),
  status: z.enum(['draft', 'with_parents', 'agreed', 'disagreed', 'superseded']),
  revision: z.number(),
  content: OppContent,
  updatedBy: Ref,
  updatedAt: z.date(),
  sentAt: z.date().nullable(),
  agreedAt: z.date().nullable(),
  responses: z.array(Signature),
});

export const OppPage = z.object({
  id: z.string(),
  pupil: Ref.extend({ birthDate: z.string(), age: z.number(), className: z.string().nullable() }),
  school: Ref.extend({ kind: z.string() }),
  caseManager: Ref.nullable(),
  kind: z.enum(oppKinds),
  status: z.enum(oppStatuses),
  nextEvaluationOn: z.string().nullable(),
  current: OppVersion,
  versions: z.array(z.object({ id: z.string(), number: z.number(), status: z.string(), sentAt: z.date().nullable(), agreedAt: z.date().nullable() })),
  consultations: z.array(z.object({ id: z.string(), heldOn: z.string(), participants: z.string(), notes: z.string(), pupilView: z.string(), recordedBy: Ref })),
  evaluations: z.array(z.object({ id: z.string(), heldOn: z.string(), outcome: z.string(), notes: z.string(), goalResults: z.array(z.unknown()), measureResults: z.array(z.unknown()) })),
  /** Who must sign this version, by the pupil's age and the partnership's rule. */
  requiredSigners: z.array(z.enum(['parent', 'pupil'])),
  /** The parents with parental authority and an address in the dossier: whom the plan goes to unless the sender changes it (empty for who cannot send). */
  parents: z.array(SuggestedRecipient),
  /** What is still missing before the plan can go to the parents (Dutch sentences). */
  missing: z.array(z.string()),
  /** Where parents can go when they disagree. */
  disagreementRoutes: z.array(z.object({ name: z.string(), description: z.string() })),
  allowed: z.object({ edit: z.boolean(), send: z.boolean(), recordResponse: z.boolean(), evaluate: z.boolean(), upgrade: z.boolean(), downloadPdf: z.boolean() }),
});

/** Dossier facts offered for the onderbouwing: pick, don't retype. */
export const FactOption = Fact.extend({
  label: z.string(),
  /** A confidential logbook entry: shown to the support team, never copied into the plan that parents and teachers read. */
  confidential: z.boolean().default(false),
});

/** The pupil's plans, for the pupil page; `allowed.create` when the viewer may start one and none is open. */
export const PupilPlans = z.object({
  plans: z.array(z.object({ id: z.string(), kind: z.enum(oppKinds), status: z.enum(oppStatuses), currentVersion: z.number(), createdAt: z.date(), nextEvaluationOn: z.string().nullable() })),
  allowed: z.object({ create: z.boolean() }),
});

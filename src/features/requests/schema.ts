import { z } from 'zod';
import { SuggestedRecipient } from '../pupils/contacts-schema.ts';
import { day, exportFormat, optionalText, pageNumber, requiredText, searchText } from '../../platform/http/schemas.ts';

/**
 * Requests to the partnership (docs/decisions/0008-requests.md): shared with
 * the browser. Kinds, statuses and the parts a request can require.
 */

export const requestKinds = ['arrangement', 'tlv', 'opdc', 'consultation'] as const;
export type RequestKind = (typeof requestKinds)[number];
export const requestKindLabels: Record<RequestKind, string> = {
  arrangement: 'Arrangement',
  tlv: 'Toelaatbaarheidsverklaring (TLV)',
  opdc: 'Plaatsing OPDC / OZA',
  consultation: 'Consultatievraag',
};

export const requestStatuses = ['draft', 'submitted', 'in_review', 'advice', 'decision', 'decided', 'answered', 'withdrawn'] as const;
export type RequestStatus = (typeof requestStatuses)[number];
/** Submitted and not yet decided: the partnership weighs the request. */
export const openStatuses: readonly RequestStatus[] = ['submitted', 'in_review', 'advice', 'decision'];
export const requestStatusLabels: Record<RequestStatus, string> = {
  draft: 'Concept (school)',
  submitted: 'Ingediend, wacht op loket',
  in_review: 'In behandeling bij het samenwerkingsverband',
  advice: 'Bij de deskundigen voor advies',
  decision: 'Klaar voor besluit',
  decided: 'Besluit genomen',
  answered: 'Beantwoord',
  withdrawn: 'Ingetrokken',
};

export const tlvSchoolKinds = ['sbo', 'so', 'vso'] as const;
export const tlvSchoolKindLabels: Record<(typeof tlvSchoolKinds)[number], string> = { sbo: 'Speciaal basisonderwijs (sbo)', so: 'Speciaal onderwijs (so)', vso: 'Voortgezet speciaal onderwijs (vso)' };
export const fundingCategories = [1, 2, 3] as const;
export const fundingCategoryLabels: Record<1 | 2 | 3, string> = { 1: 'laag (1)', 2: 'midden (2)', 3: 'hoog (3)' };
export const disciplines = ['orthopedagoog', 'psycholoog', 'kinderpsychiater', 'arts', 'maatschappelijk_werker', 'pedagoog', 'anders'] as const;
export type Discipline = (typeof disciplines)[number];
export const disciplineLabels: Record<(typeof disciplines)[number], string> = {
  orthopedagoog: 'Orthopedagoog',
  psycholoog: 'Psycholoog',
  kinderpsychiater: 'Kinderpsychiater',
  arts: 'Arts',
  maatschappelijk_werker: 'Maatschappelijk werker',
  pedagoog: 'Pedagoog',
  anders: 'Andere deskundige',
};
/** The law asks one of the two experts to be an orthopedagoog or a psycholoog. */
export const FIRST_EXPERT_DISCIPLINES = ['orthopedagoog', 'psycholoog'] as const;

export const outcomes = ['granted', 'partly', 'refused'] as const;
export const outcomeLabels: Record<(typeof outcomes)[number], string> = { granted: 'Toegekend', partly: 'Gedeeltelijk toegekend', refused: 'Afgewezen' };

/**
 * The parts a partnership can require before a request may be submitted.
 * The request's own texts and, when a pupil is named, consent for every
 * attached health item are always required.
 */
export const requestParts = ['opp_agreed_recent', 'opp_evaluation', 'meeting', 'test_report', 'parent_consent'] as const;
export type RequestPart = (typeof requestParts)[number];
export const requestPartLabels: Record<RequestPart, string> = {
  opp_agreed_recent: 'Een OPP waarmee ouders hebben ingestemd, niet ouder dan 12 maanden',
  opp_evaluation: 'Minstens één evaluatie van het OPP',
  meeting: 'Minstens één bespreking in het ondersteuningsteam',
  test_report: 'Een toetsverslag of onderzoeksverslag',
  parent_consent: 'Toestemming van ouders (en leerling vanaf 16) voor de aanvraag en elk bijgevoegd stuk',
};

export const attachmentTypes = ['opp_version', 'opp_evaluation', 'meeting_item', 'logbook', 'document', 'kwadrant'] as const;
export type AttachmentType = (typeof attachmentTypes)[number];
export const attachmentTypeLabels: Record<AttachmentType, string> = {
  opp_version: 'OPP',
  opp_evaluation: 'Evaluatie OPP',
  meeting_item: 'Bespreking',
  logbook: 'Logboek',
  document: 'Document',
  kwadrant: 'Kwadrantmeting',
};

/** Partnership settings for requests (partnerships.settings.requests). */
export const RequestSettings = z.object({
  /** Days from submission to the decision the partnership aims for, per kind. */
  decisionTargetDays: z.object({ arrangement: z.number().int().min(1).max(365), tlv: z.number().int().min(1).max(365), opdc: z.number().int().min(1).max(365), consultation: z.number().int().min(1).max(365) }),
  requiredParts: z.object({ tlv: z.array(z.enum(requestParts)), opdc: z.array(z.enum(requestParts)), consultation: z.array(z.enum(requestParts)) }),
  /** The objections advisory committee named in every decision letter, and the objection term. */
  objectionCommittee: requiredText(300, 'Noem de commissie waar ouders bezwaar maken.'),
  objectionWeeks: z.number().int().min(1).max(26),
});
export type RequestSettings = z.infer<typeof RequestSettings>;

// ---- inputs ----

export const arrangementScopes = ['pupil', 'group', 'team'] as const;
export const arrangementScopeLabels: Record<(typeof arrangementScopes)[number], string> = { pupil: 'Eén leerling', group: 'Een groep leerlingen', team: 'Een leraar of team' };
export const ArrangementKindInput = z
  .object({
    name: requiredText(120, 'Geef het arrangement een naam.'),
    offers: requiredText(2000, 'Beschrijf wat het arrangement biedt.'),
    scope: z.enum(arrangementScopes, 'Kies voor wie het arrangement is.'),
    amountEur: z.number().min(0).max(1_000_000).nullable().default(null),
    hours: z.number().int().min(0).max(5000).nullable().default(null),
    maxWeeks: z.number().int().min(1, 'Minstens 1 week.').max(156, 'Hoogstens 156 weken (3 jaar).'),
    evaluationWeeks: z.number().int().min(1, 'Minstens 1 week.').max(156),
    requiredParts: z.array(z.enum(requestParts)).max(requestParts.length).default([]),
    active: z.boolean().default(true),
  })
  .refine((k) => k.amountEur !== null || k.hours !== null, { path: ['amountEur'], message: 'Vul een bedrag of een aantal uren in.' })
  .refine((k) => k.evaluationWeeks <= k.maxWeeks, { path: ['evaluationWeeks'], message: 'De eerste evaluatie valt binnen de looptijd.' });
export type ArrangementKindInput = z.infer<typeof ArrangementKindInput>;
export const ArrangementKind = z.object({
  id: z.string(),
  name: z.string(),
  offers: z.string(),
  scope: z.enum(arrangementScopes),
  amountEur: z.number().nullable(),
  hours: z.number().nullable(),
  maxWeeks: z.number(),
  evaluationWeeks: z.number(),
  requiredParts: z.array(z.enum(requestParts)),
  active: z.boolean(),
});
/** An arrangement kind a school can ask for now (the active ones), for the request form. */
export const ArrangementKindOffer = z.object({
  id: z.string(),
  name: z.string(),
  offers: z.string(),
  scope: z.string(),
  amountEur: z.number().nullable(),
  hours: z.number().nullable(),
  maxWeeks: z.number(),
  evaluationWeeks: z.number(),
  requiredParts: z.array(z.string()),
});

export const CreateRequestInput = z
  .object({
    kind: z.enum(requestKinds, 'Kies het soort aanvraag.'),
    schoolId: z.uuid('Kies een school.'),
    pupilId: z.uuid().nullable().default(null),
    arrangementKindId: z.uuid().nullable().default(null),
    tlvSchoolKind: z.enum(tlvSchoolKinds, 'Kies sbo, so of vso.').nullable().default(null),
    groupDescription: optionalText(500),
    previousRequestId: z.uuid().nullable().default(null),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'tlv' && !v.tlvSchoolKind) ctx.addIssue({ code: 'custom', path: ['tlvSchoolKind'], message: 'Kies voor welke soort school de TLV is: sbo, so of vso.' });
    if (v.kind === 'arrangement' && !v.arrangementKindId) ctx.addIssue({ code: 'custom', path: ['arrangementKindId'], message: 'Kies een arrangement.' });
    if ((v.kind === 'tlv' || v.kind === 'opdc') && !v.pupilId) ctx.addIssue({ code: 'custom', path: ['pupilId'], message: 'Een TLV of OPDC-plaats is voor één leerling: kies de leerling.' });
  });
export type CreateRequestInput = z.infer<typeof CreateRequestInput>;

export const SaveRequestInput = z.object({
  revision: z.number().int().min(1),
  question: optionalText(4000),
  doneAlready: optionalText(6000),
  expectation: optionalText(4000),
  groupDescription: optionalText(500),
  /** OPDC: what must be reached to return to the own school, and when. */
  returnGoal: optionalText(4000),
});
export const AttachInput = z.object({ itemType: z.enum(attachmentTypes, 'Kies wat u wilt toevoegen.'), itemId: z.uuid('Kies wat u wilt toevoegen.') });
export const SubmitInput = z.object({ revision: z.number().int().min(1) });
export const WithdrawInput = z.object({ reason: requiredText(1000, 'Geef de reden van intrekken.') });
export const MessageInput = z.object({ body: requiredText(4000, 'Schrijf een bericht.'), kind: z.enum(['message', 'addition_request']).default('message') });
export const AnswerInput = z.object({ body: requiredText(6000, 'Schrijf het antwoord.'), answersId: z.uuid('Kies de vraag die u beantwoordt.') });
/** Sends the items waiting to be sent after submission; as the answer to an addition when it names one. */
export const SupplementInput = z.object({ body: optionalText(6000), answersId: z.uuid('Kies de vraag die u beantwoordt.').nullable().default(null) });
export const TakeInput = z.object({ consultantId: z.uuid('Kies een consulent.') });
export const ExpertsInput = z.object({
  experts: z
    .array(z.object({ userId: z.uuid('Kies een deskundige.'), discipline: z.enum(disciplines, 'Kies de deskundigheid.') }))
    .min(2, 'Wijs minstens twee deskundigen toe.')
    .max(4, 'Hoogstens vier deskundigen.')
    .refine((e) => e.some((x) => (FIRST_EXPERT_DISCIPLINES as readonly string[]).includes(x.discipline)), 'Eén deskundige moet orthopedagoog of psycholoog zijn.')
    .refine((e) => new Set(e.map((x) => x.userId)).size === e.length, 'Kies verschillende deskundigen.'),
});
export const AdviceInput = z.object({
  needs: requiredText(4000, 'Beschrijf wat de leerling nodig heeft.'),
  whyNotRegular: requiredText(4000, 'Beschrijf waarom de school dat niet kan bieden.'),
  conclusion: z.enum(['admissible', 'not_admissible'], 'Kies uw advies.'),
  schoolKind: z.enum(tlvSchoolKinds).nullable().default(null),
  category: z.union([z.literal(1), z.literal(2), z.literal(3)]).nullable().default(null),
  durationMonths: z.number().int().min(1).max(120).nullable().default(null),
});
export type AdviceInput = z.infer<typeof AdviceInput>;
export const ToDecisionInput = z.object({ note: requiredText(4000, 'Schrijf uw advies aan de directeur.') });
export const AnswerConsultationInput = z.object({ body: requiredText(6000, 'Schrijf het antwoord.') });
export const DecisionInput = z.object({
  outcome: z.enum(outcomes, 'Kies het besluit.'),
  motivation: requiredText(6000, 'Leg het besluit uit in gewone woorden.'),
  amountEur: z.number().min(0).max(1_000_000).nullable().default(null),
  hours: z.number().int().min(0).max(5000).nullable().default(null),
  startsOn: day.nullable().default(null),
  endsOn: day.nullable().default(null),
  schoolKind: z.enum(tlvSchoolKinds).nullable().default(null),
  category: z.union([z.literal(1), z.literal(2), z.literal(3)]).nullable().default(null),
  // Cluster 1 and 2 (visual, auditory) are admitted by their own institutions; a partnership's TLV is for cluster 3 or 4.
  cluster: z
    .number()
    .int()
    .min(3, 'Een samenwerkingsverband geeft een TLV voor cluster 3 of 4.')
    .max(4, 'Een samenwerkingsverband geeft een TLV voor cluster 3 of 4.')
    .nullable()
    .default(null),
});
export type DecisionInput = z.infer<typeof DecisionInput>;
export const ObjectionInput = z.object({ lodgedOn: day, lodgedBy: requiredText(200, 'Wie maakt bezwaar?'), grounds: requiredText(6000, 'Vat de gronden van het bezwaar samen.') });
export const ObjectionOutcomeInput = z.object({
  status: z.enum(['upheld', 'rejected', 'withdrawn'], 'Kies de uitkomst.'),
  committeeAdviceOn: day.nullable().default(null),
  outcomeOn: day,
  outcomeNotes: requiredText(4000, 'Licht de uitkomst toe.'),
});

// ---- outputs ----

const Ref = z.object({ id: z.string(), name: z.string() });
export const Missing = z.object({ part: z.string(), message: z.string(), where: z.enum(['request', 'opp', 'meetings', 'documents', 'consent']) });
export type Missing = z.infer<typeof Missing>;

export const Attachment = z.object({
  id: z.string(),
  itemType: z.enum(attachmentTypes),
  itemId: z.string(),
  label: z.string(),
  itemDate: z.string(),
  health: z.boolean(),
  removed: z.boolean(),
  /** Sent to the partnership: at submission, or later as a supplement. The partnership sees only these. */
  shared: z.boolean(),
  /** What was shared, as it was when sent (null before, or after removal). */
  snapshot: z.unknown().nullable(),
  /** A confidential logbook entry attached before they stayed in the dossier: its text only for the school's support team. */
  confidential: z.boolean(),
});
export const DossierItem = z.object({
  itemType: z.enum(attachmentTypes),
  itemId: z.string(),
  label: z.string(),
  itemDate: z.string(),
  health: z.boolean(),
  /** A confidential logbook entry: shown, but it cannot be attached. */
  confidential: z.boolean(),
  attached: z.boolean(),
  /** Already sent with the request: it cannot be taken back. */
  shared: z.boolean(),
});
export const Message = z.object({
  id: z.string(),
  author: Ref,
  side: z.enum(['school', 'partnership']),
  kind: z.enum(['message', 'addition_request', 'addition_answer', 'status', 'supplement']),
  body: z.string(),
  answersId: z.string().nullable(),
  /** The items this message sent along (a supplement). */
  attachmentIds: z.array(z.string()),
  answeredAt: z.date().nullable(),
  createdAt: z.date(),
});
export const Consent = z.object({
  id: z.string(),
  signer: z.enum(['parent', 'pupil']),
  signerName: z.string(),
  decision: z.enum(['given', 'refused']),
  attachmentIds: z.array(z.string()),
  comment: z.string(),
  method: z.enum(['online', 'paper']),
  createdAt: z.date(),
});
export const ExpertAdvice = z.object({
  id: z.string(),
  expert: Ref,
  discipline: z.enum(disciplines),
  advice: AdviceInput.nullable(),
  advisedAt: z.date().nullable(),
});
export const Decision = z.object({
  outcome: z.enum(outcomes),
  motivation: z.string(),
  amountEur: z.number().nullable(),
  hours: z.number().nullable(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  schoolKind: z.enum(tlvSchoolKinds).nullable(),
  category: z.number().nullable(),
  cluster: z.number().nullable(),
  decidedBy: Ref,
  decidedOn: z.string(),
  tlvNumber: z.number().nullable(),
});
export const Objection = z.object({
  id: z.string(),
  lodgedOn: z.string(),
  lodgedBy: z.string(),
  grounds: z.string(),
  status: z.enum(['open', 'upheld', 'rejected', 'withdrawn']),
  committeeAdviceOn: z.string().nullable(),
  outcomeOn: z.string().nullable(),
  outcomeNotes: z.string(),
});
export const Clock = z.object({
  submittedAt: z.date().nullable(),
  daysSinceSubmission: z.number().nullable(),
  /** The target date, moved by the days the partnership waited for the school's additions. */
  decisionDueOn: z.string().nullable(),
  daysToTarget: z.number().nullable(),
  /** Days the partnership waited for additions so far (including an open one). */
  waitingDays: z.number(),
  waitingForSchool: z.boolean(),
});

export const RequestPage = z.object({
  id: z.string(),
  kind: z.enum(requestKinds),
  status: z.enum(requestStatuses),
  school: Ref,
  pupil: z.object({ id: z.string(), name: z.string(), birthDate: z.string(), className: z.string().nullable() }).nullable(),
  arrangementKind: Ref.nullable(),
  tlvSchoolKind: z.enum(tlvSchoolKinds).nullable(),
  groupDescription: z.string(),
  question: z.string(),
  doneAlready: z.string(),
  expectation: z.string(),
  returnGoal: z.string(),
  revision: z.number(),
  previousRequestId: z.string().nullable(),
  createdBy: Ref,
  assignedTo: Ref.nullable(),
  clock: Clock,
  /** Before submission: what is still missing. Empty: it can be submitted. After: what the items waiting to be sent still need. */
  missing: z.array(Missing),
  requiredParts: z.array(z.enum(requestParts)),
  attachments: z.array(Attachment),
  consents: z.array(Consent),
  /** Consent asked by mail: to whom, when, and whether they answered yet. */
  consentAsked: z.array(z.object({ id: z.string(), signer: z.enum(['parent', 'pupil']), name: z.string(), email: z.string(), sentAt: z.date(), answered: z.boolean() })),
  /** The parents with parental authority and an address in the dossier: whom consent is asked of unless the school changes it (empty for who does not ask). */
  parents: z.array(SuggestedRecipient),
  messages: z.array(Message),
  experts: z.array(ExpertAdvice),
  decision: Decision.nullable(),
  objections: z.array(Objection),
  can: z.record(z.string(), z.boolean()),
});
export type RequestPage = z.infer<typeof RequestPage>;

/** The columns the work list sorts on. */
export const queueSortKeys = ['target', 'submitted', 'pupil', 'school', 'status', 'consultant'] as const;
export const QueueQuery = z.object({
  /** A pupil's name (or initials) as the reader sees it in the list. */
  q: searchText,
  kind: z.enum(requestKinds).optional(),
  status: z.enum(requestStatuses).optional(),
  schoolId: z.uuid().optional(),
  mine: z.enum(['true', 'false']).optional(),
  pupilId: z.uuid().optional(),
  /** By the days to the target (the clock, waits included), the days since submission, the pupil as shown, school, status or consultant; open requests always first. */
  sort: z.enum(queueSortKeys, 'Kies een bestaande sortering.').default('target'),
  dir: z.enum(['asc', 'desc'], 'Kies oplopend of aflopend.').default('asc'),
  page: pageNumber,
});
export type QueueQuery = z.infer<typeof QueueQuery>;
/** The work list as a file: the same filters and sort, every page. */
export const QueueExportQuery = QueueQuery.omit({ page: true }).extend({ format: exportFormat });
export const QueueRow = z.object({
  id: z.string(),
  kind: z.enum(requestKinds),
  status: z.enum(requestStatuses),
  school: Ref,
  /** The pupil's name only for those who hold the request; others see initials. */
  pupilLabel: z.string().nullable(),
  /** Whether the reader may open it: the loket sees a request it does not hold, but opens it only after taking it. */
  held: z.boolean(),
  /** The loket may take it (or pass it on). */
  allowed: z.object({ take: z.boolean() }),
  assignedTo: Ref.nullable(),
  clock: Clock,
  openAdditions: z.number(),
});
export const Queue = z.object({ rows: z.array(QueueRow), total: z.number(), page: z.number(), pageSize: z.number() });

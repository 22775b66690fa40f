import { z } from 'zod';
import { day, exportFormat, optionalEmail, optionalPhone, optionalText, pageNumber, requiredText, searchText } from '../../platform/http/schemas.ts';
import { urgencies } from '../../platform/work-schema.ts';
import { levels } from '../organisation/schema.ts';

/**
 * Zorgplicht (duty of care) as data, shared with the browser. Glossary:
 * *aanmelding* (the parents' written registration of a pupil at a school),
 * *zorgplicht* (when the school suspects a support need it must decide within
 * 6 weeks, extendable once by 4, and find a fitting place: here or, with the
 * other school's acceptance, elsewhere; WPO art. 40, WEC art. 40, WVO 2020
 * art. 2.33), *onderwijsconsulent* (the national independent adviser parents
 * may call), *Geschillencommissie passend onderwijs* (the disputes committee).
 */

export const registrationStatuses = ['open', 'decided', 'withdrawn'] as const;
export type RegistrationStatus = (typeof registrationStatuses)[number];
export const registrationStatusLabels: Record<RegistrationStatus, string> = {
  open: 'Open',
  decided: 'Besloten',
  withdrawn: 'Ingetrokken',
};

/**
 * The outcomes the law knows. Only an offer at another school that has
 * accepted the pupil ends the zorgplicht when the school does not admit; a
 * school that is publicly full for the year and level has no zorgplicht.
 */
export const outcomes = ['admitted', 'admitted_support', 'offer_elsewhere', 'full', 'withdrawn'] as const;
export type Outcome = (typeof outcomes)[number];
export const outcomeLabels: Record<Outcome, string> = {
  admitted: 'Toegelaten',
  admitted_support: 'Toegelaten met extra ondersteuning',
  offer_elsewhere: 'Niet toegelaten, plaats op een andere school',
  full: 'Niet toegelaten: de school is vol',
  withdrawn: 'Ingetrokken door de ouders',
};

const yearGroup = z.number('Kies een leerjaar.').int().min(1, 'Een leerjaar is 1 t/m 8.').max(8, 'Een leerjaar is 1 t/m 8.').nullable();

export const RegistrationInput = z
  .object({
    schoolId: z.uuid('Kies de school waar de ouders hun kind aanmeldden.'),
    /** A pupil the reader already sees in Leerrecht: name and birth date come from the dossier. */
    pupilId: z.uuid('Kies een leerling uit de lijst.').nullable(),
    firstName: optionalText(80),
    namePrefix: optionalText(30),
    lastName: optionalText(120),
    birthDate: day.nullable(),
    previousSchool: optionalText(200),
    parentNames: requiredText(200, 'Vul de naam van de ouder(s) of verzorger(s) in.'),
    parentEmail: optionalEmail(),
    parentPhone: optionalPhone(),
    desiredStart: day.nullable(),
    level: z.enum(levels, 'Kies een niveau.').nullable(),
    yearGroup,
    needByParents: optionalText(2000),
    needBySchool: optionalText(2000),
    supportSuspected: z.boolean('Geef aan of de school een ondersteuningsbehoefte vermoedt.'),
    receivedOn: day,
  })
  .superRefine((r, ctx) => {
    if (r.pupilId) return;
    if (!r.firstName) ctx.addIssue({ code: 'custom', path: ['firstName'], message: 'Vul de voornaam in, of kies een bekende leerling.' });
    if (!r.lastName) ctx.addIssue({ code: 'custom', path: ['lastName'], message: 'Vul de achternaam in, of kies een bekende leerling.' });
    if (!r.birthDate) ctx.addIssue({ code: 'custom', path: ['birthDate'], message: 'Vul de geboortedatum in, of kies een bekende leerling.' });
  });
export type RegistrationInput = z.output<typeof RegistrationInput>;

export const ExtendInput = z.object({
  extendedTo: day,
  reason: requiredText(1000, 'Schrijf waarom de school meer tijd nodig heeft; de ouders lezen dit in de brief.'),
});

export const DecideInput = z.object({
  outcome: z.enum(outcomes, 'Kies een besluit.'),
  reason: requiredText(2000, 'Schrijf de reden van het besluit; de ouders lezen dit in de brief.'),
});

export const registrationSortKeys = ['due', 'received', 'pupil', 'school', 'status'] as const;
export const registrationSortLabels: Record<(typeof registrationSortKeys)[number], string> = {
  due: 'Beslissen uiterlijk',
  received: 'Ontvangen',
  pupil: 'Leerling',
  school: 'School',
  status: 'Status',
};
export const RegistrationQuery = z.object({
  q: searchText,
  /** Open (default), closed, or all. */
  show: z.enum(['open', 'closed', 'all'], 'Kies open, afgehandeld of alle.').default('open'),
  schoolId: z.uuid().optional(),
  overdue: z.enum(['true', 'false']).optional(),
  sort: z.enum(registrationSortKeys, 'Kies een bestaande sortering.').default('due'),
  dir: z.enum(['asc', 'desc'], 'Kies oplopend of aflopend.').default('asc'),
  page: pageNumber,
});
export const RegistrationExportQuery = RegistrationQuery.omit({ page: true }).extend({ format: exportFormat });

export const Clock = z.object({
  received: z.string(),
  due: z.string(),
  extendedTo: z.string().nullable(),
  decideBy: z.string(),
  temporaryPlaceFrom: z.string(),
  decidedOn: z.string().nullable(),
  daysLeft: z.number().nullable(),
  urgency: z.enum(urgencies),
  inTime: z.boolean(),
  temporaryPlaceDue: z.boolean(),
});

const Ref = z.object({ id: z.string(), name: z.string() });

export const RegistrationRow = z.object({
  id: z.string(),
  pupilName: z.string(),
  birthDate: z.string(),
  school: Ref,
  status: z.enum(registrationStatuses),
  outcome: z.enum(outcomes).nullable(),
  supportSuspected: z.boolean(),
  clock: Clock,
  /** Whether the reader's school was asked to take the pupil (placement search), not the school registered at. */
  asked: z.boolean(),
});
export const RegistrationList = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  today: z.string(),
  rows: z.array(RegistrationRow),
  /** The schools where the reader records registrations (the form's school picker). */
  recordAt: z.array(Ref),
  allowed: z.object({ board: z.boolean() }),
});

export const PlacementRequestView = z.object({
  id: z.string(),
  school: Ref,
  status: z.enum(['asked', 'accepted', 'declined', 'withdrawn']),
  message: z.string(),
  answerReason: z.string().nullable(),
  askedAt: z.date(),
  answeredAt: z.date().nullable(),
  allowed: z.object({ answer: z.boolean() }),
});

/**
 * The placement table (plaatsingstafel / zorgtafel / MPO; DOMAIN.md C6, seed
 * 004 §4): the partnership's meeting with parents, schools and chain partners
 * for a case that does not resolve; its outcome is a *bindend advies* with
 * what each party does by when. *Doorzettingsmacht*: the power a partnership
 * may give its director to decide the placement.
 */
export const tablePartyKinds = ['parents', 'school', 'partnership', 'chain_partner'] as const;
export const tablePartyKindLabels: Record<(typeof tablePartyKinds)[number], string> = {
  parents: 'Ouders',
  school: 'School',
  partnership: 'Samenwerkingsverband',
  chain_partner: 'Ketenpartner',
};
export const TableParty = z.object({
  kind: z.enum(tablePartyKinds, 'Kies wie het is: ouders, school, samenwerkingsverband of ketenpartner.'),
  name: requiredText(200, 'Vul de naam in.'),
});
export const PutOnTableInput = z.object({
  reason: requiredText(2000, 'Schrijf waarom de aanmelding aan de plaatsingstafel komt; de school leest dit.'),
  notes: optionalText(4000),
});
export const MeetingInput = z.object({
  meetingOn: day,
  parties: z.array(TableParty, 'Noem wie erbij zijn.').min(1, 'Noem ten minste één partij die erbij is.').max(30, 'Noem ten hoogste 30 partijen.'),
});
export const TableActionInput = z.object({
  party: requiredText(200, 'Vul in wie dit doet.'),
  description: requiredText(1000, 'Beschrijf wat er gebeurt.'),
  dueOn: day,
});
export const adviceOutcomes = ['school', 'other'] as const;
export const adviceOutcomeLabels: Record<(typeof adviceOutcomes)[number], string> = { school: 'Een school plaatst de leerling', other: 'Een ander aanbod' };
export const AdviceInput = z
  .object({
    outcome: z.enum(adviceOutcomes, 'Kies de uitkomst: een school of een ander aanbod.'),
    schoolId: z.uuid('Kies de school die de leerling plaatst.').nullable(),
    offer: optionalText(2000),
    motivation: requiredText(4000, 'Schrijf de motivering van het advies.'),
    actions: z.array(TableActionInput, 'Noem de afspraken.').min(1, 'Noem ten minste één afspraak: wie doet wat, wanneer.').max(30, 'Noem ten hoogste 30 afspraken.'),
  })
  .superRefine((a, ctx) => {
    if (a.outcome === 'school' && !a.schoolId) ctx.addIssue({ code: 'custom', path: ['schoolId'], message: 'Kies de school die de leerling plaatst.' });
    if (a.outcome === 'other' && !a.offer) ctx.addIssue({ code: 'custom', path: ['offer'], message: 'Beschrijf het andere aanbod.' });
  });
export const EnforceInput = z
  .object({
    schoolId: z.uuid('Kies de school die de leerling plaatst.').nullable(),
    offer: optionalText(2000),
    motivation: requiredText(4000, 'Schrijf de motivering van het besluit.'),
  })
  .superRefine((a, ctx) => {
    if (!a.schoolId && !a.offer) ctx.addIssue({ code: 'custom', path: ['schoolId'], message: 'Kies de school die de leerling plaatst, of beschrijf een ander aanbod.' });
    if (a.schoolId && a.offer) ctx.addIssue({ code: 'custom', path: ['offer'], message: 'Kies een school of een ander aanbod, niet allebei.' });
  });
export const ZorgplichtSettings = z.object({
  /** The partnership gave its director doorzettingsmacht: the director may decide a placement at the table. */
  doorzettingsmacht: z.boolean('Kies aan of uit.'),
});
export const ZorgplichtSettingsView = ZorgplichtSettings.extend({ allowed: z.object({ manage: z.boolean() }) });

const Done = z.object({ at: z.date(), by: z.string() });
export const TableView = z.object({
  id: z.string(),
  reason: z.string(),
  /** The partnership's notes; null for a school. */
  notes: z.string().nullable(),
  putBy: z.string(),
  putAt: z.date(),
  meeting: z.object({ on: z.string(), parties: z.array(TableParty) }).nullable(),
  advice: z
    .object({
      outcome: z.enum(adviceOutcomes),
      school: z.object({ id: z.string(), name: z.string() }).nullable(),
      offer: z.string().nullable(),
      motivation: z.string(),
      by: z.string(),
      at: z.date(),
    })
    .nullable(),
  actions: z.array(z.object({ id: z.string(), party: z.string(), description: z.string(), dueOn: z.string(), overdue: z.boolean(), done: Done.nullable(), allowed: z.object({ done: z.boolean() }) })),
  decision: z
    .object({ school: z.object({ id: z.string(), name: z.string() }).nullable(), offer: z.string().nullable(), motivation: z.string(), by: z.string(), at: z.date() })
    .nullable(),
  placed: z.boolean(),
  doorzettingsmacht: z.boolean(),
  /** The partnership's schools, for the advice and the decision (empty for a school). */
  schools: z.array(z.object({ id: z.string(), name: z.string() })),
  allowed: z.object({ plan: z.boolean(), advise: z.boolean(), followUp: z.boolean(), enforce: z.boolean() }),
});

export const RegistrationView = z.object({
  id: z.string(),
  school: Ref,
  pupil: z.object({ id: z.string().nullable(), name: z.string(), birthDate: z.string(), openable: z.boolean() }),
  previousSchool: z.string(),
  parentNames: z.string(),
  parentEmail: z.string(),
  parentPhone: z.string(),
  desiredStart: z.string().nullable(),
  level: z.string().nullable(),
  yearGroup: z.number().nullable(),
  needByParents: z.string(),
  needBySchool: z.string(),
  supportSuspected: z.boolean(),
  status: z.enum(registrationStatuses),
  extensionReason: z.string().nullable(),
  outcome: z.enum(outcomes).nullable(),
  outcomeReason: z.string().nullable(),
  offerSchool: Ref.nullable(),
  decidedBy: z.string().nullable(),
  createdBy: z.string(),
  clock: Clock,
  /** The longest extension the law allows for this registration (6 + 4 weeks after receipt). */
  latestExtension: z.string(),
  placements: z.array(PlacementRequestView),
  /** The reader's school was asked to take the pupil; it is not the school registered at. */
  askedHere: z.boolean(),
  /** The placement table, when the case is there (null otherwise). */
  table: TableView.nullable(),
  allowed: z.object({ extend: z.boolean(), decide: z.boolean(), askPlacement: z.boolean(), putOnTable: z.boolean() }),
});
export type RegistrationView = z.infer<typeof RegistrationView>;

export const boardFlags = ['stuck', 'second_school'] as const;
export const BoardQuery = z.object({
  schoolId: z.uuid().optional(),
  show: z.enum(['open', 'closed', 'all'], 'Kies open, afgehandeld of alle.').default('open'),
  overdue: z.enum(['true', 'false']).optional(),
  flagged: z.enum(['true', 'false']).optional(),
  /** Only the cases at the placement table, not yet placed. */
  table: z.enum(['true', 'false']).optional(),
  page: pageNumber,
});
export const BoardRow = RegistrationRow.omit({ asked: true }).extend({
  /** Open past the 6 weeks (extended or not): the partnership looks. */
  stuck: z.boolean(),
  /** The same child registered at another school within the year: passed from school to school. */
  secondSchool: z.boolean(),
  openPlacements: z.number(),
  /** At the placement table and not yet placed. */
  atTable: z.boolean(),
  /** At the table: the binding advice is recorded. */
  advice: z.boolean(),
  /** At the table: actions past their day and not done. */
  actionsOverdue: z.number(),
  /** The director decided the placement (doorzettingsmacht). */
  enforced: z.boolean(),
});
export const Board = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  today: z.string(),
  rows: z.array(BoardRow),
  counts: z.object({ open: z.number(), overdue: z.number(), stuck: z.number(), secondSchool: z.number(), atTable: z.number() }),
});

export const PlacementSearchQuery = z.object({
  needId: z.uuid().optional(),
  level: z.enum(levels).optional(),
  kind: z.string().max(20).optional(),
  freeOnly: z.enum(['true', 'false']).optional(),
});
export const PlacementCandidate = z.object({
  school: Ref,
  kind: z.string(),
  location: z.object({ id: z.string(), name: z.string(), city: z.string() }),
  levels: z.array(z.string()),
  needsServed: z.array(z.string()),
  /** Free places for the registration's level and year (null: the profile gives none). */
  freePlaces: z.number().nullable(),
  distanceKm: z.number().nullable(),
  alreadyAsked: z.boolean(),
});
export const PlacementSearch = z.object({ candidates: z.array(PlacementCandidate), needs: z.array(Ref) });
export const AskPlacementInput = z.object({
  schoolId: z.uuid('Kies een school.'),
  message: optionalText(2000),
});
export const AnswerPlacementInput = z.object({
  accept: z.boolean('Kies aannemen of afwijzen.'),
  reason: requiredText(2000, 'Schrijf de reden; de eerste school en de ouders lezen hem.'),
});

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
  allowed: z.object({ extend: z.boolean(), decide: z.boolean(), askPlacement: z.boolean() }),
});
export type RegistrationView = z.infer<typeof RegistrationView>;

export const boardFlags = ['stuck', 'second_school'] as const;
export const BoardQuery = z.object({
  schoolId: z.uuid().optional(),
  show: z.enum(['open', 'closed', 'all'], 'Kies open, afgehandeld of alle.').default('open'),
  overdue: z.enum(['true', 'false']).optional(),
  flagged: z.enum(['true', 'false']).optional(),
  page: pageNumber,
});
export const BoardRow = RegistrationRow.omit({ asked: true }).extend({
  /** Open past the 6 weeks (extended or not): the partnership looks. */
  stuck: z.boolean(),
  /** The same child registered at another school within the year: passed from school to school. */
  secondSchool: z.boolean(),
  openPlacements: z.number(),
});
export const Board = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  today: z.string(),
  rows: z.array(BoardRow),
  counts: z.object({ open: z.number(), overdue: z.number(), stuck: z.number(), secondSchool: z.number() }),
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

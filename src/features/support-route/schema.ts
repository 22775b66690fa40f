import { z } from 'zod';
import { addressId, day, instant, optionalText, requiredText } from '../../platform/http/schemas.ts';

/**
 * Shared with the browser: the school's support route (ondersteuningsroute),
 * its meetings with an agenda of pupils, decisions and SMART agreements.
 */



export const meetingKindCodes = ['klassenbespreking', 'leerlingbespreking', 'intern_ot', 'sot', 'sot_plus', 'mt', 'anders'] as const;
export type MeetingKindCode = (typeof meetingKindCodes)[number];

/** Roles that can be invited to a kind of meeting by default (school roles of platform/access/roles.ts). */
export const inviteRoles = ['mentor', 'oco', 'schoolleider', 'ondersteuner'] as const;
export const inviteRoleLabels: Record<(typeof inviteRoles)[number], string> = {
  mentor: 'Mentor van de besproken leerling',
  oco: 'OCO / IB',
  schoolleider: 'Schoolleider / teamleider',
  ondersteuner: 'Ondersteuningsteam (SMW, SVK, BPO, orthopedagoog)',
};

export const decisionKinds = ['support_level', 'case_manager', 'make_opp', 'refer_sot_plus', 'refer_partnership', 'handelingsadvies', 'other'] as const;
export type DecisionKind = (typeof decisionKinds)[number];
export const decisionKindLabels: Record<DecisionKind, string> = {
  support_level: 'Ondersteuningsniveau wijzigen',
  case_manager: 'Casemanager aanwijzen',
  make_opp: 'OPP opstellen',
  refer_sot_plus: 'Doorverwijzen naar SOT+',
  refer_partnership: 'Aanmelden bij het samenwerkingsverband (loket)',
  handelingsadvies: 'Handelingsadvies voor docenten',
  other: 'Ander besluit',
};

export const supportLevelOptions = ['basis', 'basisplus', 'extra'] as const;

const Ref = z.object({ id: z.string(), name: z.string() });

// ---- The route: kinds of meeting ----

export const MeetingKind = z.object({
  id: z.string(),
  code: z.enum(meetingKindCodes),
  name: z.string(),
  defaultRoles: z.array(z.string()),
  rhythm: z.string(),
  position: z.number(),
  active: z.boolean(),
});
export const SchoolStaffMember = z.object({ id: z.string(), name: z.string(), roles: z.array(z.string()) });
export const SupportRoute = z.object({
  school: Ref,
  kinds: z.array(MeetingKind),
  /** Active staff of the school: attendees and agreement owners are chosen from these. */
  staff: z.array(SchoolStaffMember),
  allowed: z.object({ configure: z.boolean(), planMeeting: z.boolean() }),
});

const rolesField = z
  .array(z.enum(inviteRoles, 'Kies een bestaande rol.'))
  .max(inviteRoles.length)
  .refine((rs) => new Set(rs).size === rs.length, 'Dezelfde rol staat er twee keer in.');

export const MeetingKindInput = z.object({
  name: requiredText(80, 'Geef het overleg een naam.'),
  defaultRoles: rolesField.default([]),
  rhythm: optionalText(200),
});
export const MeetingKindPatch = z
  .object({
    name: requiredText(80, 'Geef het overleg een naam.'),
    defaultRoles: rolesField,
    rhythm: z.string().trim().max(200, 'Hoogstens 200 tekens.'),
    position: z.number().int().min(0).max(1000),
    active: z.boolean(),
  })
  .partial();

// ---- Meetings ----

export const MeetingQuery = z.object({ when: z.enum(['upcoming', 'past']).default('upcoming') });

export const MeetingSummary = z.object({
  id: z.string(),
  kind: z.object({ id: z.string(), name: z.string(), code: z.enum(meetingKindCodes) }),
  startsAt: z.date(),
  location: z.string(),
  status: z.enum(['planned', 'held', 'cancelled']),
  attendeeCount: z.number(),
  pupilCount: z.number(),
  attending: z.boolean(),
});
export const MeetingList = z.object({ meetings: z.array(MeetingSummary), allowed: z.object({ plan: z.boolean() }) });

const attendeeIds = z
  .array(z.uuid('Kies een medewerker.'))
  .max(100, 'Hoogstens 100 deelnemers.')
  .refine((ids) => new Set(ids).size === ids.length, 'Iemand staat er twee keer in.');

export const MeetingInput = z.object({
  kindId: z.uuid('Kies een soort overleg.'),
  startsAt: instant,
  location: optionalText(120),
  /** Left out: the kind's default attendees (staff of the school with its default roles). */
  attendeeIds: attendeeIds.optional(),
});
export const MeetingPatch = z
  .object({
    startsAt: instant,
    location: z.string().trim().max(120, 'Hoogstens 120 tekens.'),
    status: z.enum(['planned', 'held', 'cancelled'], 'Kies een status.'),
    attendeeIds,
  })
  .partial();

export const AgreementOut = z.object({
  id: z.string(),
  what: z.string(),
  owner: Ref,
  dueOn: z.string(),
  doneAt: z.date().nullable(),
  overdue: z.boolean(),
});

export const Decision = z.object({
  id: z.string(),
  kind: z.enum(decisionKinds),
  value: z.string(),
  /** For humans: 'Extra ondersteuning', the case manager's name, the advice. */
  valueLabel: z.string(),
  note: z.string(),
  decidedBy: Ref,
  createdAt: z.date(),
});

export const MeetingItem = z.object({
  id: z.string(),
  /** null: another pupil, one the reader may not see (an attendee without a whole-school role sees only the pupils they may read). */
  pupil: z.object({ id: z.string(), name: z.string(), className: z.string().nullable(), supportLevel: z.string() }).nullable(),
  signal: z.object({ id: z.string(), note: z.string() }).nullable(),
  position: z.number(),
  summary: z.string(),
  decisions: z.array(Decision),
  agreements: z.array(AgreementOut),
});

export const Meeting = MeetingSummary.extend({
  school: Ref,
  attendees: z.array(Ref),
  items: z.array(MeetingItem),
  createdBy: Ref,
  allowed: z.object({ manage: z.boolean() }),
});

export const ItemInput = z.object({
  pupilId: z.uuid('Kies een leerling.'),
  /** Put on the agenda from this open signal: the signal then is 'on_agenda'. */
  signalId: z.uuid('Kies een signaal uit de lijst.').nullable().default(null),
});
export const ItemPatch = z.object({ summary: z.string().trim().max(10_000, 'Hoogstens 10.000 tekens.') });
export const ItemParams = z.object({ id: addressId, itemId: addressId });

export const DecisionInput = z
  .object({
    kind: z.enum(decisionKinds, 'Kies een soort besluit.'),
    /** support_level: 'basis' | 'basisplus' | 'extra'; case_manager: a user id; handelingsadvies: the advice; else free text. */
    value: optionalText(2000),
    note: optionalText(2000),
  })
  .superRefine((d, ctx) => {
    const issue = (message: string) => ctx.addIssue({ code: 'custom', path: ['value'], message });
    if (d.kind === 'support_level' && !(supportLevelOptions as readonly string[]).includes(d.value)) issue('Kies basis, basisplus of extra.');
    if (d.kind === 'case_manager' && !z.uuid().safeParse(d.value).success) issue('Kies een medewerker als casemanager.');
    if (d.kind === 'handelingsadvies' && d.value.length === 0) issue('Beschrijf het handelingsadvies.');
    // An OPP, SOT+ or the loket: the kind says what was decided, so one click records it; any other decision is described.
    if (d.kind === 'other' && d.value.length === 0 && d.note.length === 0) issue('Beschrijf het besluit.');
  });

export const AgreementInput = z.object({
  what: requiredText(1000, 'Beschrijf wat er gedaan wordt (SMART).'),
  ownerId: z.uuid('Kies wie het doet.'),
  dueOn: day,
});

// ---- Agreements: Mijn acties and the school overview ----

export const ActionItem = AgreementOut.extend({
  school: Ref,
  pupil: Ref.nullable(),
  meeting: z.object({ id: z.string(), kind: z.string(), startsAt: z.date() }).nullable(),
  allowed: z.object({ markDone: z.boolean() }),
});
export const MyActions = z.object({ actions: z.array(ActionItem) });

export const AgreementQuery = z.object({ status: z.enum(['open', 'overdue', 'done', 'all']).default('open') });
export const SchoolAgreements = z.object({ agreements: z.array(ActionItem) });

export type SupportRoute = z.infer<typeof SupportRoute>;
export type MeetingKind = z.infer<typeof MeetingKind>;
export type MeetingList = z.infer<typeof MeetingList>;
export type Meeting = z.infer<typeof Meeting>;
export type MeetingItem = z.infer<typeof MeetingItem>;
export type ActionItem = z.infer<typeof ActionItem>;
export type Decision = z.infer<typeof Decision>;
export type AgreementOut = z.infer<typeof AgreementOut>;

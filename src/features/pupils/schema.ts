import { z } from 'zod';
import { addressId, day, optionalText, requiredText } from '../../platform/http/schemas.ts';

/** Shared with the browser: the pupil dossier's inputs and outputs. */


export const supportLevels = ['basis', 'basisplus', 'extra'] as const;
export const supportLevelLabels: Record<(typeof supportLevels)[number], string> = {
  basis: 'Basisondersteuning',
  basisplus: 'Basisplus',
  extra: 'Extra ondersteuning',
};
export const logbookKinds = ['observation', 'pupil_conversation', 'parent_conversation', 'agreement', 'handelingsadvies', 'external_contact'] as const;
export const logbookKindLabels: Record<(typeof logbookKinds)[number], string> = {
  observation: 'Observatie',
  pupil_conversation: 'Gesprek met leerling',
  parent_conversation: 'Gesprek met ouders',
  agreement: 'Afspraak',
  handelingsadvies: 'Handelingsadvies',
  external_contact: 'Extern contact',
};
export const quadrants = ['kunnen', 'willen', 'presteren', 'doen'] as const;
export const quadrantLabels: Record<(typeof quadrants)[number], string> = {
  kunnen: 'Kunnen (capaciteiten)',
  willen: 'Willen (welbevinden, motivatie)',
  presteren: 'Presteren (resultaten)',
  doen: 'Doen (werkhouding)',
};
export const needCategories = ['leren', 'gedrag', 'sociaal_emotioneel', 'thuis', 'gezondheid', 'werkhouding', 'taal', 'anders'] as const;
export const needCategoryLabels: Record<(typeof needCategories)[number], string> = {
  leren: 'Leren',
  gedrag: 'Gedrag',
  sociaal_emotioneel: 'Sociaal-emotioneel',
  thuis: 'Thuissituatie',
  gezondheid: 'Gezondheid',
  werkhouding: 'Werkhouding',
  taal: 'Taal / NT2',
  anders: 'Anders',
};

export const PupilQuery = z.object({
  q: z.string().trim().max(100).optional(),
  schoolId: z.uuid().optional(),
  classId: z.uuid().optional(),
  supportLevel: z.enum(supportLevels).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});

const Ref = z.object({ id: z.string(), name: z.string() });

export const PupilSummary = z.object({
  id: z.string(),
  name: z.string(),
  studentNumber: z.string(),
  birthDate: z.string(),
  school: Ref,
  class: Ref.nullable(),
  level: z.string().nullable(),
  supportLevel: z.enum(supportLevels),
});
export const PupilList = z.object({ pupils: z.array(PupilSummary), total: z.number(), page: z.number(), pageSize: z.number() });

export const LogbookEntry = z.object({
  id: z.string(),
  kind: z.enum(logbookKinds),
  occurredOn: z.string(),
  /** null when confidential and the reader is not in the support team: they see that it exists. */
  body: z.string().nullable(),
  confidential: z.boolean(),
  author: Ref,
  createdAt: z.date(),
  signalled: z.boolean(),
});

export const PupilPage = PupilSummary.extend({
  age: z.number(),
  caseManager: Ref.nullable(),
  supportHistory: z.array(z.object({
    field: z.enum(['support_level', 'case_manager']),
    oldValue: z.string().nullable(),
    newValue: z.string().nullable(),
    reason: z.string(),
    changedBy: Ref,
    changedAt: z.date(),
  })),
  kwadrant: z.array(z.object({
    id: z.string(), quadrant: z.enum(quadrants), instrument: z.string(), measuredOn: z.string(), score: z.string(), interpretation: z.string(), source: z.enum(['manual', 'import']),
  })),
  needs: z.array(z.object({ id: z.string(), category: z.enum(needCategories), description: z.string(), supportNeed: z.string().nullable(), createdAt: z.date() })),
  advices: z.array(z.object({ id: z.string(), advice: z.string(), source: z.string(), createdAt: z.date() })),
  logbook: z.array(LogbookEntry),
  agreements: z.array(z.object({ id: z.string(), what: z.string(), owner: Ref, dueOn: z.string(), doneAt: z.date().nullable(), overdue: z.boolean() })),
  documents: z.array(
    z.object({
      id: z.string(), filename: z.string(), mimeType: z.string(), sizeBytes: z.number(), category: z.string(), uploadedBy: Ref, createdAt: z.date(),
      /** The reader may not open it (a medical document outside their need-to-know). */
      closed: z.boolean(),
      /** The staff the OCO named; only for those who may name them, else null. */
      access: z.array(Ref).nullable(),
    }),
  ),
  upcomingMeetings: z.array(z.object({ id: z.string(), startsAt: z.date(), kind: z.string() })),
  enrolments: z.array(z.object({ schoolName: z.string(), className: z.string().nullable(), level: z.string().nullable(), startDate: z.string(), endDate: z.string().nullable() })),
  allowed: z.object({
    writeLogbook: z.boolean(), signal: z.boolean(), recordKwadrant: z.boolean(), manageSupport: z.boolean(), uploadDocument: z.boolean(), deleteDocument: z.boolean(),
  }),
});

export const LogbookInput = z.object({
  kind: z.enum(logbookKinds, 'Kies een soort aantekening.'),
  occurredOn: day,
  body: requiredText(5000, 'Beschrijf feitelijk wat er gebeurde.'),
  confidential: z.boolean().default(false),
});
export const SignalInput = z.object({ logbookEntryId: z.uuid().nullable().default(null), note: optionalText(1000) });
export const KwadrantInput = z.object({
  quadrant: z.enum(quadrants, 'Kies een kwadrant.'),
  instrument: requiredText(120, 'Vul de toets of vragenlijst in.'),
  measuredOn: day,
  score: requiredText(120, 'Vul de uitslag in.'),
  interpretation: optionalText(2000),
});
export const SupportLevelInput = z.object({ level: z.enum(supportLevels, 'Kies een niveau.'), reason: requiredText(1000, 'Geef de reden van de wijziging.') });
export const CaseManagerInput = z.object({ userId: z.uuid('Kies een medewerker.').nullable(), reason: requiredText(1000, 'Geef de reden van de wijziging.') });
export const NeedInput = z.object({
  category: z.enum(needCategories, 'Kies een categorie.'),
  description: requiredText(1000, 'Beschrijf de ondersteuningsbehoefte.'),
  /** The need on the partnership's list (the support offer's), for the dekkend-aanbod gap map; optional. */
  supportNeedId: z.uuid('Kies een behoefte uit de lijst.').nullable().optional(),
});
export const AdviceInput = z.object({ advice: requiredText(1000, 'Beschrijf het handelingsadvies.') });
export const DeleteReasonInput = z.object({ reason: requiredText(500, 'Geef de reden van verwijderen.') });
export const SubIdParams = z.object({ id: addressId, itemId: addressId });

/** 'medisch': medical or psychiatric reports, health data (special category): shared with the partnership only with explicit consent. */
export const documentCategories = ['toetsverslag', 'okr', 'verslag', 'medisch', 'brief', 'overig'] as const;
/** Why a closed medical document is closed: said in the UI and in the refusal. */
export const MEDICAL_CLOSED = 'Medisch document: alleen voor het ondersteuningsteam en wie de OCO aanwijst.';
/** The OCO names a reader of one medical document. */
export const DocumentAccessInput = z.object({
  userId: z.uuid('Kies een medewerker.'),
  reason: z.string().trim().max(500, 'Hoogstens 500 tekens.').default(''),
});
export const DocumentAccessParams = z.object({ id: addressId, userId: addressId });

export const Signal = z.object({
  id: z.string(),
  pupil: Ref,
  className: z.string().nullable(),
  note: z.string(),
  entry: z.object({ kind: z.enum(logbookKinds), occurredOn: z.string(), body: z.string().nullable() }).nullable(),
  raisedBy: Ref,
  status: z.enum(['open', 'on_agenda', 'closed']),
  createdAt: z.date(),
});

export const MyClass = z.object({ id: z.string(), name: z.string(), school: Ref, schoolYear: z.string(), pupilCount: z.number(), isMentor: z.boolean() });
export const ClassScan = z.object({
  class: z.object({ id: z.string(), name: z.string(), schoolYear: z.string(), level: z.string().nullable(), school: Ref }),
  pupils: z.array(z.object({
    id: z.string(),
    name: z.string(),
    supportLevel: z.enum(supportLevels),
    caseManager: z.string().nullable(),
    needs: z.array(z.object({ category: z.enum(needCategories), description: z.string() })),
    advices: z.array(z.string()),
  })),
  generatedAt: z.date(),
});

import { z } from 'zod';
import { day, optionalText, requiredText, searchText } from '../../platform/http/schemas.ts';

/**
 * Peer audits (seed 000, "Handreiking: Tips en succesfactoren van scholen
 * voor scholen"). Glossary: *audit* (onderlinge audit: a school visited by
 * the leader and OCO of another school with the partnership's director),
 * *voorzitter* (the independent chair who writes the report),
 * *horizontale verantwoording* (the random pupil with an arrangement, to see
 * whether extra support is distinguishable from basic support).
 */

/** The questions of the chair's report, from seed 000's "Opzet" and "Horizontale verantwoording". */
export const reportQuestions = [
  { key: 'successful', label: 'Het succesvolle dossier: wat werkte, en waardoor?' },
  { key: 'difficult', label: 'Het moeilijke dossier: waar liep het vast, en wat adviseren de auditoren?' },
  { key: 'drawnPupil', label: 'De willekeurig getrokken leerling: is de extra ondersteuning binnen het arrangement herkenbaar en te onderscheiden van de basisondersteuning?' },
  { key: 'budgets', label: 'Wat heeft de school bereikt met de budgetten voor leerlingen met een ondersteuningsarrangement?' },
  { key: 'absence', label: 'Hoe gaat de school om met schoolverzuim?' },
  { key: 'advice', label: 'Adviezen van de auditoren aan de school' },
] as const;
export type ReportQuestion = (typeof reportQuestions)[number]['key'];

/** The themes seed 000 collects its tips under; the shared guide is ordered by them. */
export const guideThemes = [
  'Grens van onderwijs en ketenpartners',
  'Leerachterstanden: preventief handelen',
  'Aanmeldingen en tussentijdse instroom',
  'Aanpassingen aan het onderwijsprogramma',
  'Leerlingen met ASS',
  'Eén casemanager per leerling',
  'Ouders aanspreken op eigen verantwoordelijkheid',
  'Motivatie, verzuim en thuiszitters',
  'Maatwerk in het regulier VO',
  'Overstap van VSO naar regulier onderwijs',
  'Samenwerking met ketenpartners',
  'Start van nieuwe leerlingen met begeleidingsindicatoren',
  'Driehoek ouders-kind-school',
  'Overgang naar VO, MBO, HBO of universiteit',
  'Rol van mentor en vakdocenten bij arrangementen',
  'Professionaliseren van mentoren en docententeams',
  'Hoogbegaafde leerlingen met extra ondersteuningsbehoefte',
  'Angst en schoolweigering',
  'Lwoo-begeleiding',
] as const;

export const findingKinds = ['success', 'pitfall'] as const;
export const findingKindLabels: Record<(typeof findingKinds)[number], string> = { success: 'Succesfactor', pitfall: 'Valkuil of belemmering' };

export const Finding = z.object({
  kind: z.enum(findingKinds, 'Kies succesfactor of valkuil.'),
  theme: z.enum(guideThemes, 'Kies een thema uit de lijst.'),
  text: requiredText(1000, 'Beschrijf de succesfactor of valkuil.'),
});

export const ReportInput = z.object({
  answers: z.object(Object.fromEntries(reportQuestions.map((q) => [q.key, optionalText(4000)])) as Record<ReportQuestion, ReturnType<typeof optionalText>>),
  findings: z.array(Finding).max(40, 'Hoogstens 40 succesfactoren en valkuilen per verslag.'),
});
export type Report = z.infer<typeof ReportInput>;

export const ImprovementsInput = z.object({
  points: z
    .array(z.object({ text: requiredText(600, 'Beschrijf het verbeterpunt.'), spearheadId: z.uuid('Kies een speerpunt.') }))
    .max(20, 'Hoogstens 20 verbeterpunten.'),
});

const schoolYear = z.string().regex(/^\d{4}-\d{4}$/, 'Kies een schooljaar.').refine((y) => Number(y.slice(5)) === Number(y.slice(0, 4)) + 1, 'Kies een schooljaar.');
export const RoundQuery = z.object({ schoolYear: schoolYear.optional() });
export const DrawRoundInput = z.object({ schoolYear });
export const AdjustRoundInput = z.object({
  auditorSchoolId: z.uuid('Kies de auditerende school.'),
  auditedSchoolId: z.uuid('Kies de school die zij auditeert.'),
  reason: requiredText(500, 'Schrijf op waarom de rotatie wordt aangepast.'),
});

export const AuditPlanInput = z.object({
  plannedOn: day,
  plannedMinutes: z.number().int().min(30, 'Minstens 30 minuten.').max(480, 'Hoogstens 8 uur.'),
  auditorUserIds: z.array(z.uuid('Kies een medewerker uit de lijst.')).min(1, 'Kies minstens één auditor.').max(6),
  chairName: requiredText(120, 'Vul de naam van de onafhankelijke voorzitter in.'),
  successfulDossier: optionalText(1000),
  difficultDossier: optionalText(1000),
});

const Pair = z.object({ auditor: z.object({ id: z.string(), name: z.string() }), audited: z.object({ id: z.string(), name: z.string() }), auditId: z.string() });
export const RoundView = z.object({
  schoolYear: z.string(),
  round: z
    .object({
      id: z.string(),
      seed: z.string(),
      drawnAt: z.date(),
      drawnBy: z.string().nullable(),
      repeats: z.number(),
      pairs: z.array(Pair),
      adjustments: z.array(z.object({ auditor: z.string(), audited: z.string(), reason: z.string(), by: z.string(), at: z.string() })),
    })
    .nullable(),
  allowed: z.object({ draw: z.boolean(), adjust: z.boolean() }),
});

export const AuditView = z.object({
  id: z.string(),
  schoolYear: z.string(),
  school: z.object({ id: z.string(), name: z.string() }),
  auditorSchool: z.object({ id: z.string(), name: z.string() }),
  plannedOn: z.string().nullable(),
  plannedMinutes: z.number(),
  auditors: z.array(z.object({ id: z.string(), name: z.string() })),
  chairName: z.string(),
  successfulDossier: z.string(),
  difficultDossier: z.string(),
  draw: z.object({ seed: z.string(), listSize: z.number(), drawnAt: z.date(), pupilDrawn: z.boolean() }).nullable(),
  report: ReportInput.extend({ by: z.string().nullable(), at: z.date() }).nullable(),
  improvements: z.array(z.object({ text: z.string(), spearheadId: z.string() })),
  improvementsAt: z.date().nullable(),
  /** Staff who may be named as auditors: the leaders and OCOs of the auditing school, and the partnership's directors. */
  candidates: z.array(z.object({ id: z.string(), name: z.string() })),
  spearheads: z.array(z.object({ id: z.string(), label: z.string(), active: z.boolean() })),
  allowed: z.object({ plan: z.boolean(), drawPupil: z.boolean(), readDrawnPupil: z.boolean(), report: z.boolean(), improve: z.boolean() }),
});

/** What the auditors see of the drawn pupil on the audit day: the granted support and the plan, to tell extra from basic support. */
export const DrawnPupilView = z.object({
  pupil: z.object({ id: z.string(), name: z.string(), birthYear: z.number().nullable() }),
  arrangements: z.array(z.object({ kind: z.string(), offers: z.string().nullable(), hours: z.number().nullable(), amountEur: z.number().nullable(), startsOn: z.string(), endsOn: z.string(), status: z.string() })),
  opp: z.object({ status: z.string(), measures: z.array(z.object({ aspect: z.string(), description: z.string(), who: z.string() })) }).nullable(),
  /** Until the end of the audit day (Dutch time): then the access ends. */
  openUntil: z.string(),
});

/** The shared guide: every school's search over the success factors and pitfalls the audits found, by theme. */
export const GuideQuery = z.object({
  q: searchText,
  theme: z.enum(guideThemes, 'Kies een thema uit de lijst.').optional(),
});
export const GuideView = z.object({
  themes: z.array(
    z.object({
      theme: z.string(),
      entries: z.array(z.object({ kind: z.enum(findingKinds), text: z.string(), schoolYear: z.string() })),
    }),
  ),
  total: z.number(),
});

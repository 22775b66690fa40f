import { z } from 'zod';
import { day, optionalText, requiredText } from '../../platform/http/schemas.ts';

/**
 * Quality of support (DOMAIN C10): the partnership's spearheads and each
 * school's yearly action plan, PDCA. Glossary: *speerpunt* (a spearhead of
 * the partnership's support plan), *voorjaarsronde* (the spring round: the
 * school's plan for the coming school year is written and discussed),
 * *najaarsronde* (the autumn round: the goals of the year just ended are
 * evaluated). School-level data: nothing here names a pupil.
 */

/** The seven spearheads of the Ondersteuningsplan 2018-2022 that seed 001 orders its action points by: the demo's and a new partnership's first list. */
export const FIRST_SPEARHEADS = [
  { label: 'Het ontwikkelen van de trajectvoorziening', description: 'De trajectvoorziening als expertisecentrum in de school: observaties in de klas, advies en coaching van docenten, time-out.' },
  { label: 'Handelingsgericht inzetten van het OPP', description: 'Planmatig werken met het OPP: handelingsgerichte doelen, vaste evaluatiemomenten, ouders en leerling betrokken.' },
  { label: 'Versterken van de zorgstructuur', description: 'Mentoren, zorgadviesteam en ketenpartners: ondersteuning lager en breder in de school.' },
  { label: 'Beleid rondom langdurig verzuimende leerlingen', description: 'Passend aanbod voor thuiszitters, verzuimprotocol en verzuimcoördinator.' },
  { label: 'Soepel verlopende overstapmomenten', description: 'Warme overdracht PO-VO, zij-instroom, VMBO-PrO en VO-MBO.' },
  { label: 'Professionaliseren van mentoren en docententeams', description: 'Coaching, scholing, intervisie en handelingsadviezen in de klas.' },
  { label: 'Opbrengsten monitoren, kwaliteitsbeleid', description: 'Indicatoren, tevredenheidsonderzoek en de onderlinge audits.' },
] as const;

/** Where a school spends its support budget (seed 001, "Financiën": "De ondersteuningsmiddelen worden ingezet op"). */
export const budgetLines = ['care_staff', 'trajectory', 'mentors', 'study_coaches', 'nt2', 'professionalisation', 'other'] as const;
export const budgetLineLabels: Record<(typeof budgetLines)[number], string> = {
  care_staff: 'Formatie zorgmedewerkers (TV, BPO, zorgcoördinatie)',
  trajectory: 'Uitbreiding formatie trajectvoorziening',
  mentors: 'Uitbreiding formatie (persoonlijk) mentoraat',
  study_coaches: 'Uitbreiding formatie studiecoaches',
  nt2: 'Formatie NT2',
  professionalisation: 'Professionalisering, scholing',
  other: 'Anders (zie acties)',
};

/** Who sat at the spring round's table: school leaders and OCOs, and on the partnership's invitation the (G)MR, parents, pupils and teachers (seed 001). */
export const attendeeKinds = ['leader', 'coordinator', 'gmr', 'parents', 'pupils', 'teachers'] as const;
export const attendeeLabels: Record<(typeof attendeeKinds)[number], string> = {
  leader: 'Schoolleider',
  coordinator: 'Ondersteuningscoördinator (OCO)',
  gmr: '(G)MR',
  parents: 'Ouders',
  pupils: 'Leerlingen',
  teachers: 'Docenten',
};

export const goalResults = ['reached', 'partly', 'not'] as const;
export const goalResultLabels: Record<(typeof goalResults)[number], string> = { reached: 'Behaald', partly: 'Deels behaald', not: 'Niet behaald' };

/** Where a goal came from: written new, carried over from last year's plan, or an improvement point of the school's peer audit. */
export const goalOrigins = ['new', 'carried', 'audit'] as const;

export const IndicatorInput = z.object({
  name: requiredText(200, 'Vul in waaraan u het resultaat ziet.'),
  target: requiredText(120, 'Vul de streefwaarde in, bijvoorbeeld "80%" of "minder dan 5".'),
});

export const GoalInput = z.object({
  id: z.uuid('Dit doel klopt niet; laad de pagina opnieuw.'),
  spearheadId: z.uuid('Kies een speerpunt.'),
  /** SMART: specific, measurable, acceptable, realistic, on time. */
  goal: requiredText(600, 'Beschrijf het doel.'),
  actions: optionalText(2000),
  owner: optionalText(120),
  budgetLine: z.enum(budgetLines, 'Kies een post uit de lijst.').nullable(),
  indicators: z.array(IndicatorInput).max(10, 'Hoogstens 10 indicatoren per doel.'),
  origin: z.enum(goalOrigins).default('new'),
  /** The goal of last year's plan this one continues. */
  carriedFrom: z.uuid().nullable().default(null),
});
export type GoalInput = z.infer<typeof GoalInput>;

export const PlanContent = z
  .object({
    /** Where the school stands, in a few lines: the plan's starting point. */
    summary: optionalText(2000),
    goals: z.array(GoalInput).max(60, 'Hoogstens 60 doelen in één plan.'),
  })
  .superRefine((c, ctx) => {
    const ids = new Set<string>();
    c.goals.forEach((g, i) => {
      if (ids.has(g.id)) ctx.addIssue({ code: 'custom', path: ['goals', i, 'goal'], message: 'Dit doel staat er twee keer in; laad de pagina opnieuw.' });
      ids.add(g.id);
    });
  });
export type PlanContent = z.infer<typeof PlanContent>;
export const emptyPlan = (): PlanContent => ({ summary: '', goals: [] });

export const schoolYear = z.string().regex(/^\d{4}-\d{4}$/, 'Kies een schooljaar.').refine((y) => Number(y.slice(5)) === Number(y.slice(0, 4)) + 1, 'Kies een schooljaar.');

export const SpearheadsInput = z.object({
  spearheads: z
    .array(
      z.object({
        id: z.uuid().optional(),
        label: requiredText(160, 'Geef het speerpunt een naam.'),
        description: optionalText(600),
        active: z.boolean(),
      }),
    )
    .min(1, 'Noem minstens één speerpunt.')
    .max(30),
});

export const Spearhead = z.object({ id: z.string(), label: z.string(), description: z.string(), active: z.boolean() });
export const SpearheadsView = z.object({ spearheads: z.array(Spearhead), allowed: z.object({ manage: z.boolean() }) });

export const planStatuses = ['none', 'draft', 'submitted', 'discussed', 'evaluated'] as const;
export const planStatusLabels: Record<(typeof planStatuses)[number], string> = {
  none: 'Nog niet begonnen',
  draft: 'Concept',
  submitted: 'Ingediend',
  discussed: 'Besproken',
  evaluated: 'Geëvalueerd',
};

export const PlanListQuery = z.object({ schoolYear: schoolYear.optional() });
export const PlanList = z.object({
  schoolYear: z.string(),
  springDue: z.string(),
  autumnDue: z.string(),
  rows: z.array(
    z.object({
      school: z.object({ id: z.string(), name: z.string() }),
      planId: z.string().nullable(),
      status: z.enum(planStatuses),
      goals: z.number(),
      allowed: z.object({ start: z.boolean() }),
    }),
  ),
  allowed: z.object({ manageSpearheads: z.boolean(), roundReport: z.boolean() }),
});

export const StartPlanInput = z.object({ schoolId: z.uuid('Kies een school.'), schoolYear });
export const SavePlanInput = z.object({ revision: z.number().int().min(1), content: PlanContent });
export const RevisionInput = z.object({ revision: z.number().int().min(1) });

export const DiscussionInput = z.object({
  heldOn: day,
  attendees: z.array(z.enum(attendeeKinds, 'Kies uit de lijst.')).min(1, 'Kies wie er bij het gesprek waren.').max(attendeeKinds.length),
  notes: optionalText(4000),
});
export type Discussion = z.infer<typeof DiscussionInput>;

export const GoalEvaluation = z.object({ result: z.enum(goalResults, 'Kies behaald, deels of niet behaald.'), learnt: optionalText(2000) });
export const EvaluationInput = z.object({
  goals: z.array(z.object({ goalId: z.uuid(), result: z.enum(goalResults, 'Kies behaald, deels of niet behaald.'), learnt: optionalText(2000) })).max(60),
  /** Closes the autumn round for this plan: every goal must then have its result. */
  close: z.boolean(),
});

export const PlanView = z.object({
  id: z.string(),
  schoolYear: z.string(),
  school: z.object({ id: z.string(), name: z.string() }),
  content: PlanContent,
  revision: z.number(),
  updatedAt: z.date(),
  updatedBy: z.string().nullable(),
  submitted: z.object({ at: z.date(), by: z.string().nullable() }).nullable(),
  discussion: DiscussionInput.extend({ by: z.string().nullable(), at: z.date() }).nullable(),
  evaluation: z.record(z.string(), GoalEvaluation),
  evaluated: z.object({ at: z.date(), by: z.string().nullable() }).nullable(),
  /** What "carry over" would bring in from last school year: goals of its plan not (yet) reached, and improvement points of its audit. */
  previous: z.object({ schoolYear: z.string(), open: z.number(), auditPoints: z.number() }),
  spearheads: z.array(Spearhead),
  springDue: z.string(),
  autumnDue: z.string(),
  allowed: z.object({ edit: z.boolean(), submit: z.boolean(), discuss: z.boolean(), evaluate: z.boolean() }),
});
export type PlanView = z.infer<typeof PlanView>;

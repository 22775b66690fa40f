import { anyOf, definePolicy, partnershipRole, schoolRole } from '../../platform/access/policy.ts';
import { hasPartnershipRole, schoolsWithRole } from '../../platform/access/principal.ts';
import type { Role } from '../../platform/access/roles.ts';

/**
 * Who takes part in the quality cycle (DOMAIN C10; seed 001). The
 * partnership's director and admin set the spearheads of the support plan;
 * the director and the consultants hold the spring and autumn rounds with
 * every school. At the school the school leader and the OCO write and
 * evaluate the plan ("Bij deze gesprekken waren schoolleiders en
 * zorgcoördinatoren aanwezig", seed 001); the support team reads it.
 */
const PARTNERSHIP_READERS: Role[] = ['swv_director', 'swv_consultant', 'swv_admin'];
const ROUND_HOLDERS: Role[] = ['swv_director', 'swv_consultant'];
const SCHOOL_READERS: Role[] = ['schoolleider', 'oco', 'ondersteuner'];
const SCHOOL_WRITERS: Role[] = ['schoolleider', 'oco'];

export interface PlanResource {
  schoolId: string | null;
  submittedAt: Date | null;
  evaluatedAt: Date | null;
}

const evaluated = (r: PlanResource) => (r.evaluatedAt ? 'Dit actieplan is al geëvalueerd in de najaarsronde; het ligt vast.' : null);

/**
 * A school's action plan for a school year: the school writes, hands it in
 * and evaluates it; the partnership reads every school's and records the
 * spring round's discussion. Not pupil data (a plan names no pupil).
 */
export const actionPlanPolicy = definePolicy<PlanResource, 'read' | 'edit' | 'submit' | 'discuss' | 'evaluate'>(
  'action_plan',
  {
    read: anyOf(partnershipRole(...PARTNERSHIP_READERS), schoolRole(...SCHOOL_READERS)),
    edit: schoolRole(...SCHOOL_WRITERS),
    submit: schoolRole(...SCHOOL_WRITERS),
    discuss: partnershipRole(...ROUND_HOLDERS),
    evaluate: schoolRole(...SCHOOL_WRITERS),
  },
  {
    scopes: {
      // Over `schools s`: the schools whose plans the reader sees in the list.
      read: (db, p) => (hasPartnershipRole(p, ...PARTNERSHIP_READERS) ? db`true` : db`s.id = any(${schoolsWithRole(p, ...SCHOOL_READERS)}::uuid[])`),
    },
    notNow: {
      edit: evaluated,
      submit: (r) => evaluated(r) ?? (r.submittedAt ? 'Dit actieplan is al ingediend.' : null),
      discuss: (r) => evaluated(r) ?? (r.submittedAt ? null : 'De school heeft het actieplan nog niet ingediend; het gesprek volgt daarna.'),
      evaluate: (r) => evaluated(r) ?? (r.submittedAt ? null : 'Dien het actieplan eerst in; geëvalueerd wordt in de najaarsronde na het schooljaar.'),
    },
  },
);

/** The partnership's side: its spearheads, and the list of every school's plan. */
export const qualityPolicy = definePolicy<object, 'readSpearheads' | 'manageSpearheads' | 'listPlans' | 'followRounds'>('quality', {
  // Every staff member may read the spearheads: they are the partnership's published support plan.
  readSpearheads: (p) => p.roles.length > 0,
  manageSpearheads: partnershipRole('swv_director', 'swv_admin'),
  listPlans: anyOf(partnershipRole(...PARTNERSHIP_READERS), (p) => schoolsWithRole(p, ...SCHOOL_READERS).length > 0),
  // Who holds the rounds sees which schools still wait for them.
  followRounds: partnershipRole(...ROUND_HOLDERS),
});

import { anyOf, definePolicy, ownClass, partnershipRole, schoolRole } from '../../platform/access/policy.ts';
import { SUPPORT_TEAM_ROLES, WHOLE_SCHOOL_ROLES } from '../pupils/api.ts';
import type { oppKinds, oppStatuses } from './schema.ts';

export interface PlanResource {
  schoolId: string | null;
  classId: string | null;
  caseManagerId: string | null;
  /**
   * Where the plan stands: the status of its current version, or 'closed'
   * after the evaluation that ended it. Null for a plan not made yet.
   */
  status: (typeof oppStatuses)[number] | null;
  kind: (typeof oppKinds)[number] | null;
  /** For a plan not made yet ('create'): the pupil already has one that is not closed. */
  pupilHasOpenPlan?: boolean;
}

/** No plan in particular: for what is asked of the partnership or a school as a whole. */
export const anyPlan: PlanResource = { schoolId: null, classId: null, caseManagerId: null, status: null, kind: null };

/** The plan a pupil would get ('create'): at their school, in their class, with their case manager. */
export const planToMake = (pupil: { schoolId: string; classId: string | null }, caseManagerId: string | null, pupilHasOpenPlan: boolean): PlanResource => ({
  schoolId: pupil.schoolId,
  classId: pupil.classId,
  caseManagerId,
  status: null,
  kind: null,
  pupilHasOpenPlan,
});

/**
 * Authors of an OPP: the support team, the pupil's case manager, and the mentor
 * of the pupil's class: the plan is a working document that mentors and
 * teachers use, not a form for the file. Everyone who sees the pupil reads the
 * plan.
 */
const author = anyOf<PlanResource>(schoolRole(...SUPPORT_TEAM_ROLES), ownClass(), (p, r) => r.caseManagerId === p.userId);
const reader = anyOf<PlanResource>(schoolRole(...WHOLE_SCHOOL_ROLES), ownClass(), (p, r) => r.caseManagerId === p.userId);

const CLOSED = 'Dit OPP is afgesloten.';

/**
 * Who may do what with a plan, and when (docs/decisions/0010-policy-as-scope.md).
 * The rules say whose an action is (403 otherwise); `notNow` says when the
 * plan's status refuses it (409 with the reason and what to do instead). The
 * plan's lifecycle (WPO art. 40a, WEC art. 41a, WVO art. 17a: the
 * handelingsdeel needs the parents' consent): a draft is written, sent to the parents and
 * then frozen; their answers make it agreed or disagreed; an evaluation leads
 * to a new version or closes the plan. One open plan per pupil.
 */
export const planPolicy = definePolicy<
  PlanResource,
  'read' | 'create' | 'edit' | 'revise' | 'upgrade' | 'recordConsultation' | 'send' | 'recordResponse' | 'evaluate' | 'downloadPdf' | 'overview' | 'partnershipNumbers'
>('opp', {
  // The numbers of every school together: the director's.
  partnershipNumbers: partnershipRole('swv_director'),
  read: reader,
  create: author,
  // Writing in the draft.
  edit: author,
  // A new draft version from the current one (after a disagreement, or to adjust an agreed plan).
  revise: author,
  upgrade: author,
  recordConsultation: author,
  send: author,
  recordResponse: author,
  evaluate: author,
  downloadPdf: reader,
  // The school's overview of all plans: support team and school leader.
  overview: schoolRole(...WHOLE_SCHOOL_ROLES),
}, {
  pupilData: true,
  notNow: {
    create: (r) => (r.pupilHasOpenPlan ? 'Deze leerling heeft al een lopend OPP. Werk dat plan bij of evalueer het.' : null),
    edit: (r) => (r.status !== 'draft' ? 'Deze versie is al naar de ouders gestuurd en ligt vast. Maak een nieuwe versie om het plan aan te passen.' : null),
    revise: (r) => (r.status === 'closed' ? CLOSED : null),
    // A closed plan stays closed: a new version of it would reopen it beside the pupil's next plan.
    upgrade: (r) => (r.kind === 'full' ? 'Dit is al een volledig OPP.' : r.status === 'closed' ? CLOSED : null),
    send: (r) => (r.status !== 'draft' ? 'Deze versie is al verstuurd.' : null),
    recordResponse: (r) => (r.status !== 'with_parents' ? 'Deze versie van het plan wacht niet (meer) op een reactie.' : null),
    evaluate: (r) => (r.status !== 'agreed' && r.status !== 'disagreed' ? 'Alleen een plan dat met de ouders is besproken kan worden geëvalueerd.' : null),
  },
});

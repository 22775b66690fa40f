import { anyOf, definePolicy, ownClass, partnershipRole, schoolRole } from '../../platform/access/policy.ts';
import { SUPPORT_TEAM_ROLES, WHOLE_SCHOOL_ROLES } from '../pupils/api.ts';

export interface PlanResource {
  schoolId: string | null;
  classId: string | null;
  caseManagerId: string | null;
}

/**
 * Authors of an OPP: the support team, the pupil's case manager, and the mentor
 * of the pupil's class: the plan is a working document that mentors and
 * teachers use, not a form for the file. Everyone who sees the pupil reads the
 * plan.
 */
/** No plan in particular: for what is asked of the partnership as a whole. */
export const anyPlan: PlanResource = { schoolId: null, classId: null, caseManagerId: null };

const author = anyOf<PlanResource>(schoolRole(...SUPPORT_TEAM_ROLES), ownClass(), (p, r) => r.caseManagerId === p.userId);

export const planPolicy = definePolicy<PlanResource, 'read' | 'create' | 'edit' | 'send' | 'recordResponse' | 'evaluate' | 'downloadPdf' | 'overview' | 'partnershipNumbers'>('opp', {
  // The numbers of every school together: the director's.
  partnershipNumbers: partnershipRole('swv_director'),
  read: anyOf(schoolRole(...WHOLE_SCHOOL_ROLES), ownClass(), (p, r) => r.caseManagerId === p.userId),
  create: author,
  edit: author,
  send: author,
  recordResponse: author,
  evaluate: author,
  downloadPdf: anyOf(schoolRole(...WHOLE_SCHOOL_ROLES), ownClass(), (p, r) => r.caseManagerId === p.userId),
  // The school's overview of all plans: support team and school leader.
  overview: schoolRole(...WHOLE_SCHOOL_ROLES),
}, { pupilData: true });

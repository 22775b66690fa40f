import { anyOf, definePolicy, partnershipRole, schoolRole, type Rule } from '../../platform/access/policy.ts';
import { hasPartnershipRole, schoolsWithRole, type Principal } from '../../platform/access/principal.ts';
import { SUPPORT_TEAM_ROLES, WHOLE_SCHOOL_ROLES } from '../pupils/api.ts';
import type { Role } from '../../platform/access/roles.ts';
import { openStatuses, type RequestStatus } from './schema.ts';

/** Who decides on requests: the director and the staff they mandated. */
export const DECIDER_ROLES: Role[] = ['swv_director', 'swv_decider'];

/**
 * What of the work list a principal reaches: the loket (consultants and the
 * director) every submitted request, experts those they advise on, deciders
 * those at or past the decision, school staff their schools' requests.
 */
export const queueReach = (p: Principal) => ({
  loket: hasPartnershipRole(p, 'swv_consultant', 'swv_director'),
  expert: hasPartnershipRole(p, 'swv_expert'),
  decider: hasPartnershipRole(p, 'swv_decider'),
  schools: schoolsWithRole(p, ...WHOLE_SCHOOL_ROLES),
});

/** The partnership configures its requests (arrangement kinds, targets, required parts): its admin and director. */
export const requestSettingsPolicy = definePolicy<object, 'manage'>('request_settings', {
  manage: partnershipRole('swv_admin', 'swv_director'),
});

export interface RequestResource {
  schoolId: string | null;
  status: RequestStatus;
  kind: 'arrangement' | 'tlv' | 'opdc' | 'consultation';
  assignedTo: string | null;
  expertIds: string[];
}

/** A draft at a school, as a request just started there: who may compose one. */
export const draftAt = (schoolId: string, kind: RequestResource['kind'] = 'consultation'): RequestResource => ({ schoolId, status: 'draft', kind, assignedTo: null, expertIds: [] });

/**
 * Who holds a request (docs/decisions/0008-requests.md):
 * - the school: its support team composes, submits and answers; the school
 *   leader reads. Nobody at the partnership sees a draft.
 * - the loket (any consultant) sees the queue and takes or assigns a request;
 *   only the assigned consultant opens it: partnership staff see a pupil only
 *   through a request they hold.
 * - experts see only the requests they are assigned to.
 * - the director, or staff the director mandated (swv_decider), decides;
 *   they hold every request that reached the decision. Never on a request
 *   they handled as its consultant or advised on as an expert: the decision
 *   is a second pair of eyes.
 */
const submitted = (r: RequestResource) => r.status !== 'draft';
const assignedConsultant: Rule<RequestResource> = (p, r) => submitted(r) && r.assignedTo === p.userId && hasPartnershipRole(p, 'swv_consultant');
const assignedExpert: Rule<RequestResource> = (p, r) => submitted(r) && r.expertIds.includes(p.userId) && hasPartnershipRole(p, 'swv_expert');
const director: Rule<RequestResource> = (p, r) =>
  ['decision', 'decided'].includes(r.status) && hasPartnershipRole(p, ...DECIDER_ROLES) && r.assignedTo !== p.userId && !r.expertIds.includes(p.userId);
const schoolTeam = schoolRole<RequestResource>(...SUPPORT_TEAM_ROLES);
const partnershipHolder = anyOf(assignedConsultant, assignedExpert, director);
const open = (r: RequestResource) => openStatuses.includes(r.status);
const when =
  (test: (r: RequestResource) => boolean, rule: Rule<RequestResource>): Rule<RequestResource> =>
  (p, r) =>
    test(r) && rule(p, r);

export const requestPolicy = definePolicy<
  RequestResource,
  'read' | 'edit' | 'submit' | 'withdraw' | 'supplement' | 'message' | 'askAddition' | 'answerAddition' | 'take' | 'assignExperts' | 'advise' | 'toDecision' | 'answerConsultation' | 'decide' | 'summary' | 'objection'
>('request', {
  read: anyOf(schoolRole(...WHOLE_SCHOOL_ROLES), partnershipHolder),
  edit: when((r) => r.status === 'draft', schoolTeam),
  submit: when((r) => r.status === 'draft', schoolTeam),
  withdraw: when((r) => r.status === 'draft' || open(r), schoolTeam),
  // More from the dossier after submission (nasturen): while the partnership still weighs it.
  supplement: when(open, schoolTeam),
  message: when(open, anyOf(schoolTeam, partnershipHolder)),
  askAddition: when(open, anyOf(assignedConsultant, assignedExpert, director)),
  answerAddition: when(open, schoolTeam),
  // The loket: any consultant takes an unassigned request or passes one on.
  take: when((r) => ['submitted', 'in_review', 'advice'].includes(r.status), partnershipRole('swv_consultant')),
  assignExperts: when((r) => r.kind === 'tlv' && ['in_review', 'advice'].includes(r.status), assignedConsultant),
  advise: when((r) => r.status === 'advice', assignedExpert),
  toDecision: when((r) => r.kind !== 'tlv' && r.kind !== 'consultation' && r.status === 'in_review', assignedConsultant),
  answerConsultation: when((r) => r.kind === 'consultation' && r.status === 'in_review', assignedConsultant),
  decide: when((r) => r.status === 'decision', director),
  // The commission summary: for those who weigh the request.
  summary: when(submitted, partnershipHolder),
  objection: when((r) => r.status === 'decided', anyOf(director, assignedConsultant)),
}, {
  pupilData: true,
  // The loket may pick up a request it does not hold yet: visible for 'take' only.
  revealedBy: ['take'],
});

/**
 * Experts advise independently: a second advice is only a second opinion
 * when it is written without the first. While the request waits for advice,
 * an expert on it sees only their own advice, in every view of the request
 * (the page, the commission summary); everyone else, and the expert once all
 * advices are in, sees them all.
 */
export function visibleAdvices<X>(p: Principal, r: RequestResource, advices: X[], expertOf: (x: X) => string): X[] {
  return r.status === 'advice' && r.expertIds.includes(p.userId) ? advices.filter((x) => expertOf(x) === p.userId) : advices;
}

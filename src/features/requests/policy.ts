import { inIds, known, type Db } from '../../db/index.ts';
import { anyOf, definePolicy, partnershipRole, schoolRole, type Rule } from '../../platform/access/policy.ts';
import { hasPartnershipRole, hasSchoolRole, schoolsWithRole, type Principal } from '../../platform/access/principal.ts';
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

/**
 * The partnership configures its requests (arrangement kinds, targets,
 * required parts): its admin and director. The loket's pickers (consultants
 * and experts) are for the consultants and the director.
 */
export const requestSettingsPolicy = definePolicy<object, 'manage' | 'staffPickers' | 'numbers'>('request_settings', {
  manage: partnershipRole('swv_admin', 'swv_director'),
  staffPickers: partnershipRole('swv_consultant', 'swv_director'),
  // The partnership's numbers at a glance (open requests by clock, TLVs ending): counts per school, no pupil.
  numbers: partnershipRole('swv_director'),
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
/** In the request's thread, the school's support team speaks for the school; everyone else for the partnership. */
export const speaksForSchool = schoolTeam;

/** The school sees the items it has not sent yet; the partnership only what it received. */
export const seesUnsent = (p: Principal, r: { schoolId: string }) => hasSchoolRole(p, r.schoolId, ...WHOLE_SCHOOL_ROLES);
const partnershipHolder = anyOf(assignedConsultant, assignedExpert, director);
const open = (r: RequestResource) => openStatuses.includes(r.status);
const when =
  (test: (r: RequestResource) => boolean, rule: Rule<RequestResource>): Rule<RequestResource> =>
  (p, r) =>
    test(r) && rule(p, r);

/** For rules about the principal alone (may they list requests at all). */
export const noRequest: RequestResource = { schoolId: null, status: 'draft', kind: 'arrangement', assignedTo: null, expertIds: [] };

/** The loket: consultants and the director see every submitted request in the work list (initials unless they hold it). */
const LOKET_ROLES: Role[] = ['swv_consultant', 'swv_director'];
const wholeSchool = schoolRole<RequestResource>(...WHOLE_SCHOOL_ROLES);
const onQueue = anyOf<RequestResource>(
  wholeSchool,
  (p, r) => submitted(r) && hasPartnershipRole(p, ...LOKET_ROLES),
  (p, r) => r.expertIds.includes(p.userId) && hasPartnershipRole(p, 'swv_expert'),
  (p, r) => ['decision', 'decided'].includes(r.status) && hasPartnershipRole(p, 'swv_decider'),
);

/**
 * The SQL twins of 'read' and 'queue' over `requests r` (policy-scope.test.ts
 * proves they admit exactly what the rules admit). A role the principal does
 * not hold is a literal false, so the planner drops its branch and keeps the
 * plan (src/db/index.ts, `known`).
 */
const isExpert = (db: Db, p: Principal) => db`exists (select 1 from request_experts x where x.request_id = r.id and x.expert_id = ${p.userId})`;
const readScope = (db: Db, p: Principal) => db`(
  ${inIds(db, 'r.school_id', schoolsWithRole(p, ...WHOLE_SCHOOL_ROLES))}
  or ${known(db, hasPartnershipRole(p, 'swv_consultant'))} and r.status <> 'draft' and r.assigned_to = ${p.userId}
  or ${known(db, hasPartnershipRole(p, 'swv_expert'))} and r.status <> 'draft' and ${isExpert(db, p)}
  or ${known(db, hasPartnershipRole(p, ...DECIDER_ROLES))} and r.status in ('decision', 'decided') and r.assigned_to is distinct from ${p.userId} and not ${isExpert(db, p)}
)`;
const queueScope = (db: Db, p: Principal) => db`(
  ${inIds(db, 'r.school_id', schoolsWithRole(p, ...WHOLE_SCHOOL_ROLES))}
  or ${known(db, hasPartnershipRole(p, ...LOKET_ROLES))} and r.status <> 'draft'
  or ${known(db, hasPartnershipRole(p, 'swv_expert'))} and ${isExpert(db, p)}
  or ${known(db, hasPartnershipRole(p, 'swv_decider'))} and r.status in ('decision', 'decided')
)`;

export const requestPolicy = definePolicy<
  RequestResource,
  | 'list'
  | 'queue'
  | 'read' | 'edit' | 'submit' | 'withdraw' | 'supplement' | 'message' | 'askAddition' | 'answerAddition' | 'take' | 'assignExperts' | 'advise' | 'toDecision' | 'answerConsultation' | 'decide' | 'summary' | 'objection'
>('request', {
  // The work list: for whoever may find a request on it (the principal alone decides; the rows are 'queue').
  list: (p) => {
    const reach = queueReach(p);
    return reach.loket || reach.expert || reach.decider || reach.schools.length > 0;
  },
  // On the work list; names only where the reader also holds it ('read').
  queue: onQueue,
  read: anyOf(wholeSchool, partnershipHolder),
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
  scopes: { read: readScope, queue: queueScope },
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

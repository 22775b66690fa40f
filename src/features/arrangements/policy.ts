import { inIds } from '../../db/index.ts';
import { anyOf, definePolicy, partnershipRole, schoolRole } from '../../platform/access/policy.ts';
import { hasPartnershipRole, schoolsWithRole } from '../../platform/access/principal.ts';
import type { Role } from '../../platform/access/roles.ts';
import { SUPPORT_TEAM_ROLES, WHOLE_SCHOOL_ROLES } from '../pupils/api.ts';

/** Partnership staff who follow every granted arrangement and OPDC place. */
const PARTNERSHIP_ROLES: Role[] = ['swv_consultant', 'swv_director', 'swv_admin'];

export interface ArrangementResource {
  schoolId: string | null;
}

/**
 * Who follows an arrangement (docs/decisions/0008-requests.md): the school's
 * whole-school roles see their school's; the consultant, director and admin
 * every one; the school's support team evaluates. Commitments per school are
 * counts and amounts for the partnership (the budget).
 */
export const arrangementPolicy = definePolicy<ArrangementResource, 'list' | 'read' | 'evaluate' | 'commitments'>('arrangement', {
  list: anyOf(partnershipRole(...PARTNERSHIP_ROLES), (p) => schoolsWithRole(p, ...WHOLE_SCHOOL_ROLES).length > 0),
  read: anyOf(partnershipRole(...PARTNERSHIP_ROLES), schoolRole(...WHOLE_SCHOOL_ROLES)),
  evaluate: schoolRole(...SUPPORT_TEAM_ROLES),
  commitments: partnershipRole(...PARTNERSHIP_ROLES),
}, {
  pupilData: true,
  // The SQL twin of 'read' over `arrangements a`.
  scopes: { read: (db, p) => (hasPartnershipRole(p, ...PARTNERSHIP_ROLES) ? db`true` : inIds(db, 'a.school_id', schoolsWithRole(p, ...WHOLE_SCHOOL_ROLES))) },
});

import type { Db } from '../../db/index.ts';
import { anyOf, definePolicy, partnershipRole } from '../../platform/access/policy.ts';
import { hasPartnershipRole, schoolsWithRole, type Principal } from '../../platform/access/principal.ts';
import { roles, type Role } from '../../platform/access/roles.ts';

/** The schools whose staff this principal manages; null: all of the partnership. */
export const managedSchools = (p: Principal): string[] | null =>
  hasPartnershipRole(p, 'swv_admin') ? null : schoolsWithRole(p, 'school_admin');

const managesAll = (p: Principal, schoolIds: (string | null)[]) => {
  const managed = managedSchools(p);
  return managed === null || schoolIds.every((s) => s !== null && managed.includes(s));
};

/** A staff member as the policy sees them: where they hold roles. */
export interface StaffResource {
  userId: string;
  status: string;
  roleSchoolIds: (string | null)[];
}

export type StaffAction = 'list' | 'read' | 'invite' | 'editRoles' | 'deactivate' | 'reactivate' | 'resendInvitation';

/** Partnership staff who see every staff member (the privacy officer to follow who reads what). */
const SEES_ALL_STAFF: Role[] = ['swv_admin', 'privacy_officer'];

/**
 * The SQL twin of 'read' over `users u` (policy-scope.test.ts proves they
 * agree): everyone for the partnership's admin and privacy officer, else
 * those with a role at a school the principal manages.
 */
const readScope = (db: Db, p: Principal) =>
  hasPartnershipRole(p, ...SEES_ALL_STAFF)
    ? db`true`
    : db`exists (select 1 from role_assignments ra where ra.user_id = u.id and ra.school_id = any(${managedSchools(p) ?? []}::uuid[]))`;

export const staffPolicy = definePolicy<StaffResource, StaffAction>('staff', {
  list: anyOf(partnershipRole(...SEES_ALL_STAFF), (p) => schoolsWithRole(p, 'school_admin').length > 0),
  read: anyOf(partnershipRole(...SEES_ALL_STAFF), (p, r) => r.roleSchoolIds.some((s) => s !== null && managedSchools(p)?.includes(s))),
  invite: (p) => managedSchools(p) === null || managedSchools(p)!.length > 0,
  // Roles elsewhere stay untouched, so a school admin edits anyone with a role at their school.
  editRoles: (p, r) => p.userId !== r.userId && (managedSchools(p) === null || r.roleSchoolIds.some((s) => s !== null && managedSchools(p)!.includes(s))),
  // An account ends for every school at once: only when all its roles are the admin's to manage.
  deactivate: (p, r) => p.userId !== r.userId && r.status !== 'deactivated' && managesAll(p, r.roleSchoolIds),
  reactivate: (p, r) => r.status === 'deactivated' && managesAll(p, r.roleSchoolIds),
  resendInvitation: (p, r) => r.status === 'invited' && managesAll(p, r.roleSchoolIds),
}, { scopes: { read: readScope } });

/** May this principal hand out (or take back) this role at this school? */
export const canAssign = (p: Principal, role: Role, schoolId: string | null): boolean => {
  if (hasPartnershipRole(p, 'swv_admin')) return true;
  return roles[role].scope === 'school' && schoolId !== null && schoolsWithRole(p, 'school_admin').includes(schoolId);
};

import { anyOf, definePolicy, ownClass, schoolRole } from '../../platform/access/policy.ts';
import { schoolsWithRole, type Principal } from '../../platform/access/principal.ts';
import type { Role } from '../../platform/access/roles.ts';

/** Roles that see every pupil of their school (DOMAIN §2; the school leader's reads are logged like all reads). */
export const WHOLE_SCHOOL_ROLES: Role[] = ['oco', 'ondersteuner', 'schoolleider'];

export interface PupilResource {
  schoolId: string | null;
  classId: string | null;
}

/**
 * Need-to-know: mentors and teachers see their own classes, the support team
 * the whole school. Partnership staff see no dossier here: later capabilities
 * grant access through a request they hold.
 */
export const pupilPolicy = definePolicy<PupilResource, 'read'>('pupil', {
  read: anyOf(schoolRole(...WHOLE_SCHOOL_ROLES), ownClass()),
});

/** The SQL scope of the pupils a principal may see: whole schools plus own classes. */
export const pupilScope = (p: Principal) => ({
  schoolIds: schoolsWithRole(p, ...WHOLE_SCHOOL_ROLES),
  classIds: p.classIds,
});

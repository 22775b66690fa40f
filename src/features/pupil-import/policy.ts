import { definePolicy, schoolRole } from '../../platform/access/policy.ts';
import type { Role } from '../../platform/access/roles.ts';

/** An import as the policy sees it: the school it is for. */
export interface ImportResource {
  schoolId: string | null;
}

/**
 * The school's support coordinator and its administrator import the school's
 * pupils (they keep the school's data in step with its pupil information
 * system); nobody else, not even the partnership's staff.
 */
export const IMPORTER_ROLES: Role[] = ['oco', 'school_admin'];
const importer = schoolRole<ImportResource>(...IMPORTER_ROLES);

export const importPolicy = definePolicy<ImportResource, 'list' | 'create' | 'read' | 'apply' | 'cancel' | 'editMapping'>('pupil_import', {
  list: importer,
  create: importer,
  read: importer,
  apply: importer,
  cancel: importer,
  editMapping: importer,
});

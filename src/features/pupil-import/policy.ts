import { definePolicy, schoolRole } from '../../platform/access/policy.ts';

/** An import as the policy sees it: the school it is for. */
export interface ImportResource {
  schoolId: string | null;
}

/**
 * The school's support coordinator and its administrator import the school's
 * pupils (they keep the school's data in step with its pupil information
 * system); nobody else, not even the partnership's staff.
 */
const importer = schoolRole<ImportResource>('oco', 'school_admin');

export const importPolicy = definePolicy<ImportResource, 'list' | 'create' | 'read' | 'apply' | 'cancel' | 'editMapping'>('pupil_import', {
  list: importer,
  create: importer,
  read: importer,
  apply: importer,
  cancel: importer,
  editMapping: importer,
});

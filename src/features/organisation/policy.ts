import { anyOf, definePolicy, partnershipRole, schoolRole } from '../../platform/access/policy.ts';
import { partnershipRoles, schoolRoles } from '../../platform/access/roles.ts';
import { IMPORTER_ROLES } from '../pupil-import/api.ts';

/** Boards and schools are known to every staff member of the partnership; only its admin changes them. */
export const boardPolicy = definePolicy<object, 'list' | 'create' | 'update'>('board', {
  list: anyOf(partnershipRole(...partnershipRoles), (p) => p.roles.length > 0),
  create: partnershipRole('swv_admin'),
  update: partnershipRole('swv_admin'),
});

export const schoolPolicy = definePolicy<{ schoolId: string | null }, 'read' | 'create' | 'update' | 'manageLocations' | 'manageStaff' | 'readClasses' | 'importPupils' | 'manageCalendar'>('school', {
  read: (p) => p.roles.length > 0,
  create: partnershipRole('swv_admin'),
  update: partnershipRole('swv_admin'),
  manageLocations: anyOf(partnershipRole('swv_admin'), schoolRole('school_admin')),
  manageStaff: anyOf(partnershipRole('swv_admin'), schoolRole('school_admin')),
  readClasses: anyOf(partnershipRole('swv_admin'), schoolRole(...schoolRoles)),
  // The import feature decides; the school page only shows its button.
  importPupils: schoolRole(...IMPORTER_ROLES),
  // The school's holiday region and study days: its leader and admin set them (the school guide publishes them); the partnership admin helps.
  manageCalendar: anyOf(partnershipRole('swv_admin'), schoolRole('school_admin', 'schoolleider')),
});

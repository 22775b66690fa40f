import { inIds } from '../../db/index.ts';
import { anyOf, definePolicy, partnershipRole, schoolRole } from '../../platform/access/policy.ts';
import { hasPartnershipRole, schoolsWithRole } from '../../platform/access/principal.ts';
import type { Role } from '../../platform/access/roles.ts';

export interface ProfileResource {
  schoolId: string | null;
}

/** The partnership's staff who weigh the region's offer: they read every school's profile. */
const PARTNERSHIP_READERS: Role[] = ['swv_director', 'swv_consultant', 'swv_admin', 'swv_expert'];
/** At the school: the support team and its leader read the profile; the OCO and the leader write it. */
const SCHOOL_READERS: Role[] = ['oco', 'schoolleider', 'ondersteuner'];
const SCHOOL_WRITERS: Role[] = ['oco', 'schoolleider'];

/**
 * A school's support profile, on need-to-know: a school works on its own
 * locations only; the partnership reads all. The school leader publishes
 * (the profile is what the school promises parents); free places are kept
 * current by whoever writes the profile, without a new publication. What is
 * published is public anyway (the directory); this guards the drafts.
 */
export const profilePolicy = definePolicy<ProfileResource, 'read' | 'edit' | 'publish' | 'freePlaces'>(
  'support_profile',
  {
    read: anyOf(partnershipRole(...PARTNERSHIP_READERS), schoolRole(...SCHOOL_READERS)),
    edit: schoolRole(...SCHOOL_WRITERS),
    publish: schoolRole('schoolleider'),
    freePlaces: schoolRole(...SCHOOL_WRITERS),
  },
  {
    scopes: {
      // Over `schools s`: the schools whose locations the reader sees in the list.
      read: (db, p) => (hasPartnershipRole(p, ...PARTNERSHIP_READERS) ? db`true` : inIds(db, 's.id', schoolsWithRole(p, ...SCHOOL_READERS))),
      edit: (db, p) => inIds(db, 's.id', schoolsWithRole(p, ...SCHOOL_WRITERS)),
    },
  },
);

/** Who weighs demand against supply: the director answers for the dekkend aanbod, the consultants search places with it. */
export const COVERAGE_READERS: Role[] = ['swv_director', 'swv_consultant'];

/**
 * The partnership's side of the offer: the list of needs, the levels and the
 * rules, the overview of every school, and the gap map (dekkend aanbod).
 */
export const offerPolicy = definePolicy<object, 'readSettings' | 'manage' | 'overview' | 'listProfiles' | 'followUpdates' | 'coverage' | 'cases'>(
  'support_offer',
  {
  // Every staff member may read the list of needs: the profile form and the directory use it.
  readSettings: (p) => p.roles.length > 0,
  manage: partnershipRole('swv_admin', 'swv_director'),
  overview: partnershipRole(...PARTNERSHIP_READERS),
  // The profiles page: the partnership's readers, or a school's support team and leader for their own locations.
  listProfiles: anyOf(partnershipRole(...PARTNERSHIP_READERS), (p) => schoolsWithRole(p, ...SCHOOL_READERS).length > 0),
  // Who set the publication rules follows them: how many schools have not updated this school year.
  followUpdates: partnershipRole('swv_admin', 'swv_director'),
  // The gap map: numbers per level and need, with "< 5" for small cells.
  coverage: partnershipRole(...COVERAGE_READERS),
  // The cases behind a cell (initials, birth year, school): the same two, who search a place for those pupils; every one shown is audited.
  cases: partnershipRole(...COVERAGE_READERS),
  },
  {
    scopes: {
      // Over `pupils p`: every pupil of the partnership behind a cell, or none.
      cases: (db, p) => (hasPartnershipRole(p, ...COVERAGE_READERS) ? db`true` : db`false`),
    },
  },
);

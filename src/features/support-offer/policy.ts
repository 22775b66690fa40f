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
      read: (db, p) => (hasPartnershipRole(p, ...PARTNERSHIP_READERS) ? db`true` : db`s.id = any(${schoolsWithRole(p, ...SCHOOL_READERS)}::uuid[])`),
      edit: (db, p) => db`s.id = any(${schoolsWithRole(p, ...SCHOOL_WRITERS)}::uuid[])`,
    },
  },
);

/** The partnership's side of the offer: the list of needs, the levels and the rules, and the overview of every school. */
export const offerPolicy = definePolicy<object, 'readSettings' | 'manage' | 'overview'>('support_offer', {
  // Every staff member may read the list of needs: the profile form and the directory use it.
  readSettings: (p) => p.roles.length > 0,
  manage: partnershipRole('swv_admin', 'swv_director'),
  overview: partnershipRole(...PARTNERSHIP_READERS),
});

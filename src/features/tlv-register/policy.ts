import { anyOf, definePolicy, partnershipRole, schoolRole } from '../../platform/access/policy.ts';
import type { Role } from '../../platform/access/roles.ts';
import { SUPPORT_TEAM_ROLES, WHOLE_SCHOOL_ROLES } from '../pupils/api.ts';
import { ENDS_SOON_MONTHS, expiresWithin } from './tlv-dates.ts';

/** The partnership-wide roles that keep the TLV register (it lists every pupil with a TLV). */
const REGISTER_ROLES: Role[] = ['swv_director', 'swv_consultant', 'swv_admin'];
/** The DUO export carries the BSN, which otherwise never leaves the server: director and admin only. */
const EXPORT_ROLES: Role[] = ['swv_director', 'swv_admin'];

/** A TLV as the policy sees it: `schoolId` is the pupil's current school. */
export interface TlvResource {
  schoolId: string | null;
  /** For the extension: when it ends, on which day we ask, and whether an extension is on its way ('open') or was granted. */
  endsOn?: string;
  today?: string;
  extension?: 'open' | 'granted' | null;
}

/**
 * Who may do what with a TLV (docs/decisions/0008-requests.md). The register
 * and its export are for the partnership; an extension is asked by the support
 * team of the school the pupil attends now, or by a consultant. The pupil's
 * current school sees that the TLV exists (a 403 rather than a 404 for its
 * school leader).
 */
export const tlvPolicy = definePolicy<TlvResource, 'list' | 'export' | 'read' | 'extend' | 'numbers'>('tlv', {
  list: partnershipRole(...REGISTER_ROLES),
  // How many TLVs end soon, per school (counts, no pupil): the director's numbers at a glance.
  numbers: partnershipRole('swv_director'),
  export: partnershipRole(...EXPORT_ROLES),
  read: anyOf(partnershipRole(...REGISTER_ROLES), schoolRole(...WHOLE_SCHOOL_ROLES)),
  extend: anyOf(partnershipRole('swv_consultant'), schoolRole(...SUPPORT_TEAM_ROLES)),
}, {
  pupilData: true,
  // An extension applies to a TLV that ends within the register's "ends soon" window and is not extended or being extended.
  notNow: {
    extend: (t) =>
      t.extension === 'open'
        ? 'Voor deze TLV is al een verlenging aangevraagd. Ga verder met die aanvraag.'
        : t.extension === 'granted'
          ? 'Deze TLV is al verlengd.'
          : t.endsOn && t.today && !expiresWithin(t.endsOn, t.today)
            ? `Een verlenging vraagt u aan als de TLV binnen ${ENDS_SOON_MONTHS} maanden afloopt.`
            : null,
  },
});

import { definePolicy, partnershipRole } from '../../platform/access/policy.ts';

/** Sign-in providers of a partnership: only its admin sees and changes them. */
export const oidcProviderPolicy = definePolicy<object, 'list' | 'create' | 'update'>('oidc_provider', {
  list: partnershipRole('swv_admin'),
  create: partnershipRole('swv_admin'),
  update: partnershipRole('swv_admin'),
});

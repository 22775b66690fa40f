import { definePolicy, partnershipRole } from '../../platform/access/policy.ts';

/** The audit log is the privacy officer's (AVG art. 38-39: the FG monitors processing). */
export const auditLogPolicy = definePolicy<object, 'read' | 'export'>('audit_log', {
  read: partnershipRole('privacy_officer'),
  export: partnershipRole('privacy_officer'),
});

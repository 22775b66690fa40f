import { definePolicy, partnershipRole } from '../../platform/access/policy.ts';

/**
 * The audit log is the privacy officer's (AVG art. 38-39: the FG monitors
 * processing). Whoever reads the log sees pupils' names in it only with
 * 'seePupils': the officer answers a parent who asks who looked at their
 * child, and finds that child by name ('findPupil').
 */
export const auditLogPolicy = definePolicy<object, 'read' | 'export' | 'seePupils' | 'findPupil'>('audit_log', {
  read: partnershipRole('privacy_officer'),
  export: partnershipRole('privacy_officer'),
  seePupils: partnershipRole('privacy_officer'),
  findPupil: partnershipRole('privacy_officer'),
});

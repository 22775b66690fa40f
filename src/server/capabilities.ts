import { auditLogPolicy } from '../features/audit-log/policy.ts';
import { oidcProviderPolicy } from '../features/auth/policy.ts';
import { anyPlan, planPolicy } from '../features/plans/policy.ts';
import { pupilPolicy, signalPolicy } from '../features/pupils/policy.ts';
import { arrangementPolicy } from '../features/arrangements/policy.ts';
import { draftAt, queueReach, requestPolicy, requestSettingsPolicy } from '../features/requests/policy.ts';
import { tlvPolicy } from '../features/tlv-register/policy.ts';
import { staffPolicy } from '../features/staff/policy.ts';
import { offerPolicy } from '../features/support-offer/policy.ts';
import { auditRoundPolicy, indicatorPolicy, qualityPolicy } from '../features/quality/policy.ts';
import { zorgplichtPolicy } from '../features/zorgplicht/policy.ts';
import { supportRoutePolicy } from '../features/support-route/policy.ts';
import { meldcodePolicy } from '../features/meldcode/policy.ts';
import type { Principal } from '../platform/access/principal.ts';
import type { May, MayAtSchool } from '../platform/access/session-schema.ts';
import type { Capabilities } from '../platform/http/context.ts';

/** Partnership-wide: a school-scoped rule asked about no school answers for the partnership roles alone. */
const partnershipWide = { schoolId: null };
const anyStaff = { userId: '', status: 'active', roleSchoolIds: [] };
/** A meldcode file not yet opened at a school: who may open one there. */
const noFile = (schoolId: string | null) => ({ schoolId, memberIds: [], closed: false });

/**
 * What the session tells the browser the user may do (GET /api/auth/session):
 * every flag asks the policy (or the reach) that the routes themselves ask,
 * so a menu item or picker shows exactly where the server would answer.
 */
export const capabilities: Capabilities = {
  everywhere(p: Principal): May {
    const reach = queueReach(p);
    const handleRequests = reach.loket || reach.expert || reach.decider;
    return {
      // A pupil of some school the reader sees whole, or of a class they teach.
      readPupils:
        p.roles.some((r) => r.schoolId !== null && pupilPolicy.can(p, 'read', { schoolId: r.schoolId, classId: null })) ||
        p.classIds.some((classId) => pupilPolicy.can(p, 'read', { schoolId: null, classId })),
      readRequests: handleRequests || reach.schools.length > 0,
      handleRequests,
      readRegister: tlvPolicy.can(p, 'list', partnershipWide),
      followArrangements: arrangementPolicy.can(p, 'read', partnershipWide) || p.roles.some((r) => r.schoolId !== null && arrangementPolicy.can(p, 'read', r)),
      followAllArrangements: arrangementPolicy.can(p, 'read', partnershipWide),
      readPartnershipPlanNumbers: planPolicy.can(p, 'partnershipNumbers', anyPlan),
      listStaff: staffPolicy.can(p, 'list', anyStaff),
      inviteStaff: staffPolicy.can(p, 'invite', anyStaff),
      manageSignInMethods: oidcProviderPolicy.can(p, 'list', {}),
      manageRequestSettings: requestSettingsPolicy.can(p, 'manage', {}),
      readAuditLog: auditLogPolicy.can(p, 'read', {}),
      readSupportProfiles: offerPolicy.can(p, 'listProfiles', {}),
      manageSupportOffer: offerPolicy.can(p, 'manage', {}),
      readCoverage: offerPolicy.can(p, 'coverage', {}),
      readActionPlans: qualityPolicy.can(p, 'listPlans', {}),
      manageSpearheads: qualityPolicy.can(p, 'manageSpearheads', {}),
      readAudits: auditRoundPolicy.can(p, 'list', {}),
      readIndicators: indicatorPolicy.can(p, 'read', {}),
      readRoundTables: qualityPolicy.can(p, 'readRoundTables', {}),
      exportMeldcodeLog: meldcodePolicy.can(p, 'exportLog', noFile(null)),
      readZorgplicht: zorgplichtPolicy.can(p, 'list', {}),
      readZorgplichtBoard: zorgplichtPolicy.can(p, 'board', {}),
    };
  },
  at(p: Principal, schoolId: string): MayAtSchool {
    const school = { schoolId };
    return {
      readSupportRoute: supportRoutePolicy.can(p, 'read', school),
      listMeetings: supportRoutePolicy.can(p, 'listMeetings', school),
      overseeAgreements: supportRoutePolicy.can(p, 'overseeAgreements', school),
      listSignals: signalPolicy.can(p, 'list', school),
      readPlansOverview: planPolicy.can(p, 'overview', { ...anyPlan, schoolId }),
      readRequests: requestPolicy.can(p, 'read', draftAt(schoolId)),
      composeRequests: requestPolicy.can(p, 'edit', draftAt(schoolId)),
      followArrangements: arrangementPolicy.can(p, 'read', school),
      keepMeldcode: meldcodePolicy.can(p, 'open', noFile(schoolId)),
    };
  },
};

import { z } from 'zod';

/**
 * What the reader may do beyond one record: which menus, pages and tiles to
 * show. The server computes it from the policies (src/server/capabilities.ts),
 * so the browser never needs to know which role may do what.
 */
export const May = z.object({
  /** The pupil list: the whole school's pupils, or one's own classes'. */
  readPupils: z.boolean(),
  /** The work list of requests (the loket, experts, deciders; the school's whole-school roles). */
  readRequests: z.boolean(),
  /** The partnership's side of the work list: every school, "only mine". */
  handleRequests: z.boolean(),
  readRegister: z.boolean(),
  followArrangements: z.boolean(),
  /** Every school's arrangements, not only one's own schools'. */
  followAllArrangements: z.boolean(),
  /** The OPP numbers of the whole partnership. */
  readPartnershipPlanNumbers: z.boolean(),
  listStaff: z.boolean(),
  inviteStaff: z.boolean(),
  manageSignInMethods: z.boolean(),
  manageRequestSettings: z.boolean(),
  readAuditLog: z.boolean(),
  /** The schools' support profiles: one's own school's, or every school's. */
  readSupportProfiles: z.boolean(),
  /** The partnership's list of needs, levels and publication rules. */
  manageSupportOffer: z.boolean(),
  /** The gap map of the region's support offer (dekkend aanbod). */
  readCoverage: z.boolean(),
  /** The schools' action plans (quality of support): one's own school's, or every school's. */
  readActionPlans: z.boolean(),
  /** The spearheads of the partnership's support plan. */
  manageSpearheads: z.boolean(),
  /** The peer audits' rotation: the partnership's, or one's own school's audits. */
  readAudits: z.boolean(),
  /** The quality indicators: every school's, or one's own beside the partnership's median. */
  readIndicators: z.boolean(),
  /** The round tables' feedback (thematafels) for the evaluation of the support plan. */
  readRoundTables: z.boolean(),
  /** The meldcode's own trail, exported apart from the audit log (the privacy officer). */
  exportMeldcodeLog: z.boolean(),
  /** The registrations (aanmeldingen) with their zorgplicht clock: a school's admissions, or the partnership's watchers. */
  readZorgplicht: z.boolean(),
  /** The partnership's zorgplicht board. */
  readZorgplichtBoard: z.boolean(),
});
export type May = z.infer<typeof May>;

/** What the reader may do at one school: the school pickers offer the schools where it is true. */
export const MayAtSchool = z.object({
  readSupportRoute: z.boolean(),
  listMeetings: z.boolean(),
  overseeAgreements: z.boolean(),
  listSignals: z.boolean(),
  readPlansOverview: z.boolean(),
  readRequests: z.boolean(),
  composeRequests: z.boolean(),
  followArrangements: z.boolean(),
  /** Opens and keeps the school's meldcode files (the aandachtsfunctionaris). */
  keepMeldcode: z.boolean(),
});
export type MayAtSchool = z.infer<typeof MayAtSchool>;

/**
 * What the browser learns about its session (GET /api/auth/session). Shared by
 * the auth feature, which answers it, and the browser kit (src/web/session.tsx),
 * which reads it; so it lives here rather than in a feature the kit may not import.
 */
export const SessionInfo = z.object({
  signedIn: z.boolean(),
  mfa: z.enum(['verified', 'required', 'enrol']).nullable(),
  csrfToken: z.string().nullable(),
  user: z
    .object({
      id: z.string(),
      name: z.string(),
      email: z.string(),
      partnership: z.object({ id: z.string(), name: z.string() }),
      /** For reading only ("you work as …"): what the user may do is in `may` and `schools`. */
      roles: z.array(z.object({ role: z.string(), label: z.string(), schoolId: z.string().nullable(), schoolName: z.string().nullable() })),
      may: May,
      /** The schools where the user holds a role, each with what they may do there. */
      schools: z.array(z.object({ id: z.string(), name: z.string(), may: MayAtSchool })),
    })
    .nullable(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

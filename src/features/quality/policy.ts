import { inIds } from '../../db/index.ts';
import { anyOf, definePolicy, partnershipRole, schoolRole } from '../../platform/access/policy.ts';
import { hasPartnershipRole, hasSchoolRole, schoolsWithRole } from '../../platform/access/principal.ts';
import type { Role } from '../../platform/access/roles.ts';
import { today } from '../../platform/time.ts';

/**
 * Who takes part in the quality cycle (DOMAIN C10; seed 001). The
 * partnership's director and admin set the spearheads of the support plan;
 * the director and the consultants hold the spring and autumn rounds with
 * every school. At the school the school leader and the OCO write and
 * evaluate the plan ("Bij deze gesprekken waren schoolleiders en
 * zorgcoördinatoren aanwezig", seed 001); the support team reads it.
 */
const PARTNERSHIP_READERS: Role[] = ['swv_director', 'swv_consultant', 'swv_admin'];
const ROUND_HOLDERS: Role[] = ['swv_director', 'swv_consultant'];
const SCHOOL_READERS: Role[] = ['schoolleider', 'oco', 'ondersteuner'];
const SCHOOL_WRITERS: Role[] = ['schoolleider', 'oco'];

export interface PlanResource {
  schoolId: string | null;
  submittedAt: Date | null;
  evaluatedAt: Date | null;
}

const evaluated = (r: PlanResource) => (r.evaluatedAt ? 'Dit actieplan is al geëvalueerd in de najaarsronde; het ligt vast.' : null);

/**
 * A school's action plan for a school year: the school writes, hands it in
 * and evaluates it; the partnership reads every school's and records the
 * spring round's discussion. Not pupil data (a plan names no pupil).
 */
export const actionPlanPolicy = definePolicy<PlanResource, 'read' | 'edit' | 'submit' | 'discuss' | 'evaluate'>(
  'action_plan',
  {
    read: anyOf(partnershipRole(...PARTNERSHIP_READERS), schoolRole(...SCHOOL_READERS)),
    edit: schoolRole(...SCHOOL_WRITERS),
    submit: schoolRole(...SCHOOL_WRITERS),
    discuss: partnershipRole(...ROUND_HOLDERS),
    evaluate: schoolRole(...SCHOOL_WRITERS),
  },
  {
    scopes: {
      // Over `schools s`: the schools whose plans the reader sees in the list.
      read: (db, p) => (hasPartnershipRole(p, ...PARTNERSHIP_READERS) ? db`true` : inIds(db, 's.id', schoolsWithRole(p, ...SCHOOL_READERS))),
    },
    notNow: {
      edit: evaluated,
      submit: (r) => evaluated(r) ?? (r.submittedAt ? 'Dit actieplan is al ingediend.' : null),
      discuss: (r) => evaluated(r) ?? (r.submittedAt ? null : 'De school heeft het actieplan nog niet ingediend; het gesprek volgt daarna.'),
      evaluate: (r) => evaluated(r) ?? (r.submittedAt ? null : 'Dien het actieplan eerst in; geëvalueerd wordt in de najaarsronde na het schooljaar.'),
    },
  },
);

/** The partnership's side: its spearheads, and the list of every school's plan. */
export const qualityPolicy = definePolicy<object, 'readSpearheads' | 'manageSpearheads' | 'listPlans' | 'followRounds' | 'readGuide' | 'readRoundTables' | 'manageRoundTables'>('quality', {
  // Every staff member may read the spearheads: they are the partnership's published support plan.
  readSpearheads: (p) => p.roles.length > 0,
  manageSpearheads: partnershipRole('swv_director', 'swv_admin'),
  listPlans: anyOf(partnershipRole(...PARTNERSHIP_READERS), (p) => schoolsWithRole(p, ...SCHOOL_READERS).length > 0),
  // Who holds the rounds sees which schools still wait for them.
  followRounds: partnershipRole(...ROUND_HOLDERS),
  // The shared guide is for every school (seed 000: "een handreiking die met alle scholen gedeeld wordt"): every staff member.
  readGuide: (p) => p.roles.length > 0,
  // Round tables (seed 003): the partnership records them; its staff and the schools' leaders and OCOs, who sat at them, read the feedback.
  readRoundTables: anyOf(partnershipRole(...PARTNERSHIP_READERS), (p) => schoolsWithRole(p, ...SCHOOL_WRITERS).length > 0),
  manageRoundTables: partnershipRole(...ROUND_HOLDERS),
});

/* ------------------------------------------------------------ peer audits */

export interface AuditResource {
  schoolId: string;
  auditorSchoolId: string;
  auditorUserIds: string[];
  plannedOn: string | null;
  drawnAt: Date | null;
  reportAt: Date | null;
}

/**
 * A peer audit (seed 000): the partnership's director plans it, draws the
 * pupil and records the independent chair's report (the chair often has no
 * account); the audited school answers with improvement points. It is read
 * by the partnership's readers, both schools' leaders and OCOs, and the
 * auditors named. No pupil is in it but the drawn one, whom drawnPupilPolicy guards.
 */
export const peerAuditPolicy = definePolicy<AuditResource, 'read' | 'plan' | 'drawPupil' | 'report' | 'improve'>(
  'peer_audit',
  {
    read: anyOf(
      partnershipRole(...PARTNERSHIP_READERS),
      (p, r) => hasSchoolRole(p, r.schoolId, ...SCHOOL_WRITERS) || hasSchoolRole(p, r.auditorSchoolId, ...SCHOOL_WRITERS),
      (p, r) => r.auditorUserIds.includes(p.userId),
    ),
    plan: partnershipRole('swv_director'),
    drawPupil: partnershipRole('swv_director'),
    report: partnershipRole('swv_director'),
    improve: schoolRole(...SCHOOL_WRITERS),
  },
  {
    scopes: {
      // Over `a peer_audits`: the audits the reader sees in the round.
      read: (db, p) =>
        hasPartnershipRole(p, ...PARTNERSHIP_READERS)
          ? db`true`
          : db`(${inIds(db, 'a.school_id', schoolsWithRole(p, ...SCHOOL_WRITERS))} or ${inIds(db, 'a.auditor_school_id', schoolsWithRole(p, ...SCHOOL_WRITERS))} or ${p.userId}::uuid = any(a.auditor_user_ids))`,
    },
    notNow: {
      drawPupil: (r) => (r.drawnAt ? 'Voor deze audit is de leerling al getrokken; een trekking wordt niet overgedaan.' : r.plannedOn ? null : 'Plan eerst de datum van de audit.'),
      improve: (r) => (r.reportAt ? null : 'Het verslag van de voorzitter is er nog niet; daarna schrijft de school haar verbeterpunten.'),
    },
  },
);

/**
 * The drawn pupil's dossier, for the auditors named on the audit, on the
 * audit day only (seed 000, "Horizontale verantwoording"; AVG art. 5(1)(b):
 * the auditors' purpose ends with the audit). The day is asked of
 * platform/time.ts, so the access ends at midnight Dutch time without a job.
 */
export interface DrawnPupilResource {
  pupilId: string | null;
  schoolId: string;
  auditorUserIds: string[];
  plannedOn: string | null;
}
export const drawnPupilPolicy = definePolicy<DrawnPupilResource, 'read'>(
  'drawn_pupil',
  { read: (p, r) => r.pupilId !== null && r.auditorUserIds.includes(p.userId) && r.plannedOn === today() },
  { pupilData: true },
);

/** The rounds: the director draws and adjusts the rotation; whoever may list plans sees the round. */
export const auditRoundPolicy = definePolicy<object, 'list' | 'draw' | 'adjust'>('audit_round', {
  list: anyOf(partnershipRole(...PARTNERSHIP_READERS), (p) => schoolsWithRole(p, ...SCHOOL_WRITERS).length > 0),
  draw: partnershipRole('swv_director'),
  adjust: partnershipRole('swv_director'),
});

/**
 * The indicator dashboard: the partnership's director and consultants see
 * every school; a school's leader and OCO see their own beside the median.
 */
export const indicatorPolicy = definePolicy<{ schoolId?: string | null }, 'read' | 'readAll' | 'readSchool'>('quality_indicators', {
  read: anyOf(partnershipRole(...ROUND_HOLDERS), (p) => schoolsWithRole(p, ...SCHOOL_WRITERS).length > 0),
  readAll: partnershipRole(...ROUND_HOLDERS),
  readSchool: (p, r) => !!r.schoolId && hasSchoolRole(p, r.schoolId, ...SCHOOL_WRITERS),
});

import { inIds, type Db } from '../../db/index.ts';
import { anyOf, definePolicy, ownClass, schoolRole } from '../../platform/access/policy.ts';
import { schoolsWithRole, type Principal } from '../../platform/access/principal.ts';
import type { Role } from '../../platform/access/roles.ts';

/** Roles that see every pupil of their school (the school leader's reads are logged like all reads). */
export const WHOLE_SCHOOL_ROLES: Role[] = ['oco', 'ondersteuner', 'schoolleider'];
/** The support team: reads confidential logbook entries and steers a pupil's support. */
export const SUPPORT_TEAM_ROLES: Role[] = ['oco', 'ondersteuner'];

export interface PupilResource {
  schoolId: string | null;
  /** The class of the pupil's current enrolment. */
  classId: string | null;
}

/** No pupil in particular: for rules about the principal alone (may they list pupils at all). */
export const anyPupil: PupilResource = { schoolId: null, classId: null };

const seesPupil = anyOf<PupilResource>(schoolRole(...WHOLE_SCHOOL_ROLES), ownClass());
const supportTeam = schoolRole<PupilResource>(...SUPPORT_TEAM_ROLES);

/**
 * The SQL twin of 'read' over `pupils p` (policy-scope.test.ts proves it
 * admits exactly what the rule admits): the pupils of the schools where the
 * principal has a whole-school role, and those currently enrolled in their
 * classes. The class is a subquery on pupils alone, not a condition on a
 * join, so the planner can still use the search index.
 */
const readScope = (db: Db, p: Principal) => db`(
  ${inIds(db, 'p.school_id', schoolsWithRole(p, ...WHOLE_SCHOOL_ROLES))}
  or ${p.classIds.length ? db`p.id in (select ce.pupil_id from enrolments ce where ce.class_id = any(${p.classIds}::uuid[]) and ce.end_date is null)` : db`false`}
)`;

/**
 * Need-to-know: mentors and teachers see their own classes, the support team
 * and school leaders the whole school. Partnership staff see no dossier here:
 * later capabilities grant access through a request they hold.
 */
export const pupilPolicy = definePolicy<PupilResource, 'list' | 'read' | 'writeLogbook' | 'readConfidential' | 'recordKwadrant' | 'manageSupport' | 'uploadDocument' | 'deleteDocument' | 'signal' | 'manageContacts'>('pupil', {
  // The pupil list: for whoever sees some pupils (the principal alone decides; the rows are 'read').
  list: (p) => schoolsWithRole(p, ...WHOLE_SCHOOL_ROLES).length > 0 || p.classIds.length > 0,
  read: seesPupil,
  writeLogbook: seesPupil,
  signal: seesPupil,
  recordKwadrant: seesPupil,
  uploadDocument: seesPupil,
  readConfidential: supportTeam,
  // Support level, case manager, needs and handelingsadviezen: decided by the support team.
  manageSupport: supportTeam,
  deleteDocument: supportTeam,
  // Parents' contact details: read by whoever reads the pupil (a mentor calls home); kept by the whole-school roles.
  manageContacts: schoolRole(...WHOLE_SCHOOL_ROLES),
}, { pupilData: true, scopes: { read: readScope } });

/**
 * The one rule for a confidential logbook entry, wherever its text travels
 * (pupil page, signals, meeting agenda, OPP facts, request snapshots, PDFs):
 * the support team of the pupil's school reads it; everyone else, at the
 * school or the partnership, sees only that it exists.
 */
export const readsConfidential = (p: Principal, pupil: { schoolId: string | null }): boolean =>
  pupilPolicy.can(p, 'readConfidential', { schoolId: pupil.schoolId, classId: null });

export interface DocumentResource extends PupilResource {
  category: string;
  /** Staff the OCO named for this document (open grants). */
  grantedTo: string[];
}

const medical = (r: DocumentResource) => r.category === 'medisch';

/**
 * A pupil's documents: whoever sees the pupil opens them, except medical
 * ones (health data, AVG art. 9: need-to-know). Those are for the school's
 * support team and the staff members the OCO names for that one document;
 * the OCO names and revokes.
 */
export const documentPolicy = definePolicy<DocumentResource, 'download' | 'grantAccess'>('document', {
  download: anyOf<DocumentResource>(
    (p, r) => !medical(r) && seesPupil(p, r),
    supportTeam,
    (p, r) => medical(r) && r.grantedTo.includes(p.userId) && seesPupil(p, r),
  ),
  grantAccess: (p, r) => medical(r) && schoolRole<DocumentResource>('oco')(p, r),
});

/** Why a confidential entry does not travel into a document others read (a request, an OPP). */
export const CONFIDENTIAL_STAYS =
  'Een vertrouwelijke logboekaantekening blijft in het dossier: alleen het ondersteuningsteam van de school mag haar lezen. Schrijf zo nodig een feitelijke aantekening zonder de vertrouwelijke details en gebruik die.';

/** The OCO's inbox of concerns: the support team and school leader read it; the support team closes. */
export const signalPolicy = definePolicy<{ schoolId: string | null }, 'list' | 'read' | 'close'>(
  'signal',
  {
    list: schoolRole(...WHOLE_SCHOOL_ROLES),
    read: schoolRole(...WHOLE_SCHOOL_ROLES),
    close: schoolRole(...SUPPORT_TEAM_ROLES),
  },
  { pupilData: true },
);

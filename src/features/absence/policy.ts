import { anyOf, definePolicy, ownClass, schoolRole } from '../../platform/access/policy.ts';
import { schoolsWithRole } from '../../platform/access/principal.ts';
import { SUPPORT_TEAM_ROLES, WHOLE_SCHOOL_ROLES, type PupilResource } from '../pupils/api.ts';

/**
 * A pupil's absence, on the same need-to-know as the pupil: the mentor of
 * the pupil's class and the school's whole-school roles (OCO, support team,
 * leader) read and record it. The school's attendance work is usually done
 * by the OCO or a member of the support team (seed 001: "inzet van
 * verzuimcoördinator, ondersteunend aan de zorgstructuur"), so no role of
 * its own yet: one would need a pupil read that stops at absence.
 * What a pupil was sick with is health data (AVG art. 9): the support team
 * only. The report to the leerplichtambtenaar is the head's duty (art. 21a:
 * "het hoofd van de school"), made by the OCO or the school leader.
 */
const seesPupil = anyOf<PupilResource>(schoolRole(...WHOLE_SCHOOL_ROLES), ownClass());

export const absencePolicy = definePolicy<PupilResource, 'read' | 'record' | 'remove' | 'readHealth' | 'report' | 'followUp'>(
  'absence',
  {
    read: seesPupil,
    record: seesPupil,
    // Taking back a record (a typing error, a sick note that came late): the whole-school roles.
    remove: schoolRole(...WHOLE_SCHOOL_ROLES),
    readHealth: schoolRole(...SUPPORT_TEAM_ROLES),
    report: schoolRole('oco', 'schoolleider'),
    // The OCO's work list: reports due, early warnings, worrying sick absence, thuiszitters.
    followUp: (p) => schoolsWithRole(p, 'oco').length > 0,
  },
  { pupilData: true },
);

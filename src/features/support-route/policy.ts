import { inIds, type Db } from '../../db/index.ts';
import { anyOf, definePolicy, schoolRole } from '../../platform/access/policy.ts';
import { schoolsWithRole, type Principal } from '../../platform/access/principal.ts';
import { SUPPORT_TEAM_ROLES, WHOLE_SCHOOL_ROLES } from '../pupils/api.ts';

/** A school's support route and its lists (meetings, agreements). */
export interface SchoolResource {
  schoolId: string | null;
}

/**
 * The OCO and the school leader describe the route; the support team and the
 * school leader read it. The support team plans meetings and records what was
 * decided (decisions that change the pupil are the support team's in the
 * pupils feature as well). Mentors see the meetings they attend.
 */
export const supportRoutePolicy = definePolicy<SchoolResource, 'read' | 'configure' | 'planMeeting' | 'listMeetings' | 'overseeAgreements'>('support_route', {
  read: schoolRole(...WHOLE_SCHOOL_ROLES),
  configure: schoolRole('oco', 'schoolleider'),
  planMeeting: schoolRole(...SUPPORT_TEAM_ROLES),
  listMeetings: schoolRole(...WHOLE_SCHOOL_ROLES, 'mentor'),
  overseeAgreements: schoolRole(...WHOLE_SCHOOL_ROLES),
});

export interface MeetingResource {
  schoolId: string | null;
  /** The viewer is on the attendee list. */
  attending: boolean;
}

/**
 * A meeting is read by the school's whole-school roles and by whoever
 * attends it. Its agenda names pupils: pupil data. The SQL twin of 'read' is
 * over `meetings m` (policy-scope.test.ts proves they agree).
 */
export const meetingPolicy = definePolicy<MeetingResource, 'read' | 'manage'>(
  'meeting',
  {
    read: anyOf(schoolRole(...WHOLE_SCHOOL_ROLES), (_p, r) => r.attending),
    manage: schoolRole(...SUPPORT_TEAM_ROLES),
  },
  {
    pupilData: true,
    scopes: {
      read: (db: Db, p: Principal) => db`(
        ${inIds(db, 'm.school_id', schoolsWithRole(p, ...WHOLE_SCHOOL_ROLES))}
        or exists (select 1 from meeting_attendees a where a.meeting_id = m.id and a.user_id = ${p.userId})
      )`,
    },
  },
);

export interface AgreementResource {
  schoolId: string | null;
  ownerId: string;
}

const owner = (p: Principal, r: AgreementResource) => p.userId === r.ownerId;

/**
 * An agreement is seen by its owner and by those who oversee the school's
 * agreements; to anyone else it does not exist. The owner closes their own
 * agreement; the OCO closes any of the school. The SQL twin of 'read' is over
 * `agreements a` (policy-scope.test.ts proves they agree): every list of
 * agreements (the pupil page, the OPP's facts, the school's overview, the
 * work list) takes it.
 */
export const agreementPolicy = definePolicy<AgreementResource, 'read' | 'markDone'>(
  'agreement',
  {
    read: anyOf(schoolRole(...WHOLE_SCHOOL_ROLES), owner),
    markDone: anyOf(schoolRole('oco'), owner),
  },
  {
    pupilData: true,
    scopes: {
      read: (db: Db, p: Principal) => db`(${inIds(db, 'a.school_id', schoolsWithRole(p, ...WHOLE_SCHOOL_ROLES))} or a.owner_id = ${p.userId})`,
    },
  },
);

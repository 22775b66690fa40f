import type { Db } from '../../../db/index.ts';
import type { StaffContext } from '../../../platform/http/context.ts';
import type { RequestKind, RequestStatus } from '../schema.ts';

export interface RequestMailInfo {
  partnershipId: string;
  pupilId: string;
  schoolId: string;
  kind: RequestKind;
  status: RequestStatus;
  firstName: string;
  birthDate: string;
  schoolName: string;
  caseManager: string | null;
  /** partnerships.settings: the signing ages live there. */
  settings: object;
}

/** The facts a mail about a request needs; the request must be the caller's partnership's and name a pupil. */
export async function requestMailInfo(db: Db, ctx: StaffContext, requestId: string): Promise<RequestMailInfo | null> {
  const [row] = await db<RequestMailInfo[]>`
    select r.partnership_id as "partnershipId", r.pupil_id as "pupilId", r.school_id as "schoolId", r.kind, r.status,
      p.first_name as "firstName", p.birth_date as "birthDate", s.name as "schoolName", cm.name as "caseManager", pa.settings
    from requests r join pupils p on p.id = r.pupil_id join schools s on s.id = r.school_id join partnerships pa on pa.id = r.partnership_id
      left join users cm on cm.id = p.case_manager_id and cm.status = 'active'
    where r.id = ${requestId} and r.partnership_id = ${ctx.scope.partnershipId}`;
  return row ?? null;
}

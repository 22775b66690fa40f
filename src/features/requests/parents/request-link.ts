import type { Db } from '../../../db/index.ts';
import { fail } from '../../../platform/errors.ts';
import { LINK_INVALID, linkBySession as sessionLink, type SubjectKindOf } from '../../parent-access/api.ts';
import { openStatuses, type RequestStatus } from '../schema.ts';

/**
 * The parent's side of a request (docs/decisions/0008-requests.md). The school asks the parents
 * (and the pupil from 16) for consent through a link in a mail; the same
 * link lets them follow the request to its decision, and a decision mails a
 * fresh one. The way in (link, code, short session, CSRF) and the mail texts
 * are parent access's (features/parent-access); a session sees this one
 * request only: what is asked, the names of the attached items (not their
 * content), where it stands, and the decision.
 */

interface RequestOfLink {
  requestId: string;
  pupilId: string;
  schoolId: string;
  pupilFirstName: string;
  schoolName: string;
}

/** A link names a request with a pupil (consent is only asked for one); without, the link says nothing. */
async function requestOfLink(db: Db, requestId: string): Promise<RequestOfLink> {
  const [row] = await db<RequestOfLink[]>`
    select r.id as "requestId", r.pupil_id as "pupilId", r.school_id as "schoolId", p.first_name as "pupilFirstName", s.name as "schoolName"
    from requests r join pupils p on p.id = r.pupil_id join schools s on s.id = r.school_id
    where r.id = ${requestId}`;
  return row ?? fail('BAD_TOKEN', LINK_INVALID);
}

/** What a request link is about: the request's pupil and school, for the code mail and the audit row. */
export const requestSubject: SubjectKindOf = {
  kind: 'request',
  async describe(db, link) {
    const r = await requestOfLink(db, link.subjectId);
    return { pupilFirstName: r.pupilFirstName, schoolName: r.schoolName, audit: { entityType: 'request', entityId: r.requestId, pupilId: r.pupilId, schoolId: r.schoolId } };
  },
};

/** The link behind the cookie, with its request; supplementIds: for a supplement, the items it asks consent for. */
export async function linkBySession(db: Db, sessionToken: string | undefined) {
  const link = await sessionLink(db, 'request', sessionToken);
  return { ...link, ...(await requestOfLink(db, link.subjectId)), supplementIds: link.attachmentIds };
}

/** A link answers while the school composes the request; a supplement link while the partnership still weighs it. */
export const mayConsent = (status: RequestStatus, link: { supplementIds: string[] | null }) =>
  link.supplementIds ? openStatuses.includes(status) : status === 'draft';

/**
 * The support route's public server API, for other features (the pupil page).
 * Plain reads: the caller checks access to the pupil and writes the audit row;
 * the meetings and agreements are taken through their policies' read scopes.
 */
import type { Db } from '../../db/index.ts';
import type { Principal } from '../../platform/access/principal.ts';
import { today } from '../../platform/time.ts';
import { agreementPolicy, meetingPolicy } from './policy.ts';

export { agreementPolicy } from './policy.ts';

export interface PupilSupportRoute {
  upcomingMeetings: { id: string; startsAt: Date; kind: string }[];
  agreements: { id: string; what: string; owner: { id: string; name: string }; dueOn: string; doneAt: Date | null; overdue: boolean }[];
}

/**
 * A pupil's place in the support route: planned meetings with the pupil on
 * the agenda (from now on, cancelled ones left out) that the reader may read,
 * and the agreements about the pupil the reader may read, open ones first.
 * `overdue`: open and the due date (a school day, Dutch time) has passed.
 * Both go through their policy's read scope
 * (docs/decisions/0010-policy-as-scope.md): a meeting or an agreement the
 * reader may not read does not exist for them, so it is left out rather than
 * shown without its details (reading the pupil is not reading every
 * agreement about them).
 */
export async function pupilSupportRoute(db: Db, principal: Principal, pupilId: string): Promise<PupilSupportRoute> {
  const [meetings, agreements] = await Promise.all([
    db<{ id: string; startsAt: Date; kind: string }[]>`
      select m.id, m.starts_at as "startsAt", k.name as kind
      from meeting_items i join meetings m on m.id = i.meeting_id join meeting_kinds k on k.id = m.kind_id
      where i.pupil_id = ${pupilId} and m.status = 'planned' and m.starts_at >= now()
        and ${meetingPolicy.scope(db, principal, 'read')}
      order by m.starts_at limit 20`,
    db<{ id: string; what: string; ownerId: string; ownerName: string; dueOn: string; doneAt: Date | null }[]>`
      select a.id, a.what, a.owner_id as "ownerId", u.name as "ownerName", a.due_on as "dueOn", a.done_at as "doneAt"
      from agreements a join users u on u.id = a.owner_id
      where a.pupil_id = ${pupilId} and ${agreementPolicy.scope(db, principal, 'read')}
      order by (a.done_at is null) desc, a.due_on, a.created_at limit 200`,
  ]);
  const day = today();
  return {
    upcomingMeetings: meetings.map((m) => ({ id: m.id, startsAt: m.startsAt, kind: m.kind })),
    agreements: agreements.map((a) => ({
      id: a.id,
      what: a.what,
      owner: { id: a.ownerId, name: a.ownerName },
      dueOn: a.dueOn,
      doneAt: a.doneAt,
      overdue: a.doneAt === null && a.dueOn < day,
    })),
  };
}

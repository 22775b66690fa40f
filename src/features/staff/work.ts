import { formatDay, today as dayOf } from '../../platform/time.ts';
import type { WorkItem, WorkRead, WorkSource } from '../../platform/work.ts';
import { staffPolicy, type StaffResource } from './policy.ts';

/**
 * What waits for the admins (docs/decisions/0012-work-and-menu.md):
 * invitations not yet accepted, for whoever may resend them. No pupil data.
 * Locked sign-ins are not on it: a lock is kept per address, not per account,
 * and lifts itself after 15 minutes (platform/auth/lockout.ts), so there is
 * nothing for an admin to do.
 */
const anyone: StaffResource = { userId: '', status: 'invited', roleSchoolIds: [] };

interface Row extends StaffResource {
  name: string;
  createdAt: Date;
}

const invited = (o: WorkRead) => o.db<Row[]>`
  select u.id as "userId", u.name, u.status, u.created_at as "createdAt",
    array(select r.school_id from role_assignments r where r.user_id = u.id) as "roleSchoolIds"
  from users u
  where u.partnership_id = ${o.partnershipId} and u.status = 'invited'
  order by u.created_at limit 500`;

const pendingInvitations: WorkSource = {
  kind: 'staff.invited',
  menu: 'admin',
  applies: (p) => staffPolicy.can(p, 'invite', anyone),
  async read(o) {
    const items = (await invited(o))
      .filter((r) => staffPolicy.can(o.principal, 'resendInvitation', r))
      .map((r): WorkItem => ({
        kind: 'staff.invited',
        title: `${r.name} heeft de uitnodiging nog niet aangenomen`,
        detail: `Uitgenodigd op ${formatDay(dayOf(r.createdAt))}; stuur de uitnodiging zo nodig opnieuw`,
        link: `/beheer/medewerkers/${r.userId}`,
        dueOn: null,
        urgency: 'later',
        subject: { entityType: 'user', entityId: r.userId, pupilId: null, schoolId: null },
      }));
    return { items, count: items.length };
  },
};

export const staffWork: WorkSource[] = [pendingInvitations];

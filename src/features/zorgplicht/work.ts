import { clockOf, DECISION_WEEKS } from '../../platform/calendar/zorgplicht-clock.ts';
import { formatDay } from '../../platform/time.ts';
import { figureBySchool, schoolsWhere, type FigureSource, type WorkItem, type WorkSource } from '../../platform/work.ts';
import { registrationPolicy, zorgplichtPolicy } from './policy.ts';
import { CHILD_NAME } from './registrations.ts';

/**
 * What waits in the zorgplicht (docs/decisions/0012-work-and-menu.md): the
 * school's OCO and leader decide every registration due within a week or
 * overdue (6 weeks after receipt, or the extended day); the partnership's
 * consultants look at the ones stuck past the 6 weeks; the director sees how
 * many are overdue per school (withheld under 5).
 */

const decidesAt = (p: Parameters<WorkSource['applies']>[0]) => schoolsWhere(p, (schoolId) => registrationPolicy.permits(p, 'decide', { schoolId, pupilId: null, supportSuspected: false, status: 'open', receivedOn: '', extendedTo: null, askedSchoolIds: [] }));

interface Row {
  id: string;
  schoolId: string;
  schoolName: string;
  pupilId: string | null;
  name: string;
  supportSuspected: boolean;
  status: 'open';
  receivedOn: string;
  extendedTo: string | null;
  decidedOn: null;
  askedSchoolIds: string[];
}

const selectOpen = (o: Parameters<WorkSource['read']>[0], where: ReturnType<Parameters<WorkSource['read']>[0]['db']>) => o.db<Row[]>`
  select z.id, z.school_id as "schoolId", s.name as "schoolName", z.pupil_id as "pupilId", ${o.db.unsafe(CHILD_NAME)} as name, z.support_suspected as "supportSuspected",
    z.status, z.received_on::text as "receivedOn", z.extended_to::text as "extendedTo", z.decided_on::text as "decidedOn", '{}'::text[] as "askedSchoolIds"
  from zorgplicht_registrations z join schools s on s.id = z.school_id
  where z.partnership_id = ${o.partnershipId} and z.status = 'open' and ${where}
  order by coalesce(z.extended_to, z.received_on + ${DECISION_WEEKS * 7}::int)`;

/** The school: open registrations to decide within a week, or overdue. */
const dueRegistrations: WorkSource = {
  kind: 'zorgplicht.due',
  menu: 'zorgplicht',
  applies: (p) => decidesAt(p).length > 0,
  async read(o) {
    const rows = await selectOpen(o, o.db`z.school_id = any(${decidesAt(o.principal)}::uuid[]) and coalesce(z.extended_to, z.received_on + ${DECISION_WEEKS * 7}::int) <= ${o.today}::date + 7`);
    const items = rows
      .filter((r) => registrationPolicy.can(o.principal, 'decide', r))
      .map((r): WorkItem => {
        const c = clockOf(r, o.today);
        return {
          kind: 'zorgplicht.due',
          title: `${c.urgency === 'overdue' ? 'Te laat: besluit' : 'Besluit'} over de aanmelding van ${r.name}`,
          detail: `${r.schoolName}: uiterlijk ${formatDay(c.decideBy)}${c.extendedTo ? ' (verlengd)' : ''}${c.temporaryPlaceDue ? '; recht op een tijdelijke plaats' : ''}`,
          link: `/zorgplicht/${r.id}`,
          dueOn: c.decideBy,
          urgency: c.urgency,
          subject: { entityType: 'zorgplicht_registration', entityId: r.id, pupilId: r.pupilId, schoolId: r.schoolId },
        };
      });
    return { items, count: items.length };
  },
};

/** The partnership's consultants: registrations with a suspected support need, open past the 6 weeks. */
const stuckRegistrations: WorkSource = {
  kind: 'zorgplicht.stuck',
  menu: 'zorgplicht',
  applies: (p) => zorgplichtPolicy.can(p, 'board', {}) && !zorgplichtPolicy.can(p, 'numbers', {}),
  async read(o) {
    const rows = await selectOpen(o, o.db`z.support_suspected and z.received_on + ${DECISION_WEEKS * 7}::int < ${o.today}::date`);
    const items = rows
      .filter((r) => registrationPolicy.can(o.principal, 'read', r))
      .map((r): WorkItem => {
        const c = clockOf(r, o.today);
        return {
          kind: 'zorgplicht.stuck',
          title: `Aanmelding van ${r.name} staat langer dan 6 weken open`,
          detail: `${r.schoolName}: ontvangen ${formatDay(c.received)}, besluit uiterlijk ${formatDay(c.decideBy)}${c.extendedTo ? ' (verlengd)' : ''}`,
          link: `/zorgplicht/${r.id}`,
          dueOn: c.decideBy,
          urgency: c.urgency,
          subject: { entityType: 'zorgplicht_registration', entityId: r.id, pupilId: r.pupilId, schoolId: r.schoolId },
        };
      });
    return { items, count: items.length };
  },
};

export const zorgplichtWork: WorkSource[] = [dueRegistrations, stuckRegistrations];

/** The director: open registrations past their decision day, per school (a count under 5 withheld). */
const overduePerSchool: FigureSource = {
  kind: 'zorgplicht.overdue',
  applies: (p) => zorgplichtPolicy.can(p, 'numbers', {}),
  async read(o) {
    const counts = await o.db<{ schoolId: string; n: number }[]>`
      select school_id as "schoolId", count(*)::int as n from zorgplicht_registrations
      where partnership_id = ${o.partnershipId} and status = 'open' and coalesce(extended_to, received_on + ${DECISION_WEEKS * 7}::int) < ${o.today}::date
      group by school_id`;
    return {
      kind: 'zorgplicht.overdue',
      label: 'Aanmeldingen over de beslistermijn (zorgplicht)',
      total: counts.reduce((n, c) => n + c.n, 0),
      link: '/zorgplicht/bord?te-laat=1',
      bySchool: await figureBySchool(o.db, o.partnershipId, counts),
    };
  },
};

export const zorgplichtFigures: FigureSource[] = [overduePerSchool];

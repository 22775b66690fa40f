import { addDays, formatDay, today as dayOf } from '../../platform/time.ts';
import { schoolsWhere, type WorkItem, type WorkSource } from '../../platform/work.ts';
import { PUPIL_NAME } from './names.ts';
import { pupilPolicy, signalPolicy } from './policy.ts';

/**
 * What waits in the dossier (docs/decisions/0012-work-and-menu.md): signals
 * not yet on a meeting's agenda for the support team, and for mentors what
 * happened to the signals they raised and the new handelingsadviezen for
 * their classes.
 */

/** A signal the mentor raised stays on their list this long after it was closed, so they see what happened. */
const CLOSED_SIGNAL_DAYS = 14;
/** A handelingsadvies is new for the class's mentor this long. */
const NEW_ADVICE_DAYS = 14;

const closesSignalsAt = (p: Parameters<WorkSource['applies']>[0]) => schoolsWhere(p, (schoolId) => signalPolicy.can(p, 'close', { schoolId }));

/** The support team: open signals, to be put on the agenda of a meeting (or closed). */
const openSignals: WorkSource = {
  kind: 'signal.open',
  menu: 'support',
  applies: (p) => closesSignalsAt(p).length > 0,
  async read(o) {
    const rows = await o.db<{ id: string; schoolId: string; pupilId: string; pupilName: string; raisedBy: string; createdAt: Date }[]>`
      select g.id, g.school_id as "schoolId", g.pupil_id as "pupilId", ${o.db.unsafe(PUPIL_NAME)} as "pupilName", u.name as "raisedBy", g.created_at as "createdAt"
      from signals g join pupils p on p.id = g.pupil_id join users u on u.id = g.raised_by
      where g.partnership_id = ${o.partnershipId} and g.status = 'open' and g.school_id = any(${closesSignalsAt(o.principal)}::uuid[])
      order by g.created_at limit 500`;
    const items = rows
      .filter((r) => signalPolicy.can(o.principal, 'read', r))
      .map((r): WorkItem => ({
        kind: 'signal.open',
        title: `Signaal over ${r.pupilName}: nog niet op een agenda`,
        detail: `Van ${r.raisedBy} op ${formatDay(dayOf(r.createdAt))}`,
        link: `/ondersteuning/signalen?school=${r.schoolId}`,
        dueOn: null,
        urgency: 'soon',
        subject: { entityType: 'signal', entityId: r.id, pupilId: r.pupilId, schoolId: r.schoolId },
      }));
    return { items, count: items.length };
  },
};

/** The signals the reader raised: waiting, on an agenda, or closed in the last two weeks. */
const mySignals: WorkSource = {
  kind: 'signal.mine',
  applies: () => true,
  async read(o) {
    const rows = await o.db<{ id: string; schoolId: string; classId: string | null; pupilId: string; pupilName: string; status: 'open' | 'on_agenda' | 'closed'; meetingOn: Date | null; meetingKind: string | null; closedAt: Date | null }[]>`
      select g.id, g.school_id as "schoolId", e.class_id as "classId", g.pupil_id as "pupilId", ${o.db.unsafe(PUPIL_NAME)} as "pupilName", g.status, g.closed_at as "closedAt",
        m.starts_at as "meetingOn", k.name as "meetingKind"
      from signals g join pupils p on p.id = g.pupil_id
        left join enrolments e on e.pupil_id = p.id and e.end_date is null
        left join lateral (select mi.meeting_id from meeting_items mi where mi.signal_id = g.id order by mi.created_at desc limit 1) mi on true
        left join meetings m on m.id = mi.meeting_id left join meeting_kinds k on k.id = m.kind_id
      where g.partnership_id = ${o.partnershipId} and g.raised_by = ${o.principal.userId}
        and (g.status <> 'closed' or g.closed_at >= now() - make_interval(days => ${CLOSED_SIGNAL_DAYS}))
      order by g.created_at desc limit 200`;
    const items = rows
      // Raising a signal is no licence to follow the pupil after they left the reader's class.
      .filter((r) => pupilPolicy.can(o.principal, 'read', r))
      .map((r): WorkItem => ({
        kind: 'signal.mine',
        title:
          r.status === 'open'
            ? `Uw signaal over ${r.pupilName} wacht op de ondersteuningscoördinator`
            : r.status === 'on_agenda'
              ? `Uw signaal over ${r.pupilName} staat op de agenda${r.meetingOn ? ` van ${r.meetingKind ?? 'het overleg'} op ${formatDay(dayOf(r.meetingOn))}` : ''}`
              : `Uw signaal over ${r.pupilName} is afgehandeld`,
        detail: r.closedAt ? `Afgesloten op ${formatDay(dayOf(r.closedAt))}` : null,
        link: `/leerlingen/${r.pupilId}`,
        dueOn: null,
        urgency: 'later',
        subject: { entityType: 'signal', entityId: r.id, pupilId: r.pupilId, schoolId: r.schoolId },
      }));
    return { items, count: items.length };
  },
};

/** Mentors: handelingsadviezen of the last two weeks for pupils of their classes, written by someone else. */
const newAdvices: WorkSource = {
  kind: 'advice.new',
  menu: 'pupils',
  applies: (p) => p.classIds.length > 0,
  async read(o) {
    const rows = await o.db<{ id: string; schoolId: string; classId: string; className: string; pupilId: string; pupilName: string; createdAt: Date }[]>`
      select h.id, h.school_id as "schoolId", e.class_id as "classId", c.name as "className", h.pupil_id as "pupilId", ${o.db.unsafe(PUPIL_NAME)} as "pupilName", h.created_at as "createdAt"
      from handelingsadviezen h join pupils p on p.id = h.pupil_id
        join enrolments e on e.pupil_id = p.id and e.end_date is null and e.class_id = any(${o.principal.classIds}::uuid[])
        join classes c on c.id = e.class_id
      where h.partnership_id = ${o.partnershipId} and h.active and h.created_by <> ${o.principal.userId}
        and h.created_at >= ${addDays(o.today, -NEW_ADVICE_DAYS)}::date
      order by h.created_at desc limit 200`;
    const items = rows
      .filter((r) => pupilPolicy.can(o.principal, 'read', r))
      .map((r): WorkItem => ({
        kind: 'advice.new',
        title: `Nieuw handelingsadvies voor ${r.pupilName}`,
        detail: `Klas ${r.className}, ${formatDay(dayOf(r.createdAt))}`,
        link: `/klassen/${r.classId}/scan`,
        dueOn: null,
        urgency: 'soon',
        subject: { entityType: 'handelingsadvies', entityId: r.id, pupilId: r.pupilId, schoolId: r.schoolId },
      }));
    return { items, count: items.length };
  },
};

export const pupilWork: WorkSource[] = [openSignals, mySignals, newAdvices];

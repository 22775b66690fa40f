/**
 * Bench support route: what the start page's work list (GET /api/work) of a
 * school's OCO and of the loket's consultant reads besides requests and
 * OPPs — meetings, their agendas, signals and SMART agreements — at every
 * school of the bench partnership. Each part picks its pupils and works out
 * its dates in one SQL select and writes through the row builders
 * (src/seed/factories), as the demo (src/seed/support-route.ts, one school)
 * and the tests do. Per school, by the bench school year (dates fixed, not
 * relative to the day of seeding; "held" means before the seed's today,
 * 1 November, as in bench/seed-requests.ts):
 *
 * - the six default kinds of meeting (support-route/defaults.ts);
 * - an internal support team (intern_ot, "Wekelijks of om de week") every
 *   Tuesday at 14:00 from September to mid-July (~45), attended by the OCO,
 *   the ondersteuner and the school leader. A held one discussed four pupils
 *   with a dossier, each with one agreement due two weeks later, owned in
 *   turn by the OCO, the ondersteuner, the pupil's mentor and the OCO; two in
 *   three are done the day before they are due, the rest still open (so
 *   overdue from mid-September on). A planned one has two pupils on its
 *   agenda from the mentors' signals (status on_agenda);
 * - one SOT+ on 13 October with the consultant who holds the bench's
 *   requests (bench/seed-requests.ts consultantQuery) about two
 *   pupils: the consultant owes one agreement (done at even-numbered schools,
 *   open at the others), the OCO the other (open);
 * - six open signals from mentors about pupils not yet discussed, raised in
 *   October.
 *
 * At 40 schools: 1,880 meetings, 4,480 agenda items, 1,520 agreements (540
 * open), 3,200 signals. Idempotent: skipped when the partnership has
 * meetings.
 */
import type { Sql } from '../src/db/index.ts';
import { DEFAULT_KINDS } from '../src/features/support-route/defaults.ts';
import * as rows from '../src/seed/factories/index.ts';
import { consultantQuery } from './seed-requests.ts';

const WHAT = [
  'Gesprek met ouders en leerling over de voortgang, verslag in het logboek',
  'Weekplanning maken met de leerling en elke maandag samen bekijken',
  'Handelingsadvies bespreken met de docenten van de klas',
  'Toestemming van de ouders vragen voor bespreking in het SOT',
] as const;
const SIGNAL = 'Valt stil in de les en levert werk niet in; ouders maken zich zorgen.';

export async function seedSupportRoute(sql: Sql, partnershipId: string, schoolYear: string): Promise<{ meetings: number; agreements: number; signals: number }> {
  const [{ have }] = (await sql`select count(*)::int as have from meetings where partnership_id = ${partnershipId}`) as unknown as [{ have: number }];
  if (have > 0) return { meetings: 0, agreements: 0, signals: 0 };
  const y = Number(schoolYear.slice(0, 4));
  /** The seed's "today" (bench/seed-requests.ts): meetings before it were held. */
  const anchor = `${y}-11-01`;
  const tenant = { partnership_id: partnershipId };
  return sql.begin(async (tx) => {
    const schools = await tx<{ id: string; oco: string; support: string; leader: string }[]>`
      select s.id,
        (select r.user_id from role_assignments r join users u on u.id = r.user_id where r.school_id = s.id and r.role = 'oco' order by u.email limit 1) as oco,
        (select r.user_id from role_assignments r join users u on u.id = r.user_id where r.school_id = s.id and r.role = 'ondersteuner' order by u.email limit 1) as support,
        (select r.user_id from role_assignments r join users u on u.id = r.user_id where r.school_id = s.id and r.role = 'schoolleider' order by u.email limit 1) as leader
      from schools s where s.partnership_id = ${partnershipId} order by s.brin`;
    const [{ user_id: consultant }] = (await consultantQuery(tx, partnershipId)) as unknown as [{ user_id: string }];
    const bySchool = new Map(schools.map((s) => [s.id, s]));

    const kinds = await rows.meetingKind.many<{ school_id: string; code: string }>(
      tx,
      schools.flatMap((s) => DEFAULT_KINDS.map((k, i) => ({ ...tenant, school_id: s.id, code: k.code, name: k.name, default_roles: k.defaultRoles, rhythm: k.rhythm, position: i * 10 }))),
    );
    const kindOf = (schoolId: string, code: string) => kinds.find((k) => k.school_id === schoolId && k.code === code)!.id;

    // Every Tuesday from the first in September to 15 July; one SOT+ per school on 13 October.
    const slots = await tx<{ school_id: string; code: string; starts_at: Date; held: boolean }[]>`
      with first as (select (${`${y}-09-01`}::date + (9 - extract(isodow from ${`${y}-09-01`}::date)::int) % 7) as tuesday),
      days as (
        select 'intern_ot' as code, first.tuesday + 7 * g as day, time '14:00' as at from first, generate_series(0, 52) g
        where first.tuesday + 7 * g <= ${`${y + 1}-07-15`}::date
        union all select 'sot_plus', ${`${y}-10-13`}::date, time '10:00')
      select s.id as school_id, d.code, ((d.day + d.at) at time zone 'Europe/Amsterdam') as starts_at, d.day < ${anchor}::date as held
      from schools s, days d where s.partnership_id = ${partnershipId}
      order by s.brin, d.day, d.code`;
    const meetings = await rows.meeting.many<{ school_id: string; starts_at: Date; status: string; kind_id: string }>(
      tx,
      slots.map((m) => ({
        ...tenant, school_id: m.school_id, kind_id: kindOf(m.school_id, m.code), starts_at: m.starts_at, location: 'Vergaderruimte 1.04',
        status: m.held ? 'held' : 'planned', created_by: bySchool.get(m.school_id)!.oco,
      })),
    );
    const sotPlus = new Set(kinds.filter((k) => k.code === 'sot_plus').map((k) => k.id));
    await rows.meetingAttendee.many(
      tx,
      meetings.flatMap((m) => {
        const s = bySchool.get(m.school_id)!;
        const who = sotPlus.has(m.kind_id) ? [s.oco, s.support, consultant] : [s.oco, s.support, s.leader];
        return who.map((user_id) => ({ ...tenant, meeting_id: m.id, user_id }));
      }),
    );

    // The agendas: per held intern_ot four pupils with a dossier (in turn, by student number), per planned one two pupils
    // from signals (further on in the same order), per SOT+ two more; the open signals are about pupils after those.
    const agenda = await tx<{
      meeting_id: string; school_id: string; pupil_id: string; mentor_id: string; position: number; kind: 'held' | 'planned' | 'sot_plus'; k: number; school_n: number;
      raised_at: Date; due_on: string; done_at: Date;
    }[]>`
      with m as (
        select m.id, m.school_id, m.starts_at, case when k.code = 'sot_plus' then 'sot_plus' when m.status = 'held' then 'held' else 'planned' end as kind,
          (row_number() over (partition by m.school_id, k.code = 'sot_plus', m.status order by m.starts_at) - 1)::int as w
        from meetings m join meeting_kinds k on k.id = m.kind_id where m.partnership_id = ${partnershipId}),
      pu as (
        select p.id, p.school_id, (row_number() over (partition by p.school_id order by p.student_number) - 1)::int as i,
          count(*) over (partition by p.school_id)::int as c,
          (select cs.user_id from enrolments e join class_staff cs on cs.class_id = e.class_id and cs.is_mentor where e.pupil_id = p.id and e.end_date is null limit 1) as mentor_id
        from pupils p where p.partnership_id = ${partnershipId} and p.support_level <> 'basis'),
      slot as (
        select m.*, (m.starts_at at time zone 'Europe/Amsterdam')::date as day, j, case m.kind when 'held' then m.w * 4 + j when 'planned' then 40 + m.w * 2 + j else 120 + j end as i
        from m, generate_series(0, 3) j
        where j < case m.kind when 'held' then 4 else 2 end)
      select slot.id as meeting_id, slot.school_id, pu.id as pupil_id, pu.mentor_id, slot.j + 1 as position,
        slot.kind, (slot.w * 4 + slot.j)::int as k, dense_rank() over (order by s.brin)::int as school_n,
        ((slot.day - 7) + time '09:00') at time zone 'Europe/Amsterdam' as raised_at, (slot.day + 14)::text as due_on,
        ((slot.day + 13) + time '16:00') at time zone 'Europe/Amsterdam' as done_at
      from slot join pu on pu.school_id = slot.school_id and pu.i = slot.i % pu.c join schools s on s.id = slot.school_id
      where pu.mentor_id is not null
      order by s.brin, slot.starts_at, slot.j`;

    // Signals: on the agenda of the planned meetings, raised a week before by the pupil's mentor; six open per school.
    const planned = agenda.filter((a) => a.kind === 'planned');
    const onAgenda = await rows.signal.many(
      tx,
      planned.map((a) => ({ ...tenant, school_id: a.school_id, pupil_id: a.pupil_id, note: SIGNAL, status: 'on_agenda', raised_by: a.mentor_id, created_at: a.raised_at })),
    );
    const open = await tx<{ school_id: string; pupil_id: string; mentor_id: string; created_at: Date }[]>`
      with pu as (
        select p.id, p.school_id, (row_number() over (partition by p.school_id order by p.student_number) - 1)::int as i,
          count(*) over (partition by p.school_id)::int as c,
          (select cs.user_id from enrolments e join class_staff cs on cs.class_id = e.class_id and cs.is_mentor where e.pupil_id = p.id and e.end_date is null limit 1) as mentor_id
        from pupils p where p.partnership_id = ${partnershipId} and p.support_level <> 'basis')
      select pu.school_id, pu.id as pupil_id, pu.mentor_id, ((${`${y}-10-01`}::date + 4 * g + time '10:00') at time zone 'Europe/Amsterdam') as created_at
      from pu, generate_series(0, 5) g
      where pu.i = (130 + g) % pu.c and pu.mentor_id is not null
      order by pu.school_id, g`;
    const openSignals = await rows.signal.many(tx, open.map((o) => ({ ...tenant, school_id: o.school_id, pupil_id: o.pupil_id, note: SIGNAL, status: 'open', raised_by: o.mentor_id, created_at: o.created_at })));

    const items = await rows.meetingItem.many(
      tx,
      agenda.map((a) => ({
        ...tenant, meeting_id: a.meeting_id, pupil_id: a.pupil_id, position: a.position,
        signal_id: a.kind === 'planned' ? onAgenda[planned.indexOf(a)]!.id : null,
        summary: a.kind === 'planned' ? '' : 'Besproken: voortgang en wat de leerling nodig heeft.',
      })),
    );
    // One agreement per pupil discussed, due two weeks after the meeting.
    const agreed = agenda.flatMap((a, n) => {
      if (a.kind === 'planned') return [];
      const s = bySchool.get(a.school_id)!;
      const owner = a.kind === 'sot_plus' ? (a.position === 1 ? consultant : s.oco) : [s.oco, s.support, a.mentor_id, s.oco][a.k % 4]!;
      const done = a.kind === 'sot_plus' ? a.position === 1 && a.school_n % 2 === 0 : a.k % 3 !== 2;
      return [{ a, item: items[n]!, owner, done }];
    });
    await rows.agreement.many(
      tx,
      agreed.map((x) => ({
        ...tenant, school_id: x.a.school_id, pupil_id: x.a.pupil_id, meeting_item_id: x.item.id,
        what: x.a.kind === 'sot_plus' && x.a.position === 1 ? 'Mogelijkheden voor een arrangement met de school verkennen' : WHAT[x.a.k % WHAT.length]!,
        owner_id: x.owner, due_on: x.a.due_on, done_at: x.done ? x.a.done_at : null, created_by: bySchool.get(x.a.school_id)!.oco,
      })),
    );
    return { meetings: meetings.length, agreements: agreed.length, signals: onAgenda.length + openSignals.length };
  });
}

/**
 * The baseline's start page (GET /api/work, src/server/work.ts): the least
 * SQL that finds the same items for the bench's two readers, scoped the same
 * way, in one transaction with the one audit statement the route writes
 * (`work.list` for every pupil an item shown names; auditMany's statement).
 *
 * - The OCO of the dossier school (its id in BENCH_OCO_ID, its school in
 *   BENCH_OCO_SCHOOL_ID): additions the partnership asked of the school
 *   (request.addition_asked), the school's open OPPs whose evaluation or
 *   the parents' answer is due (opp.due), own agreements due within a week
 *   (agreement.mine), others' overdue agreements of the school
 *   (agreement.school_overdue), the school's meetings of the next two weeks
 *   (meeting.next), open signals (signal.open), the signals the OCO raised
 *   (signal.mine), and the quality cycle's action plan to hand in, plans to
 *   evaluate, improvement points and audits coming (features/quality/work.ts).
 * - The consultant who holds the requests (BENCH_CONSULTANT_ID): submitted
 *   requests nobody took (request.to_pick_up), their own by the clock
 *   (request.mine), additions the school answered (request.addition_answered),
 *   own agreements and signals, handed-in action plans whose discussion is
 *   not recorded, and audits coming.
 *
 * Where the app asks a source's policy (the scope fragment, then each row's
 * rule), the baseline writes the scope as the constant it comes to for that
 * reader (their school, their user id) and leaves out what cannot hold for
 * them: the app's request.addition_answered query for the OCO (only the
 * partnership asks for additions, so it finds nothing) and each row's rule
 * (every row the constant scope finds passes it). The decision date is
 * computed in SQL as clockOf does; an OPP's status with the app's own
 * overviewStatus (deadlines.ts); urgency and order with urgencyOf and
 * byUrgency (platform/work.ts). No session, principal or policy, no zod, no
 * response schema; the items carry the same titles in short.
 */
import type http from 'node:http';
import type postgres from 'postgres';
import { ANSWER_WAIT_WEEKS, EVALUATION_DUE_SOON_WEEKS, overviewStatus } from '../src/features/plans/deadlines.ts';
import { autumnDue, nextSchoolYear, planningYear, springDue } from '../src/features/quality/plans.ts';
import { addDays, addWeeks, today } from '../src/platform/time.ts';
import { byUrgency, urgencyOf, type Urgency, type WorkItem } from '../src/platform/work.ts';
import type { Handler } from './baseline-dossier.ts';

type Json = (res: http.ServerResponse, status: number, body: unknown) => void;
type Tx = postgres.TransactionSql;

const NAME = `concat_ws(' ', p.first_name, nullif(p.name_prefix, ''), p.last_name)`;
const INITIALS = `left(p.first_name, 1) || '.' || left(p.last_name, 1) || '.' || ' (' || extract(year from p.birth_date) || ')'`;
const OPEN = `r.status in ('submitted', 'in_review', 'advice', 'decision')`;
/** clockOf's decision date: moved by the days the partnership waited for the school. */
const due = (day: string) => `(r.decision_due_on + (r.waiting_days + case when r.waiting_since is null then 0
  else greatest(0, '${day}'::date - (r.waiting_since at time zone 'Europe/Amsterdam')::date) end))::text`;
const SHOWN = 50;

type Item = WorkItem & { menu?: string };
const item = (kind: string, menu: string | undefined, title: string, link: string, dueOn: string | null, urgency: Urgency, entityType: string, entityId: string, pupilId: string | null, schoolId: string | null): Item => ({
  kind, title, detail: null, link, dueOn, urgency, subject: { entityType, entityId, pupilId, schoolId }, ...(menu ? { menu } : {}),
});

export function workRoutes(sql: postgres.Sql, o: { partnershipId: string; ocoId: string; ocoSchoolId: string; consultantId: string; json: Json }): Record<string, Handler> {
  const { partnershipId: P, json } = o;

  /** Both readers: own open agreements due within a week, and the signals they raised (open, on an agenda, or closed in the last 14 days). */
  const own = (tx: Tx, userId: string, day: string): Promise<Item[]>[] => [
    tx`
      select a.id, a.what, a.due_on::text as "dueOn", a.school_id as "schoolId", a.pupil_id as "pupilId", ${tx.unsafe(NAME)} as "pupilName"
      from agreements a left join pupils p on p.id = a.pupil_id
      where a.partnership_id = ${P} and a.owner_id = ${userId} and a.done_at is null and a.due_on <= ${addDays(day, 7)}::date
      order by a.due_on, a.created_at limit 500`.then((rows) =>
      rows.map((r) => item('agreement.mine', 'support', `Afspraak: ${r.what}`, '/ondersteuning/mijn-acties', r.dueOn, urgencyOf(r.dueOn, day), 'agreement', r.id, r.pupilId, r.schoolId)),
    ),
    tx`
      select g.id, g.school_id as "schoolId", g.pupil_id as "pupilId", ${tx.unsafe(NAME)} as "pupilName", g.status, m.starts_at as "meetingOn"
      from signals g join pupils p on p.id = g.pupil_id
        left join lateral (select mi.meeting_id from meeting_items mi where mi.signal_id = g.id order by mi.created_at desc limit 1) mi on true
        left join meetings m on m.id = mi.meeting_id
      where g.partnership_id = ${P} and g.raised_by = ${userId} and (g.status <> 'closed' or g.closed_at >= now() - interval '14 days')
      order by g.created_at desc limit 200`.then((rows) =>
      rows.map((r) => item('signal.mine', undefined, `Uw signaal over ${r.pupilName}`, `/leerlingen/${r.pupilId}`, null, 'later', 'signal', r.id, r.pupilId, r.schoolId)),
    ),
  ];

  /** Both: the peer audits they are named auditor of in the next two weeks. */
  const auditsComing = (tx: Tx, userId: string, day: string): Promise<Item[]> =>
    tx`
      select a.id, a.planned_on::text as "plannedOn" from peer_audits a
      where a.partnership_id = ${P} and ${userId}::uuid = any(a.auditor_user_ids) and a.planned_on between ${day} and ${addDays(day, 14)}
      order by a.planned_on`.then((rows) =>
      rows.map((r) => item('peer_audit.coming', 'quality', 'Audit', `/kwaliteit/audits/${r.id}`, r.plannedOn, urgencyOf(r.plannedOn, day), 'peer_audit', r.id, null, null)),
    );

  /** The OCO: their school's support team work. */
  const oco = (tx: Tx, day: string): Promise<Item[]>[] => {
    const S = o.ocoSchoolId;
    return [
      tx`
        select r.id, r.kind, r.school_id as "schoolId", r.pupil_id as "pupilId", ${tx.unsafe(NAME)} as "pupilName", min(m.created_at) as since
        from requests r join request_messages m on m.request_id = r.id and m.kind = 'addition_request' and m.answered_at is null
          left join pupils p on p.id = r.pupil_id
        where r.partnership_id = ${P} and ${tx.unsafe(OPEN)} and r.school_id = ${S}
        group by r.id, p.id order by since limit 200`.then((rows) =>
        rows.map((r) => item('request.addition_asked', 'requests', `Aanvulling gevraagd bij de aanvraag voor ${r.pupilName}`, `/aanvragen/${r.id}`, null, 'now', 'request', r.id, r.pupilId, r.schoolId)),
      ),
      tx`
        select o.id, o.school_id as "schoolId", o.pupil_id as "pupilId", ${tx.unsafe(NAME)} as "pupilName", o.status,
          to_char(cur.sent_at at time zone 'Europe/Amsterdam', 'YYYY-MM-DD') as "sentOn", to_char(f.agreed_at at time zone 'Europe/Amsterdam', 'YYYY-MM-DD') as "agreedOn",
          (select array_agg(x order by x) from jsonb_array_elements_text(f.content->'evaluationDates') x) as planned,
          (select max(ev.held_on)::text from opp_evaluations ev where ev.opp_id = o.id) as "lastEvaluatedOn"
        from opps o join pupils p on p.id = o.pupil_id
          left join opp_versions cur on cur.opp_id = o.id and cur.number = o.current_version
          left join lateral (select v.agreed_at, v.content from opp_versions v where v.opp_id = o.id and v.agreed_at is not null order by v.number desc limit 1) f on true
        where o.school_id = ${S} and o.status <> 'closed'`.then((rows) =>
        rows.flatMap((r) => {
          const s = overviewStatus({ status: r.status, sentOn: r.sentOn, agreedOn: r.agreedOn, planned: r.planned ?? [], lastEvaluatedOn: r.lastEvaluatedOn }, day);
          if (s.status === 'overdue' && s.reason === 'answer' && r.sentOn) {
            return [item('opp.answer_overdue', 'opp', `OPP van ${r.pupilName}: de ouders hebben nog niet geantwoord`, `/opp/${r.id}`, addWeeks(r.sentOn, ANSWER_WAIT_WEEKS), 'overdue', 'opp', r.id, r.pupilId, r.schoolId)];
          }
          if ((s.status === 'overdue' || s.status === 'evaluation_due') && s.dueOn) {
            return [item('opp.evaluation_due', 'opp', `OPP van ${r.pupilName}: evalueren`, `/opp/${r.id}`, s.dueOn, urgencyOf(s.dueOn, day, EVALUATION_DUE_SOON_WEEKS * 7), 'opp', r.id, r.pupilId, r.schoolId)];
          }
          return [];
        }),
      ),
      tx`
        select a.id, a.what, a.due_on::text as "dueOn", a.school_id as "schoolId", u.name as "ownerName", a.pupil_id as "pupilId", ${tx.unsafe(NAME)} as "pupilName"
        from agreements a join users u on u.id = a.owner_id left join pupils p on p.id = a.pupil_id
        where a.partnership_id = ${P} and a.school_id = ${S} and a.done_at is null and a.owner_id <> ${o.ocoId} and a.due_on < ${day}::date
        order by a.due_on, a.created_at limit 500`.then((rows) =>
        rows.map((r) => item('agreement.school_overdue', 'support', `Afspraak over tijd: ${r.what}`, `/ondersteuning/afspraken?school=${r.schoolId}&status=overdue`, r.dueOn, 'overdue', 'agreement', r.id, r.pupilId, r.schoolId)),
      ),
      tx`
        select m.id, m.school_id as "schoolId", k.name as kind, to_char(m.starts_at at time zone 'Europe/Amsterdam', 'YYYY-MM-DD') as day,
          (select count(*)::int from meeting_items i where i.meeting_id = m.id) as pupils
        from meetings m join meeting_kinds k on k.id = m.kind_id
        where m.partnership_id = ${P} and m.school_id = ${S} and m.status = 'planned'
          and m.starts_at >= now() and (m.starts_at at time zone 'Europe/Amsterdam')::date <= ${addDays(day, 14)}::date
        order by m.starts_at limit 100`.then((rows) =>
        rows.map((r) => item('meeting.next', undefined, `${r.kind} (${r.pupils} leerlingen)`, `/ondersteuning/overleggen/${r.id}`, r.day, r.day === day ? 'now' : 'soon', 'meeting', r.id, null, r.schoolId)),
      ),
      tx`
        select g.id, g.school_id as "schoolId", g.pupil_id as "pupilId", ${tx.unsafe(NAME)} as "pupilName", u.name as "raisedBy"
        from signals g join pupils p on p.id = g.pupil_id join users u on u.id = g.raised_by
        where g.partnership_id = ${P} and g.status = 'open' and g.school_id = ${S}
        order by g.created_at limit 500`.then((rows) =>
        rows.map((r) => item('signal.open', 'support', `Signaal over ${r.pupilName}: nog niet op een agenda`, `/ondersteuning/signalen?school=${r.schoolId}`, null, 'soon', 'signal', r.id, r.pupilId, r.schoolId)),
      ),
      ...own(tx, o.ocoId, day),
      // The quality cycle (features/quality/work.ts): the school's action plan for the year being planned, plans to evaluate, improvement points.
      tx`
        select p.id from schools s left join action_plans p on p.school_id = s.id and p.school_year = ${planningYear(new Date())}
        where s.partnership_id = ${P} and s.active and s.id = ${S} and p.submitted_at is null`.then((rows) => {
        const year = planningYear(new Date());
        return rows.map((r) => item('action_plan.spring', 'quality', `Actieplan ${year} nog niet ingediend`, '/kwaliteit/actieplannen', springDue(year), urgencyOf(springDue(year), day), 'action_plan', r.id ?? S, null, S));
      }),
      tx`
        select p.id, p.school_year as "schoolYear" from action_plans p
        where p.partnership_id = ${P} and p.submitted_at is not null and p.evaluated_at is null and p.school_id = ${S}`.then((rows) =>
        rows
          .filter((r) => `${r.schoolYear.slice(5)}-07-31` < day)
          .map((r) => item('action_plan.autumn', 'quality', 'Doelen evalueren', `/kwaliteit/actieplannen/${r.id}`, autumnDue(r.schoolYear), urgencyOf(autumnDue(r.schoolYear), day), 'action_plan', r.id, null, S)),
      ),
      tx`
        select a.id, r.school_year as "schoolYear" from peer_audits a join audit_rounds r on r.id = a.round_id
        where a.partnership_id = ${P} and a.report_at is not null and a.improvements_at is null and a.school_id = ${S}`.then((rows) =>
        rows.map((r) => {
          const due = springDue(nextSchoolYear(r.schoolYear));
          return item('peer_audit.improvements', 'quality', 'Verbeterpunten schrijven', `/kwaliteit/audits/${r.id}`, due, urgencyOf(due, day), 'peer_audit', r.id, null, S);
        }),
      ),
      auditsComing(tx, o.ocoId, day),
    ];
  };

  /** The consultant: the loket's new requests, their own by the clock, answered additions. */
  const consultant = (tx: Tx, day: string): Promise<Item[]>[] => {
    const C = o.consultantId;
    return [
      tx`
        select r.id, r.school_id as "schoolId", r.pupil_id as "pupilId", ${tx.unsafe(INITIALS)} as initials, ${tx.unsafe(due(day))} as "dueOn"
        from requests r left join pupils p on p.id = r.pupil_id
        where r.partnership_id = ${P} and r.status = 'submitted' and r.assigned_to is null
        order by r.decision_due_on nulls last, r.submitted_at limit 200`.then((rows) =>
        rows.map((r) => item('request.to_pick_up', 'requests', `Nieuwe aanvraag voor ${r.initials} oppakken`, `/aanvragen/${r.id}`, r.dueOn, urgencyOf(r.dueOn, day), 'request', r.id, r.pupilId, r.schoolId)),
      ),
      tx`
        select r.id, r.school_id as "schoolId", r.pupil_id as "pupilId", ${tx.unsafe(NAME)} as "pupilName", ${tx.unsafe(due(day))} as "dueOn", r.waiting_since is not null as waiting
        from requests r left join pupils p on p.id = r.pupil_id
        where r.partnership_id = ${P} and r.assigned_to = ${C} and r.status in ('submitted', 'in_review')
        limit 500`.then((rows) =>
        rows.map((r) => item('request.mine', 'requests', `Aanvraag voor ${r.pupilName} behandelen`, `/aanvragen/${r.id}`, r.dueOn, r.waiting ? 'later' : urgencyOf(r.dueOn, day), 'request', r.id, r.pupilId, r.schoolId)),
      ),
      tx`
        select r.id, r.school_id as "schoolId", r.pupil_id as "pupilId", ${tx.unsafe(NAME)} as "pupilName", ${tx.unsafe(due(day))} as "dueOn", max(m.answered_at) as since
        from requests r join request_messages m on m.request_id = r.id and m.kind = 'addition_request' and m.author_id = ${C} and m.answered_at is not null
          left join pupils p on p.id = r.pupil_id
        where r.partnership_id = ${P} and ${tx.unsafe(OPEN)} and r.assigned_to = ${C}
          and not exists (select 1 from request_messages n where n.request_id = r.id and n.side = 'partnership' and n.created_at > m.answered_at)
        group by r.id, p.id order by since limit 200`.then((rows) =>
        rows.map((r) => item('request.addition_answered', 'requests', `De school heeft de aanvulling gestuurd bij de aanvraag voor ${r.pupilName}`, `/aanvragen/${r.id}`, r.dueOn, 'now', 'request', r.id, r.pupilId, r.schoolId)),
      ),
      ...own(tx, C, day),
      // The round holder: handed-in plans whose spring discussion is not recorded; and their audits.
      tx`
        select p.id, p.school_id as "schoolId", p.school_year as "schoolYear" from action_plans p
        where p.partnership_id = ${P} and p.submitted_at is not null and p.discussion_at is null and p.evaluated_at is null`.then((rows) =>
        rows.map((r) => item('action_plan.discussion', 'quality', 'Gesprek vastleggen', `/kwaliteit/actieplannen/${r.id}`, springDue(r.schoolYear), urgencyOf(springDue(r.schoolYear), day), 'action_plan', r.id, null, r.schoolId)),
      ),
      auditsComing(tx, C, day),
    ];
  };

  return {
    'GET /api/work': async (req, _url, res) => {
      const userId = (req.headers['x-bench-user'] as string | undefined) ?? '';
      const read = userId === o.ocoId ? oco : userId === o.consultantId ? consultant : null;
      if (!read) return json(res, 404, { error: 'the baseline knows the work of the bench OCO and consultant only' });
      const now = new Date();
      const day = today(now);
      const body = await sql.begin(async (tx) => {
        const all = (await Promise.all(read(tx, day))).flat().sort(byUrgency);
        const shown = all.slice(0, SHOWN);
        const counts: Record<string, number> = {};
        for (const i of all) if (i.menu) counts[i.menu] = (counts[i.menu] ?? 0) + 1;
        const audited = shown.filter((i) => i.subject.pupilId);
        if (audited.length > 0) {
          // src/platform/audit.ts auditMany: one statement whatever the count (raw SQL on purpose: the baseline does by hand what the app does).
          await tx`
            insert into audit_log (partnership_id, actor_user_id, ip, user_agent, action, entity_type, entity_id, school_id, pupil_id, details)
            select ${P}, ${userId}, ${req.socket.remoteAddress ?? null}, ${req.headers['user-agent']?.slice(0, 300) ?? null},
              'work.list', x.entity_type, x.entity_id, x.school_id, x.pupil_id, x.details
            from jsonb_to_recordset(${tx.json(audited.map((i) => ({ entity_type: i.subject.entityType, entity_id: i.subject.entityId, school_id: i.subject.schoolId, pupil_id: i.subject.pupilId, details: { kind: i.kind } })) as never)})
              as x(entity_type text, entity_id text, school_id uuid, pupil_id uuid, details jsonb)`;
        }
        return { today: day, items: shown.map(({ subject: _s, menu: _m, ...i }) => i), total: all.length, counts, figures: [] };
      });
      json(res, 200, body);
    },
  };
}

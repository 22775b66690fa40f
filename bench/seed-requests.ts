/**
 * Bench requests (issue 5): a year's TLV register and arrangements, and an
 * open queue at the loket, generated in SQL with `insert … select` (one
 * statement per part, like bench/seed-plans.ts). At 40,000 pupils:
 *
 * - 1,200 TLVs (3 % of the pupils): decided TLV requests with a decision, two
 *   expert advices, a status message and a `tlvs` row numbered 1…n in order
 *   of decision. Decided over the year before the seed's "today" (1 November
 *   of the bench school year); each starts a week after its decision and runs
 *   by number n: n % 10 in 0-1 to a day within 500 days after the minimum end
 *   (mid-year: these are the ones "ending within 6 months" for a while),
 *   2-3 to the minimum end (31 July of the school year it starts in,
 *   tlv-dates.ts minimumTlvEnd), 4-8 one school year longer, 9 two. All pass
 *   validTlvPeriod.
 * - 1,000 arrangements (2.5 %): decided arrangement requests with a decision
 *   and an `arrangements` row of the partnership's kinds (the demo's three;
 *   8 in 10 for a pupil, 1 for a group, 1 for a team, the latter two without
 *   a pupil); running or ended by the seed's today, next evaluation by the
 *   kind's rhythm.
 * - 300 open requests (0.75 %): status by n % 10: 0-2 submitted (not yet
 *   taken), 3-5 in review, 6-7 advice (TLVs only), 8-9 decision; a third TLV,
 *   a few consultations, the rest arrangements; a third of those in review
 *   wait for an addition (open addition_request, `waiting_since`), one in
 *   five further on had one answered (`waiting_days`); TLVs in advice or
 *   decision have two experts (advised in decision).
 *
 * Pupils with a dossier first, in student-number order (so spread over the
 * schools); one request per pupil; submitted between 8:00 and 17:00, so no
 * two requests of a day share a time (the queue's order has no tiebreaker). Written by the school's first OCO, held
 * by the consultant, decided by the director. Idempotent: each part tops up
 * to its target and stops when no pupil is left.
 */
import type { Db, Sql } from '../src/db/index.ts';

export const requestTargets = (pupils: number) => ({
  tlvs: Math.round(pupils * 0.03),
  arrangements: Math.round(pupils * 0.025),
  open: Math.round(pupils * 0.0075),
});

const KINDS = [
  { name: 'Ambulante begeleiding', offers: 'Een ambulant begeleider werkt met de leerling en adviseert de mentor.', scope: 'pupil', amount: 2500, hours: null, maxWeeks: 26, evaluationWeeks: 10 },
  { name: 'Groepsarrangement', offers: 'Extra begeleiding voor een groep leerlingen met een vergelijkbare vraag.', scope: 'group', amount: 8000, hours: null, maxWeeks: 40, evaluationWeeks: 12 },
  { name: 'Teamscholing', offers: 'Scholing en coaching van een team, bijvoorbeeld over gedrag of autisme.', scope: 'team', amount: null, hours: 20, maxWeeks: 20, evaluationWeeks: 10 },
] as const;

const TEXT = {
  question: 'Kan de leerling de extra ondersteuning krijgen die de school zelf niet kan bieden?',
  done: 'Een jaar OPP met coaching en een rustige werkplek. De doelen voor zelfstandig werken zijn niet gehaald.',
  expectation: 'Een passende plek of begeleiding, zodat de leerling weer tot leren komt.',
  submitted: 'De school heeft de aanvraag ingediend.',
};

export async function seedRequests(sql: Sql, partnershipId: string, pupils: number, schoolYear: string) {
  const y = Number(schoolYear.slice(0, 4));
  /** The seed's "today": dates are fixed relative to the bench school year, not to the day of seeding. */
  const anchor = `${y}-11-01`;
  const yearFrom = `${y - 1}-11-01`;
  const target = requestTargets(pupils);
  const [staff] = await sql<{ consultant: string; director: string; experts: string[] }[]>`
    select
      (select r.user_id from role_assignments r join users u on u.id = r.user_id where r.partnership_id = ${partnershipId} and r.school_id is null and r.role = 'swv_consultant' order by u.email limit 1) as consultant,
      (select r.user_id from role_assignments r join users u on u.id = r.user_id where r.partnership_id = ${partnershipId} and r.school_id is null and r.role = 'swv_director' order by u.email limit 1) as director,
      array(select r.user_id from role_assignments r join users u on u.id = r.user_id where r.partnership_id = ${partnershipId} and r.school_id is null and r.role = 'swv_expert' order by u.email limit 2) as experts`;
  const { consultant, director, experts } = staff!;
  if (!consultant || !director || experts.length < 2) throw new Error('bench requests: the partnership lacks a consultant, a director or two experts');
  for (const k of KINDS) {
    await sql`
      insert into arrangement_kinds (partnership_id, name, offers, scope, amount_eur, hours, max_weeks, evaluation_weeks, required_parts)
      values (${partnershipId}, ${k.name}, ${k.offers}, ${k.scope}, ${k.amount}, ${k.hours}, ${k.maxWeeks}, ${k.evaluationWeeks}, '{}')
      on conflict (partnership_id, name) do nothing`;
  }
  const have = async () => {
    const [c] = await sql<{ tlvs: number; arrangements: number; open: number }[]>`
      select (select count(*)::int from tlvs where partnership_id = ${partnershipId}) as tlvs,
        (select count(*)::int from arrangements where partnership_id = ${partnershipId}) as arrangements,
        (select count(*)::int from requests where partnership_id = ${partnershipId} and status in ('submitted', 'in_review', 'advice', 'decision')) as open`;
    return c!;
  };
  const before = await have();

  /** Pupils without a request, with a dossier first; n continues from `from`. Ids made up front so every insert can refer to them. */
  const picked = (db: Db, from: number, limit: number) => db`
    oco as (
      select distinct on (r.school_id) r.school_id, r.user_id from role_assignments r join users u on u.id = r.user_id
      where r.partnership_id = ${partnershipId} and r.role = 'oco' order by r.school_id, u.email),
    picked as materialized (
      select gen_random_uuid() as id, p.id as pupil_id, p.school_id, oco.user_id as oco,
        ${from}::int + row_number() over (order by (p.support_level = 'basis'), p.student_number)::int as n
      from pupils p join oco on oco.school_id = p.school_id
      where p.partnership_id = ${partnershipId} and not exists (select 1 from requests r where r.pupil_id = p.id)
      order by (p.support_level = 'basis'), p.student_number
      limit ${limit})`;
  /** Decided over the year before the anchor, in order of n. */
  const decidedOn = (db: Db, total: number) => db`(${yearFrom}::date + least(364, (n - 1) * 365 / ${total}::int))`;

  if (before.tlvs < target.tlvs) {
    await sql.begin(
      (tx) => tx`
      with ${picked(tx, before.tlvs, target.tlvs - before.tlvs)},
      base as (select coalesce(max(number), 0) as top from tlvs where partnership_id = ${partnershipId}),
      d as (
        select picked.*, base.top + picked.n - ${before.tlvs}::int as number, ${decidedOn(tx, target.tlvs)} as decided_on,
          case when n % 7 = 0 then 'so' else 'vso' end as school_kind, 1 + n % 3 as category, case when n % 2 = 0 then 4 else 3 end as cluster
        from picked, base),
      e as (
        select d.*, d.decided_on + 7 as starts_on,
          -- minimumTlvEnd: 31 July of the school year of the day after the start.
          make_date(extract(year from d.decided_on + 8)::int + (extract(month from d.decided_on + 8) >= 8)::int, 7, 31) as min_end
        from d),
      f as (
        select e.*,
          case when n % 10 < 2 then e.min_end + 1 + (n * 53) % 500 when n % 10 < 4 then e.min_end
               when n % 10 < 9 then (e.min_end + interval '1 year')::date else (e.min_end + interval '2 years')::date end as ends_on,
          (e.decided_on - 35) + time '08:00' + make_interval(mins => n * 7 % 540) as submitted_at
        from e),
      r as (
        insert into requests (id, partnership_id, school_id, pupil_id, kind, tlv_school_kind, status, question, done_already, expectation, assigned_to,
          submitted_at, decision_due_on, decided_at, created_by, created_at, updated_by, updated_at)
        select id, ${partnershipId}, school_id, pupil_id, 'tlv', school_kind, 'decided', ${TEXT.question}, ${TEXT.done}, ${TEXT.expectation}, ${consultant},
          submitted_at, submitted_at::date + 42, decided_on + time '14:00', oco, submitted_at - interval '14 days', ${director}, decided_on + time '14:00'
        from f),
      dec as (
        insert into request_decisions (request_id, partnership_id, outcome, motivation, starts_on, ends_on, school_kind, category, cluster, decided_by, decided_on)
        select id, ${partnershipId}, 'granted', 'Toegekend na twee adviezen.', starts_on, ends_on, school_kind, category, cluster, ${director}, decided_on from f),
      x as (
        insert into request_experts (partnership_id, request_id, expert_id, discipline, advice, advised_at, assigned_by, assigned_at)
        select ${partnershipId}, f.id, ex.expert, ex.discipline,
          jsonb_build_object('needs', 'Een kleine groep met veel structuur.', 'whyNotRegular', 'De aanpak in het OPP werkte niet.', 'conclusion', 'admissible',
            'schoolKind', f.school_kind, 'category', f.category, 'durationMonths', 24),
          f.decided_on - 7 + time '12:00', ${consultant}, f.submitted_at + interval '7 days'
        from f cross join (values (${experts[0]!}::uuid, 'orthopedagoog'), (${experts[1]!}::uuid, 'kinderpsychiater')) as ex(expert, discipline)),
      m as (
        insert into request_messages (partnership_id, request_id, author_id, side, kind, body, created_at)
        select ${partnershipId}, id, oco, 'school', 'status', ${TEXT.submitted}, submitted_at from f),
      t as (
        insert into tlvs (partnership_id, request_id, pupil_id, school_id, number, school_kind, category, cluster, starts_on, ends_on, created_at)
        select ${partnershipId}, id, pupil_id, school_id, number, school_kind, category, cluster, starts_on, ends_on, decided_on + time '14:00' from f
        returning 1)
      select count(*)::int as n from t`,
    );
  }

  if (before.arrangements < target.arrangements) {
    await sql.begin(
      (tx) => tx`
      with ${picked(tx, before.arrangements, target.arrangements - before.arrangements)},
      k as (select id, name, scope, amount_eur, hours, max_weeks, evaluation_weeks from arrangement_kinds where partnership_id = ${partnershipId}),
      d as (
        select picked.*, ${decidedOn(tx, target.arrangements)} as decided_on,
          case when n % 10 = 8 then ${KINDS[1].name} when n % 10 = 9 then ${KINDS[2].name} else ${KINDS[0].name} end as kind_name
        from picked),
      e as (
        select d.id, d.school_id, d.oco, d.n, d.decided_on, case when k.scope = 'pupil' then d.pupil_id end as pupil_id,
          case k.scope when 'group' then 'Groep van zes leerlingen uit leerjaar 2 met faalangst' when 'team' then 'Team onderbouw: omgaan met gedrag in de klas' else '' end as group_description,
          k.id as kind_id, k.amount_eur, k.hours, k.evaluation_weeks, case when n % 10 = 3 then 'partly' else 'granted' end as outcome,
          d.decided_on + 7 as starts_on, d.decided_on + 7 + k.max_weeks * 7 - 1 as ends_on, (d.decided_on - 21) + time '08:00' + make_interval(mins => n * 7 % 540) as submitted_at
        from d join k on k.name = d.kind_name),
      f as (
        select e.*, case when e.ends_on < ${anchor}::date then 'ended' else 'running' end as status,
          case when e.ends_on >= ${anchor}::date
               then e.starts_on + e.evaluation_weeks * 7 * (1 + greatest(0, (${anchor}::date - e.starts_on) / (e.evaluation_weeks * 7))) end as next_evaluation_on
        from e),
      r as (
        insert into requests (id, partnership_id, school_id, pupil_id, kind, arrangement_kind_id, group_description, status, question, done_already, expectation,
          assigned_to, submitted_at, decision_due_on, decided_at, created_by, created_at, updated_by, updated_at)
        select id, ${partnershipId}, school_id, pupil_id, 'arrangement', kind_id, group_description, 'decided', ${TEXT.question}, ${TEXT.done}, ${TEXT.expectation},
          ${consultant}, submitted_at, submitted_at::date + 28, decided_on + time '14:00', oco, submitted_at - interval '7 days', ${director}, decided_on + time '14:00'
        from f),
      dec as (
        insert into request_decisions (request_id, partnership_id, outcome, motivation, amount_eur, hours, starts_on, ends_on, decided_by, decided_on)
        select id, ${partnershipId}, outcome, 'Toegekend: de school heeft laten zien wat zij zelf al deed.', amount_eur, hours, starts_on, ends_on, ${director}, decided_on from f),
      m as (
        insert into request_messages (partnership_id, request_id, author_id, side, kind, body, created_at)
        select ${partnershipId}, id, oco, 'school', 'status', ${TEXT.submitted}, submitted_at from f),
      a as (
        insert into arrangements (partnership_id, request_id, school_id, pupil_id, kind, arrangement_kind_id, amount_eur, hours, starts_on, ends_on, next_evaluation_on, status, created_at)
        select ${partnershipId}, id, school_id, pupil_id, 'arrangement', kind_id, amount_eur, hours, starts_on, ends_on, next_evaluation_on, status, decided_on + time '14:00' from f
        returning 1)
      select count(*)::int as n from a`,
    );
  }

  if (before.open < target.open) {
    await sql.begin(
      (tx) => tx`
      with ${picked(tx, before.open, target.open - before.open)},
      d as (
        select picked.*,
          case when n % 10 < 3 then 'submitted' when n % 10 < 6 then 'in_review' when n % 10 < 8 then 'advice' else 'decision' end as status,
          (${anchor}::date - 1 - n % 45) + time '08:00' + make_interval(mins => n * 7 % 540) as submitted_at
        from picked),
      e as (
        select d.*,
          case when status = 'advice' or n % 3 = 0 then 'tlv' when n % 13 = 1 and status in ('submitted', 'in_review') then 'consultation' else 'arrangement' end as kind,
          -- An open addition request (a third of those in review); an answered one earlier (one in five further on).
          status = 'in_review' and n % 2 = 0 as waiting, status in ('advice', 'decision') and (n / 10) % 5 = 0 as answered,
          gen_random_uuid() as ask_id
        from d),
      f as (
        select e.*, case when kind = 'tlv' then case when n % 7 = 0 then 'so' else 'vso' end end as school_kind,
          case kind when 'arrangement' then 28 when 'consultation' then 14 else 42 end as target_days
        from e),
      r as (
        insert into requests (id, partnership_id, school_id, pupil_id, kind, arrangement_kind_id, tlv_school_kind, status, question, done_already, expectation,
          assigned_to, submitted_at, decision_due_on, waiting_since, waiting_days, created_by, created_at, updated_by, updated_at)
        select f.id, ${partnershipId}, f.school_id, f.pupil_id, f.kind, case when f.kind = 'arrangement' then k.id end, f.school_kind, f.status,
          ${TEXT.question}, ${TEXT.done}, ${TEXT.expectation}, case when f.status <> 'submitted' then ${consultant}::uuid end,
          f.submitted_at, f.submitted_at::date + f.target_days, case when f.waiting then f.submitted_at + interval '5 days' end, case when f.answered then 4 else 0 end,
          f.oco, f.submitted_at - interval '7 days', f.oco, f.submitted_at + interval '5 days'
        from f left join arrangement_kinds k on k.partnership_id = ${partnershipId} and k.name = ${KINDS[0].name}),
      ask as (
        insert into request_messages (id, partnership_id, request_id, author_id, side, kind, body, answered_at, created_at)
        select ask_id, ${partnershipId}, id, ${consultant}, 'partnership', 'addition_request', 'Kunt u de laatste evaluatie van het OPP toevoegen?',
          case when answered then submitted_at + interval '6 days' end, submitted_at + interval '2 days' + case when waiting then interval '3 days' else interval '0 days' end
        from f where waiting or answered),
      answer as (
        insert into request_messages (partnership_id, request_id, author_id, side, kind, body, answers_id, created_at)
        select ${partnershipId}, id, oco, 'school', 'addition_answer', 'De evaluatie van het OPP staat er nu bij.', ask_id, submitted_at + interval '6 days'
        from f where answered),
      status_message as (
        insert into request_messages (partnership_id, request_id, author_id, side, kind, body, created_at)
        select ${partnershipId}, id, oco, 'school', 'status', ${TEXT.submitted}, submitted_at from f),
      x as (
        insert into request_experts (partnership_id, request_id, expert_id, discipline, advice, advised_at, assigned_by, assigned_at)
        select ${partnershipId}, f.id, ex.expert, ex.discipline,
          case when f.status = 'decision' then jsonb_build_object('needs', 'Een kleine groep met veel structuur.', 'whyNotRegular', 'De aanpak in het OPP werkte niet.',
            'conclusion', 'admissible', 'schoolKind', f.school_kind, 'category', 1, 'durationMonths', 24) end,
          case when f.status = 'decision' then f.submitted_at + interval '20 days' end, ${consultant}, f.submitted_at + interval '8 days'
        from f cross join (values (${experts[0]!}::uuid, 'orthopedagoog'), (${experts[1]!}::uuid, 'kinderpsychiater')) as ex(expert, discipline)
        where f.kind = 'tlv' and f.status in ('advice', 'decision'))
      select count(*)::int as n from f`,
    );
  }

  const after = await have();
  return { tlvs: after.tlvs - before.tlvs, arrangements: after.arrangements - before.arrangements, open: after.open - before.open, total: after };
}

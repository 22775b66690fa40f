/**
 * Bench requests: a year's TLV register and arrangements, and an open queue
 * at the loket. Each part picks its pupils and works out its dates in one
 * SQL select, and writes its rows through the row builders
 * (src/seed/factories), as the demo seed and the tests do. At 40,000 pupils:
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
import * as rows from '../src/seed/factories/index.ts';

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

/** The two experts advise as these (the partnership's first two swv_experts, by e-mail). */
const EXPERT_DISCIPLINES = ['orthopedagoog', 'kinderpsychiater'] as const;

const TEXT = {
  question: 'Kan de leerling de extra ondersteuning krijgen die de school zelf niet kan bieden?',
  done: 'Een jaar OPP met coaching en een rustige werkplek. De doelen voor zelfstandig werken zijn niet gehaald.',
  expectation: 'Een passende plek of begeleiding, zodat de leerling weer tot leren komt.',
  submitted: 'De school heeft de aanvraag ingediend.',
};

/**
 * The consultant who holds the bench's requests: the partnership's first
 * swv_consultant by e-mail. That is consulent2@ (Dirk Mulder, a journey
 * account of seedPartnership), since '2' sorts before '@'; bench/prepare.ts
 * signs in the same account so the queue and the work list name what it holds.
 */
export const consultantQuery = (db: Db, partnershipId: string) => db`
  select r.user_id from role_assignments r join users u on u.id = r.user_id
  where r.partnership_id = ${partnershipId} and r.school_id is null and r.role = 'swv_consultant' order by u.email limit 1`;

export async function seedRequests(sql: Sql, partnershipId: string, pupils: number, schoolYear: string) {
  const y = Number(schoolYear.slice(0, 4));
  /** The seed's "today": dates are fixed relative to the bench school year, not to the day of seeding. */
  const anchor = `${y}-11-01`;
  const yearFrom = `${y - 1}-11-01`;
  const target = requestTargets(pupils);
  const [staff] = await sql<{ consultant: string; director: string; experts: string[] }[]>`
    select
      (${consultantQuery(sql, partnershipId)}) as consultant,
      (select r.user_id from role_assignments r join users u on u.id = r.user_id where r.partnership_id = ${partnershipId} and r.school_id is null and r.role = 'swv_director' order by u.email limit 1) as director,
      array(select r.user_id from role_assignments r join users u on u.id = r.user_id where r.partnership_id = ${partnershipId} and r.school_id is null and r.role = 'swv_expert' order by u.email limit 2) as experts`;
  const { consultant, director, experts } = staff!;
  if (!consultant || !director || experts.length < 2) throw new Error('bench requests: the partnership lacks a consultant, a director or two experts');
  const known = new Set((await sql<{ name: string }[]>`select name from arrangement_kinds where partnership_id = ${partnershipId}`).map((k) => k.name));
  await rows.arrangementKind.many(
    sql,
    KINDS.filter((k) => !known.has(k.name)).map((k) => ({
      partnership_id: partnershipId, name: k.name, offers: k.offers, scope: k.scope, amount_eur: k.amount, hours: k.hours, max_weeks: k.maxWeeks, evaluation_weeks: k.evaluationWeeks,
    })),
  );
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
    await sql.begin(async (tx) => {
      const f = await tx<{
        id: string; school_id: string; pupil_id: string; oco: string; number: number; school_kind: string; category: number; cluster: number;
        decided_on: string; starts_on: string; ends_on: string; submitted_at: Date; due_on: string; decided_at: Date; created_at: Date; advised_at: Date; assigned_at: Date;
      }[]>`
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
        from e)
      select id, school_id, pupil_id, oco, number, school_kind, category, cluster, decided_on, starts_on, ends_on,
        submitted_at::timestamptz as submitted_at, submitted_at::date + 42 as due_on, (decided_on + time '14:00')::timestamptz as decided_at,
        (submitted_at - interval '14 days')::timestamptz as created_at, (decided_on - 7 + time '12:00')::timestamptz as advised_at, (submitted_at + interval '7 days')::timestamptz as assigned_at
      from f order by n`;
      const tenant = { partnership_id: partnershipId };
      await rows.request.many(tx, f.map((r) => ({
        ...tenant, id: r.id, school_id: r.school_id, pupil_id: r.pupil_id, kind: 'tlv', tlv_school_kind: r.school_kind, status: 'decided',
        question: TEXT.question, done_already: TEXT.done, expectation: TEXT.expectation, assigned_to: consultant,
        submitted_at: r.submitted_at, decision_due_on: r.due_on, decided_at: r.decided_at, created_by: r.oco, created_at: r.created_at, updated_by: director, updated_at: r.decided_at,
      })));
      await rows.requestDecision.many(tx, f.map((r) => ({
        ...tenant, request_id: r.id, outcome: 'granted', motivation: 'Toegekend na twee adviezen.', starts_on: r.starts_on, ends_on: r.ends_on,
        school_kind: r.school_kind, category: r.category, cluster: r.cluster, decided_by: director, decided_on: r.decided_on,
      })));
      await rows.requestExpert.many(tx, f.flatMap((r) => EXPERT_DISCIPLINES.map((discipline, i) => ({
        ...tenant, request_id: r.id, expert_id: experts[i]!, discipline,
        advice: { needs: 'Een kleine groep met veel structuur.', whyNotRegular: 'De aanpak in het OPP werkte niet.', conclusion: 'admissible', schoolKind: r.school_kind, category: r.category, durationMonths: 24 },
        advised_at: r.advised_at, assigned_by: consultant, assigned_at: r.assigned_at,
      }))));
      await rows.requestMessage.many(tx, f.map((r) => ({ ...tenant, request_id: r.id, author_id: r.oco, side: 'school', kind: 'status', body: TEXT.submitted, created_at: r.submitted_at })));
      await rows.tlv.many(tx, f.map((r) => ({
        ...tenant, request_id: r.id, pupil_id: r.pupil_id, school_id: r.school_id, number: r.number, school_kind: r.school_kind, category: r.category, cluster: r.cluster,
        starts_on: r.starts_on, ends_on: r.ends_on, created_at: r.decided_at,
      })));
    });
  }

  if (before.arrangements < target.arrangements) {
    await sql.begin(async (tx) => {
      const f = await tx<{
        id: string; school_id: string; pupil_id: string | null; oco: string; group_description: string; kind_id: string; amount_eur: string | null; hours: number | null;
        outcome: string; decided_on: string; starts_on: string; ends_on: string; status: string; next_evaluation_on: string | null;
        submitted_at: Date; due_on: string; decided_at: Date; created_at: Date;
      }[]>`
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
        from e)
      select id, school_id, pupil_id, oco, group_description, kind_id, amount_eur, hours, outcome, decided_on, starts_on, ends_on, status, next_evaluation_on,
        submitted_at::timestamptz as submitted_at, submitted_at::date + 28 as due_on, (decided_on + time '14:00')::timestamptz as decided_at,
        (submitted_at - interval '7 days')::timestamptz as created_at
      from f order by n`;
      const tenant = { partnership_id: partnershipId };
      await rows.request.many(tx, f.map((r) => ({
        ...tenant, id: r.id, school_id: r.school_id, pupil_id: r.pupil_id, kind: 'arrangement', arrangement_kind_id: r.kind_id, group_description: r.group_description, status: 'decided',
        question: TEXT.question, done_already: TEXT.done, expectation: TEXT.expectation, assigned_to: consultant,
        submitted_at: r.submitted_at, decision_due_on: r.due_on, decided_at: r.decided_at, created_by: r.oco, created_at: r.created_at, updated_by: director, updated_at: r.decided_at,
      })));
      await rows.requestDecision.many(tx, f.map((r) => ({
        ...tenant, request_id: r.id, outcome: r.outcome, motivation: 'Toegekend: de school heeft laten zien wat zij zelf al deed.', amount_eur: r.amount_eur, hours: r.hours,
        starts_on: r.starts_on, ends_on: r.ends_on, decided_by: director, decided_on: r.decided_on,
      })));
      await rows.requestMessage.many(tx, f.map((r) => ({ ...tenant, request_id: r.id, author_id: r.oco, side: 'school', kind: 'status', body: TEXT.submitted, created_at: r.submitted_at })));
      await rows.arrangement.many(tx, f.map((r) => ({
        ...tenant, request_id: r.id, school_id: r.school_id, pupil_id: r.pupil_id, kind: 'arrangement', arrangement_kind_id: r.kind_id, amount_eur: r.amount_eur, hours: r.hours,
        starts_on: r.starts_on, ends_on: r.ends_on, next_evaluation_on: r.next_evaluation_on, status: r.status, created_at: r.decided_at,
      })));
    });
  }

  if (before.open < target.open) {
    await sql.begin(async (tx) => {
      const f = await tx<{
        id: string; school_id: string; pupil_id: string; oco: string; kind: string; arrangement_kind_id: string | null; school_kind: string | null; status: string;
        waiting: boolean; answered: boolean; ask_id: string; submitted_at: Date; due_on: string; waiting_since: Date | null; created_at: Date; updated_at: Date;
        ask_answered_at: Date | null; ask_at: Date; answer_at: Date; advised_at: Date | null; assigned_at: Date;
      }[]>`
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
        from e)
      select f.id, f.school_id, f.pupil_id, f.oco, f.kind, case when f.kind = 'arrangement' then k.id end as arrangement_kind_id, f.school_kind, f.status,
        f.waiting, f.answered, f.ask_id, f.submitted_at::timestamptz as submitted_at, f.submitted_at::date + f.target_days as due_on,
        case when f.waiting then (f.submitted_at + interval '5 days')::timestamptz end as waiting_since,
        (f.submitted_at - interval '7 days')::timestamptz as created_at, (f.submitted_at + interval '5 days')::timestamptz as updated_at,
        case when f.answered then (f.submitted_at + interval '6 days')::timestamptz end as ask_answered_at,
        (f.submitted_at + interval '2 days' + case when f.waiting then interval '3 days' else interval '0 days' end)::timestamptz as ask_at,
        (f.submitted_at + interval '6 days')::timestamptz as answer_at,
        case when f.status = 'decision' then (f.submitted_at + interval '20 days')::timestamptz end as advised_at, (f.submitted_at + interval '8 days')::timestamptz as assigned_at
      from f left join arrangement_kinds k on k.partnership_id = ${partnershipId} and k.name = ${KINDS[0].name}
      order by f.n`;
      const tenant = { partnership_id: partnershipId };
      await rows.request.many(tx, f.map((r) => ({
        ...tenant, id: r.id, school_id: r.school_id, pupil_id: r.pupil_id, kind: r.kind, arrangement_kind_id: r.arrangement_kind_id, tlv_school_kind: r.school_kind, status: r.status,
        question: TEXT.question, done_already: TEXT.done, expectation: TEXT.expectation, assigned_to: r.status === 'submitted' ? null : consultant,
        submitted_at: r.submitted_at, decision_due_on: r.due_on, waiting_since: r.waiting_since, waiting_days: r.answered ? 4 : 0,
        created_by: r.oco, created_at: r.created_at, updated_by: r.oco, updated_at: r.updated_at,
      })));
      await rows.requestMessage.many(tx, f.filter((r) => r.waiting || r.answered).map((r) => ({
        ...tenant, id: r.ask_id, request_id: r.id, author_id: consultant, side: 'partnership', kind: 'addition_request', body: 'Kunt u de laatste evaluatie van het OPP toevoegen?',
        answered_at: r.ask_answered_at, created_at: r.ask_at,
      })));
      await rows.requestMessage.many(tx, f.filter((r) => r.answered).map((r) => ({
        ...tenant, request_id: r.id, author_id: r.oco, side: 'school', kind: 'addition_answer', body: 'De evaluatie van het OPP staat er nu bij.', answers_id: r.ask_id, created_at: r.answer_at,
      })));
      await rows.requestMessage.many(tx, f.map((r) => ({ ...tenant, request_id: r.id, author_id: r.oco, side: 'school', kind: 'status', body: TEXT.submitted, created_at: r.submitted_at })));
      await rows.requestExpert.many(tx, f.filter((r) => r.kind === 'tlv' && (r.status === 'advice' || r.status === 'decision')).flatMap((r) => EXPERT_DISCIPLINES.map((discipline, i) => ({
        ...tenant, request_id: r.id, expert_id: experts[i]!, discipline,
        advice: r.status === 'decision'
          ? { needs: 'Een kleine groep met veel structuur.', whyNotRegular: 'De aanpak in het OPP werkte niet.', conclusion: 'admissible', schoolKind: r.school_kind, category: 1, durationMonths: 24 }
          : null,
        advised_at: r.advised_at, assigned_by: consultant, assigned_at: r.assigned_at,
      }))));
    });
  }

  const after = await have();
  return { tlvs: after.tlvs - before.tlvs, arrangements: after.arrangements - before.arrangements, open: after.open - before.open, total: after };
}

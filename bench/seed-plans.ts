/**
 * Bench OPPs: about one plan per ten pupils (4,000 on the 40,000-pupil seed),
 * each with one version whose content is shaped like the demo's plans
 * (src/seed/plans.ts), generated in SQL with `insert … select` in batches.
 *
 * Pupils with a dossier (support level above basis) get a plan first, in
 * student-number order. Statuses, by the plan's number n (1, 2, …):
 * n % 10 in 0-1 draft, 2-3 with the parents, 4-6 agreed, 7 disagreed,
 * 8-9 closed (its version stays agreed); one plan in four is a light plan.
 * Agreed and disagreed versions get the parent's paper response; agreed plans
 * put their advice in the klassenscan, as the real flow does. One plan per
 * pupil, so the "one open plan per pupil" index always holds. Dates are fixed
 * relative to the bench school year, not to the day of seeding.
 * Idempotent: tops up to the target and stops when no pupil is left.
 */
import type { Sql } from '../src/db/index.ts';

const BATCH = 1000;
const ADVICE = 'Geef toetsen in de stilteruimte met 25% extra tijd.';

/** src/seed/plans.ts's content, with the first name and the evaluation date as placeholders filled in by SQL. */
const CONTENT_TEMPLATE = JSON.stringify({
  perspective: { destination: 'mbo-3', grounds: '__NAME__ leert het best in de praktijk; de capaciteiten passen bij mbo niveau 3.' },
  facts: [],
  factors: [
    { kind: 'supporting', category: 'werkhouding', description: 'Gemotiveerd bij praktische opdrachten.', factSourceId: null },
    { kind: 'hindering', category: 'sociaal_emotioneel', description: 'Faalangst bij toetsen.', factSourceId: null },
  ],
  goals: [{ id: 'g1', what: 'Maakt toetsen af zonder paniek', howWeSee: 'Alle toetsen van een periode zijn gemaakt', by: '__EVAL__' }],
  measures: [
    { id: 'm1', aspect: 'ruimte', description: 'Toetsen in de stilteruimte met 25% extra tijd', who: 'Toetscoördinator', hoursPerWeek: 1, where: 'stilteruimte' },
    { id: 'm2', aspect: 'expertise', description: 'Faalangstreductietraining', who: 'Orthopedagoog', hoursPerWeek: 1, where: 'school' },
  ],
  curriculumDeviations: '',
  evaluationDates: ['__EVAL__'],
  handelingsadviezen: [ADVICE],
  pupilView: 'Ik wil rustig kunnen werken.',
  summary: {
    whatWeSee: '__NAME__ wordt erg zenuwachtig van toetsen.',
    whatWeAim: 'Dat toetsen maken rustiger gaat.',
    whatSchoolDoes: 'Een rustige plek, extra tijd en een training.',
    whatWeAsk: 'Help thuis met plannen van het leren.',
    nextTalk: '__EVAL__',
  },
});

/** Tops the partnership up to `target` plans. Returns how many it added. */
export async function seedOpps(sql: Sql, partnershipId: string, target: number, schoolYear: string): Promise<number> {
  const start = `${schoolYear.slice(0, 4)}-09-01`;
  let added = 0;
  for (;;) {
    const [{ have }] = (await sql`select count(*)::int as have from opps where partnership_id = ${partnershipId}`) as unknown as [{ have: number }];
    if (have >= target) return added;
    const [{ made }] = (await sql.begin(
      (tx) => tx`
      with picked as (
        select p.id as pupil_id, p.school_id, p.first_name,
          ${have}::int + row_number() over (order by (p.support_level = 'basis'), p.student_number)::int as n,
          (select r.user_id from role_assignments r join users u on u.id = r.user_id
           where r.school_id = p.school_id and r.role = 'oco' order by u.email limit 1) as oco
        from pupils p
        where p.partnership_id = ${partnershipId} and not exists (select 1 from opps o where o.pupil_id = p.id)
        order by (p.support_level = 'basis'), p.student_number
        limit ${Math.min(BATCH, target - have)}),
      s as (
        select picked.*,
          case when n % 10 < 2 then 'draft' when n % 10 < 4 then 'with_parents' when n % 10 < 7 then 'agreed'
               when n % 10 < 8 then 'disagreed' else 'closed' end as status,
          case when n % 4 = 1 then 'light' else 'full' end as kind,
          ${start}::date + (n % 240) as evaluation,
          ${start}::timestamptz + make_interval(mins => n * 7) as created,
          substr(to_json(first_name)::text, 2, length(to_json(first_name)::text) - 2) as json_name
        from picked),
      o as (
        insert into opps (partnership_id, school_id, pupil_id, kind, status, next_evaluation_on, created_by, created_at, closed_at, closed_reason)
        select ${partnershipId}, school_id, pupil_id, kind, status, case when status = 'agreed' then evaluation end, oco, created,
          case when status = 'closed' then created + interval '120 days' end, case when status = 'closed' then 'evaluatie' end
        from s
        returning id, pupil_id),
      v as (
        insert into opp_versions (partnership_id, opp_id, number, kind, content, status, updated_by, updated_at, sent_at, agreed_at)
        select ${partnershipId}, o.id, 1, s.kind,
          replace(replace(${CONTENT_TEMPLATE}::text, '__NAME__', s.json_name), '__EVAL__', s.evaluation::text)::jsonb,
          case when s.status = 'closed' then 'agreed' else s.status end, s.oco, s.created + interval '3 days',
          case when s.status <> 'draft' then s.created + interval '3 days' end,
          case when s.status in ('agreed', 'closed') then s.created + interval '10 days' end
        from o join s on s.pupil_id = o.pupil_id
        returning id, opp_id, status),
      r as (
        insert into opp_responses (partnership_id, opp_id, version_id, signer, signer_name, decision, comment, method, recorded_by, created_at)
        select ${partnershipId}, o.id, v.id, 'parent', 'Ouder van ' || s.first_name, case when v.status = 'agreed' then 'agree' else 'disagree' end,
          case when v.status = 'agreed' then '' else 'Wij willen meer begeleiding in de klas.' end, 'paper', s.oco, s.created + interval '10 days'
        from v join o on o.id = v.opp_id join s on s.pupil_id = o.pupil_id
        where v.status in ('agreed', 'disagreed')),
      a as (
        insert into handelingsadviezen (partnership_id, school_id, pupil_id, advice, source, source_id, created_by)
        select ${partnershipId}, s.school_id, s.pupil_id, ${ADVICE}, 'opp', o.id, s.oco
        from o join s on s.pupil_id = o.pupil_id where s.status = 'agreed')
      select count(*)::int as made from o`,
    )) as unknown as [{ made: number }];
    if (made === 0) return added;
    added += made;
  }
}

/**
 * Bench OPPs: about one plan per ten pupils (4,000 on the 40,000-pupil seed),
 * each with one version whose content is shaped like the demo's plans
 * (src/seed/plans.ts): each batch picks its pupils and works out statuses and
 * dates in one SQL select, and writes through the row builders (src/seed/factories).
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
import * as rows from '../src/seed/factories/index.ts';

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
    const made = await sql.begin(async (tx) => {
      const plans = await tx<{
        opp_id: string; version_id: string; pupil_id: string; school_id: string; first_name: string; oco: string; status: string; kind: string; evaluation: string;
        content: unknown; created: Date; closed_at: Date | null; sent_at: Date; agreed_at: Date;
      }[]>`
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
        from picked)
      select gen_random_uuid() as opp_id, gen_random_uuid() as version_id, pupil_id, school_id, first_name, oco, status, kind, evaluation, created,
        replace(replace(${CONTENT_TEMPLATE}::text, '__NAME__', json_name), '__EVAL__', evaluation::text)::jsonb as content,
        case when status = 'closed' then created + interval '120 days' end as closed_at,
        created + interval '3 days' as sent_at, created + interval '10 days' as agreed_at
      from s order by n`;
      const tenant = { partnership_id: partnershipId };
      /** A closed plan's version stays agreed. */
      const versionStatus = (status: string) => (status === 'closed' ? 'agreed' : status);
      await rows.opp.many(tx, plans.map((o) => ({
        ...tenant, id: o.opp_id, school_id: o.school_id, pupil_id: o.pupil_id, kind: o.kind, status: o.status, next_evaluation_on: o.status === 'agreed' ? o.evaluation : null,
        created_by: o.oco, created_at: o.created, closed_at: o.closed_at, closed_reason: o.status === 'closed' ? 'evaluatie' : null,
      })));
      await rows.oppVersion.many(tx, plans.map((o) => ({
        ...tenant, id: o.version_id, opp_id: o.opp_id, number: 1, kind: o.kind, content: o.content, status: versionStatus(o.status), updated_by: o.oco, updated_at: o.sent_at,
        sent_at: o.status === 'draft' ? null : o.sent_at, agreed_at: o.status === 'agreed' || o.status === 'closed' ? o.agreed_at : null,
      })));
      await rows.oppResponse.many(tx, plans.filter((o) => ['agreed', 'disagreed'].includes(versionStatus(o.status))).map((o) => {
        const agreed = versionStatus(o.status) === 'agreed';
        return {
          ...tenant, opp_id: o.opp_id, version_id: o.version_id, signer: 'parent', signer_name: `Ouder van ${o.first_name}`, decision: agreed ? 'agree' : 'disagree',
          comment: agreed ? '' : 'Wij willen meer begeleiding in de klas.', method: 'paper', recorded_by: o.oco, created_at: o.agreed_at,
        };
      }));
      // Agreed plans put their advice in the klassenscan, as the real flow does.
      await rows.handelingsadvies.many(tx, plans.filter((o) => o.status === 'agreed').map((o) => ({
        ...tenant, school_id: o.school_id, pupil_id: o.pupil_id, advice: ADVICE, source: 'opp', source_id: o.opp_id, created_by: o.oco,
      })));
      return plans.length;
    });
    if (made === 0) return added;
    added += made;
  }
}

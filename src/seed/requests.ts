import type { Tx } from '../db/index.ts';
import { OppContent } from '../features/plans/schema.ts';
import { addDays, today } from '../platform/time.ts';
import * as rows from './factories/index.ts';

/**
 * Demo requests to the partnership: the partnership's arrangement kinds; at
 * the first school a request in every status (with attachments, consent,
 * thread, experts, decisions, an objection); and a TLV register with a
 * year's numbers across the schools, some ending within six months. Rows one
 * at a time go through the factories; the register is written in bulk.
 */
export async function seedRequests(tx: Tx, partnershipId: string, domain: string) {
  const user = async (local: string) => (await tx<{ id: string }[]>`select id from users where email = ${`${local}@${domain}`}`)[0]!.id;
  const [oco, consultant, expert1, expert2, director] = await Promise.all(['oco.s1', 'consulent', 'deskundige', 'deskundige2', 'directeur'].map(user)) as [string, string, string, string, string];
  const kinds = await tx<{ id: string }[]>`
    insert into arrangement_kinds (partnership_id, name, offers, scope, amount_eur, hours, max_weeks, evaluation_weeks, required_parts)
    values (${partnershipId}, 'Ambulante begeleiding', 'Een ambulant begeleider werkt met de leerling en adviseert de mentor.', 'pupil', 2500, null, 26, 10, '{opp_agreed_recent,parent_consent}'),
           (${partnershipId}, 'Groepsarrangement', 'Extra begeleiding voor een groep leerlingen met een vergelijkbare vraag.', 'group', 8000, null, 40, 12, '{meeting}'),
           (${partnershipId}, 'Teamscholing', 'Scholing en coaching van een team, bijvoorbeeld over gedrag of autisme.', 'team', null, 20, 20, 10, '{}')
    returning id`;
  const pupils = await tx<{ id: string; schoolId: string; oppVersionId: string | null }[]>`
    select p.id, p.school_id as "schoolId",
      (select v.id from opps o join opp_versions v on v.opp_id = o.id where o.pupil_id = p.id and v.status = 'agreed' limit 1) as "oppVersionId"
    from pupils p join role_assignments r on r.school_id = p.school_id and r.user_id = ${oco} and r.role = 'oco'
    where p.partnership_id = ${partnershipId}
    order by (select count(*) from opps o where o.pupil_id = p.id) desc, p.student_number limit 10`;
  const now = today();
  const states = [
    { kind: 'tlv', status: 'draft' },
    { kind: 'tlv', status: 'submitted' },
    { kind: 'arrangement', status: 'in_review' },
    { kind: 'tlv', status: 'advice' },
    { kind: 'tlv', status: 'decision' },
    { kind: 'tlv', status: 'decided' },
    { kind: 'arrangement', status: 'decided' },
    { kind: 'consultation', status: 'answered' },
    { kind: 'opdc', status: 'withdrawn' },
    { kind: 'opdc', status: 'decided' },
  ] as const;
  for (const [i, s] of states.entries()) {
    const p = pupils[i]!;
    const submitted = s.status !== 'draft';
    const held = !['draft', 'submitted'].includes(s.status);
    const submittedOn = addDays(now, -30 + i);
    const { id } = await rows.request(tx, {
      partnership_id: partnershipId, school_id: p.schoolId, pupil_id: p.id, kind: s.kind, arrangement_kind_id: s.kind === 'arrangement' ? kinds[0]!.id : null,
      tlv_school_kind: s.kind === 'tlv' ? 'vso' : null, status: s.status,
      question: 'Kan de leerling de extra ondersteuning krijgen die de school zelf niet kan bieden?',
      done_already: 'Een jaar OPP met coaching en een rustige werkplek. De doelen voor zelfstandig werken zijn niet gehaald.',
      expectation: 'Een passende plek of begeleiding, zodat de leerling weer tot leren komt.',
      return_goal: s.kind === 'opdc' ? 'Na tien weken weer vier dagen per week in de eigen klas, met een vaste mentor en een rustige werkplek.' : '',
      assigned_to: held ? consultant : null, submitted_at: submitted ? submittedOn : null, decision_due_on: submitted ? addDays(submittedOn, s.kind === 'arrangement' ? 28 : 42) : null,
      decided_at: s.status === 'decided' ? new Date() : null, created_by: oco,
    });
    if (p.oppVersionId) {
      await tx`insert into request_attachments (partnership_id, request_id, item_type, item_id, label, item_date, added_by, snapshot, shared_at)
               values (${partnershipId}, ${id}, 'opp_version', ${p.oppVersionId}, 'OPP versie 1 (ouders ingestemd)', ${now}, ${oco}, ${submitted ? tx.json({ status: 'agreed' }) : null},
                       ${submitted ? submittedOn : null})`;
    }
    if (submitted) {
      await tx`insert into request_consents (partnership_id, request_id, signer, signer_name, decision, attachment_ids, method, recorded_by)
               select ${partnershipId}, ${id}, 'parent', 'Ouder', 'given', coalesce(array_agg(a.id), '{}'), 'paper', ${oco} from request_attachments a where a.request_id = ${id}`;
      await tx`insert into request_messages (partnership_id, request_id, author_id, side, kind, body) values (${partnershipId}, ${id}, ${oco}, 'school', 'status', 'De school heeft de aanvraag ingediend.')`;
    }
    if (s.status === 'in_review') {
      await tx`insert into request_messages (partnership_id, request_id, author_id, side, kind, body) values (${partnershipId}, ${id}, ${consultant}, 'partnership', 'addition_request', 'Kunt u de laatste evaluatie van het OPP toevoegen?')`;
      await tx`update requests set waiting_since = now() - interval '3 days' where id = ${id}`;
    }
    if (s.kind === 'tlv' && ['advice', 'decision', 'decided'].includes(s.status)) {
      const advised = s.status !== 'advice';
      const advice = { needs: 'Een kleine groep met veel structuur.', whyNotRegular: 'De groepen zijn te groot; de aanpak in het OPP werkte niet.', conclusion: 'admissible', schoolKind: 'vso', category: 1, durationMonths: 24 };
      for (const [expert, discipline] of [[expert1, 'orthopedagoog'], [expert2, 'kinderpsychiater']] as const) {
        await rows.requestExpert(tx, {
          partnership_id: partnershipId, request_id: id, expert_id: expert, discipline, advice: advised ? advice : null, advised_at: advised ? new Date() : null, assigned_by: consultant,
        });
      }
    }
    if (s.status === 'decided') {
      const refused = s.kind === 'opdc';
      const period = refused ? { starts: null, ends: null } : { starts: addDays(now, 7), ends: s.kind === 'tlv' ? `${Number(now.slice(0, 4)) + 2}-07-31` : addDays(now, 7 + 26 * 7 - 1) };
      await rows.requestDecision(tx, {
        request_id: id, partnership_id: partnershipId, outcome: refused ? 'refused' : 'granted',
        motivation: refused ? 'De school kan met een arrangement eerst zelf verder; een OPDC-plaats is nu niet nodig.' : 'De leerling heeft meer nodig dan de school kan bieden.',
        amount_eur: s.kind === 'arrangement' ? 2500 : null, starts_on: period.starts, ends_on: period.ends, school_kind: s.kind === 'tlv' ? 'vso' : null,
        category: s.kind === 'tlv' ? 1 : null, cluster: s.kind === 'tlv' ? 4 : null, decided_by: director, decided_on: now,
      });
      if (s.kind === 'tlv') {
        // Numbered after the year's register below.
        await rows.tlv(tx, { partnership_id: partnershipId, request_id: id, pupil_id: p.id, school_id: p.schoolId, number: 0, school_kind: 'vso', category: 1, cluster: 4, starts_on: period.starts!, ends_on: period.ends! });
      }
      if (s.kind === 'arrangement') {
        await rows.arrangement(tx, {
          partnership_id: partnershipId, request_id: id, school_id: p.schoolId, pupil_id: p.id, arrangement_kind_id: kinds[0]!.id, amount_eur: 2500,
          starts_on: period.starts!, ends_on: period.ends!, next_evaluation_on: addDays(period.starts!, 70),
        });
      }
      if (refused) {
        await tx`insert into request_objections (partnership_id, request_id, lodged_on, lodged_by, grounds, recorded_by)
                 values (${partnershipId}, ${id}, ${now}, 'Ouders', 'De ouders vinden dat de school alles heeft geprobeerd.', ${director})`;
      }
    }
  }
  await seedTlvRegister(tx, partnershipId, { consultant, director, oco, exclude: pupils.map((p) => p.id) });
}

/**
 * A year of TLVs across the schools (numbers 1…n in order of decision),
 * each behind a decided request, as the register and the DUO export show them.
 */
async function seedTlvRegister(tx: Tx, partnershipId: string, u: { consultant: string; director: string; oco: string; exclude: string[] }) {
  await tx`
    with picked as (
      select p.id as pupil_id, p.school_id, row_number() over (order by md5(p.id::text)) as n
      from pupils p where p.partnership_id = ${partnershipId} and not (p.id = any(${u.exclude}::uuid[]))
      limit 60
    ), made as (
      insert into requests (partnership_id, school_id, pupil_id, kind, tlv_school_kind, status, question, done_already, expectation, assigned_to,
        submitted_at, decision_due_on, decided_at, created_by, updated_by)
      select ${partnershipId}, school_id, pupil_id, 'tlv', case when n % 7 = 0 then 'so' else 'vso' end, 'decided', 'Toelaatbaarheid vso', 'OPP en arrangement', 'TLV',
        ${u.consultant}, now() - make_interval(days => (400 - n * 6)::int), current_date - (360 - n * 6)::int, now() - make_interval(days => (365 - n * 6)::int), ${u.oco}, ${u.oco}
      from picked
      returning id, pupil_id, school_id, tlv_school_kind, decided_at
    ), numbered as (
      select m.*, row_number() over (order by decided_at, id) as number from made m
    ), decisions as (
      insert into request_decisions (request_id, partnership_id, outcome, motivation, starts_on, ends_on, school_kind, category, cluster, decided_by, decided_on)
      select id, ${partnershipId}, 'granted', 'Toegekend na twee adviezen.', decided_at::date + 7,
        -- Every fifth ends within the coming months: the register flags it and offers an extension.
        case when number % 5 = 0 then current_date + (number * 2)::int else ((extract(year from decided_at)::int + 2) || '-07-31')::date end,
        tlv_school_kind, 1 + (number % 3)::int, case when number % 2 = 0 then 4 else 3 end, ${u.director}, decided_at::date
      from numbered
      returning request_id, starts_on, ends_on, school_kind, category, cluster
    )
    insert into tlvs (partnership_id, request_id, pupil_id, school_id, number, school_kind, category, cluster, starts_on, ends_on)
    select ${partnershipId}, n.id, n.pupil_id, n.school_id, n.number, d.school_kind, d.category, d.cluster, d.starts_on, greatest(d.ends_on, d.starts_on + 1)
    from numbered n join decisions d on d.request_id = n.id`;
  // The first school's TLV, decided today, comes last.
  await tx`update tlvs set number = (select max(number) + 1 from tlvs where partnership_id = ${partnershipId}) where partnership_id = ${partnershipId} and number = 0`;
}

/**
 * At the third school, one pupil whose dossier holds everything a TLV request
 * needs except the parents' consent: an OPP the parents agreed to two months
 * ago, its evaluation, a test report and a support-team meeting. The request
 * journey (tests/e2e/request.test.ts) composes a request from it.
 */
export async function seedReadyDossier(tx: Tx, partnershipId: string, domain: string) {
  const [oco] = await tx<{ id: string; schoolId: string }[]>`
    select u.id, r.school_id as "schoolId" from users u join role_assignments r on r.user_id = u.id where u.email = ${`oco.s3@${domain}`} and r.role = 'oco'`;
  const [pupil] = await tx<{ id: string; firstName: string }[]>`
    select id, first_name as "firstName" from pupils where school_id = ${oco!.schoolId} and not exists (select 1 from opps o where o.pupil_id = pupils.id)
      and not exists (select 1 from requests r where r.pupil_id = pupils.id) order by student_number limit 1`;
  const p = pupil!;
  await tx`update pupils set support_level = 'extra' where id = ${p.id}`;
  const now = today();
  const content = OppContent.parse({
    perspective: { destination: 'vso-arbeid', grounds: `${p.firstName} heeft een kleine groep en veel structuur nodig om tot leren te komen.` },
    factors: [
      { kind: 'supporting', category: 'werkhouding', description: 'Werkt goed met een vaste begeleider.' },
      { kind: 'hindering', category: 'sociaal_emotioneel', description: 'Raakt overprikkeld in een klas van dertig.' },
    ],
    goals: [{ id: 'g1', what: 'Werkt een lesuur in de klas zonder weg te lopen', howWeSee: 'Vier weken achter elkaar', by: addDays(now, -20) }],
    measures: [{ id: 'm1', aspect: 'aandacht', description: 'Dagelijkse start en afsluiting met de coach', who: 'Coach', hoursPerWeek: 3, where: 'school' }],
    evaluationDates: [addDays(now, -20)],
    handelingsadviezen: ['Geef een vaste plek bij de deur en een time-outkaart.'],
    summary: { whatWeSee: `${p.firstName} loopt vaak de klas uit.`, whatSchoolDoes: 'Coaching en een time-outplek.' },
  });
  const [opp] = await tx<{ id: string }[]>`
    insert into opps (partnership_id, school_id, pupil_id, kind, status, created_by)
    values (${partnershipId}, ${oco!.schoolId}, ${p.id}, 'full', 'agreed', ${oco!.id}) returning id`;
  const [v] = await tx<{ id: string }[]>`
    insert into opp_versions (partnership_id, opp_id, number, kind, content, status, updated_by, sent_at, agreed_at)
    values (${partnershipId}, ${opp!.id}, 1, 'full', ${tx.json(content as never)}, 'agreed', ${oco!.id}, now() - interval '70 days', now() - interval '60 days') returning id`;
  await tx`insert into opp_responses (partnership_id, opp_id, version_id, signer, signer_name, decision, method, recorded_by)
           values (${partnershipId}, ${opp!.id}, ${v!.id}, 'parent', ${`Ouder van ${p.firstName}`}, 'agree', 'paper', ${oco!.id})`;
  await tx`insert into opp_evaluations (partnership_id, opp_id, version_id, held_on, goal_results, measure_results, outcome, notes, created_by)
           values (${partnershipId}, ${opp!.id}, ${v!.id}, ${addDays(now, -20)}, ${tx.json([{ goalId: 'g1', result: 'not', observed: 'Loopt nog dagelijks weg.' }])},
                   ${tx.json([{ measureId: 'm1', decision: 'change', note: 'Meer nodig dan de school kan bieden.' }])}, 'new_version', 'Doelen niet gehaald ondanks coaching.', ${oco!.id})`;
  await tx`insert into documents (partnership_id, school_id, pupil_id, filename, mime_type, size_bytes, sha256, category, storage, content, uploaded_by)
           values (${partnershipId}, ${oco!.schoolId}, ${p.id}, 'Intelligentieonderzoek WISC-V.pdf', 'application/pdf', 9, 'demo', 'toetsverslag', 'db', ${Buffer.from('%PDF-1.4\n')}, ${oco!.id})`;
  // Something to send after submission, when the partnership asks for it.
  await tx`insert into logbook_entries (partnership_id, school_id, pupil_id, kind, occurred_on, body, author_id)
           values (${partnershipId}, ${oco!.schoolId}, ${p.id}, 'observation', ${addDays(now, -5)},
                   ${`${p.firstName} liep deze week vier keer de klas uit, steeds in het derde lesuur.`}, ${oco!.id})`;
}

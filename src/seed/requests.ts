import type { Tx } from '../db/index.ts';
import { OppContent } from '../features/plans/schema.ts';
import { addDays, today } from '../platform/time.ts';
import * as rows from './factories/index.ts';

/**
 * Demo requests to the partnership: the partnership's arrangement kinds; at
 * the first school a request in every status (with attachments, consent,
 * thread, experts, decisions, an objection); and a TLV register with a
 * year's numbers across the schools, some ending within six months. Every
 * row goes through its row builder (src/seed/factories).
 */
export async function seedRequests(tx: Tx, partnershipId: string, domain: string) {
  const user = async (local: string) => (await tx<{ id: string }[]>`select id from users where email = ${`${local}@${domain}`}`)[0]!.id;
  const [oco, consultant, expert1, expert2, director] = await Promise.all(['oco.s1', 'consulent', 'deskundige', 'deskundige2', 'directeur'].map(user)) as [string, string, string, string, string];
  const kinds = await rows.arrangementKind.many(tx, [
    { name: 'Ambulante begeleiding', offers: 'Een ambulant begeleider werkt met de leerling en adviseert de mentor.', scope: 'pupil', amount_eur: 2500, hours: null, max_weeks: 26, evaluation_weeks: 10, required_parts: ['opp_agreed_recent', 'parent_consent'] },
    { name: 'Groepsarrangement', offers: 'Extra begeleiding voor een groep leerlingen met een vergelijkbare vraag.', scope: 'group', amount_eur: 8000, hours: null, max_weeks: 40, evaluation_weeks: 12, required_parts: ['meeting'] },
    { name: 'Teamscholing', offers: 'Scholing en coaching van een team, bijvoorbeeld over gedrag of autisme.', scope: 'team', amount_eur: null, hours: 20, max_weeks: 20, evaluation_weeks: 10, required_parts: [] },
  ].map((k) => ({ partnership_id: partnershipId, ...k })));
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
      await rows.requestAttachment(tx, {
        partnership_id: partnershipId, request_id: id, item_type: 'opp_version', item_id: p.oppVersionId, label: 'OPP versie 1 (ouders ingestemd)', item_date: now, added_by: oco,
        snapshot: submitted ? { status: 'agreed' } : null, shared_at: submitted ? submittedOn : null,
      });
    }
    if (submitted) {
      const attached = await tx<{ id: string }[]>`select id from request_attachments where request_id = ${id}`;
      await rows.requestConsent(tx, {
        partnership_id: partnershipId, request_id: id, signer: 'parent', signer_name: 'Ouder', decision: 'given', attachment_ids: attached.map((a) => a.id), method: 'paper', recorded_by: oco,
      });
      await rows.requestMessage(tx, { partnership_id: partnershipId, request_id: id, author_id: oco, side: 'school', kind: 'status', body: 'De school heeft de aanvraag ingediend.' });
    }
    if (s.status === 'in_review') {
      await rows.requestMessage(tx, {
        partnership_id: partnershipId, request_id: id, author_id: consultant, side: 'partnership', kind: 'addition_request', body: 'Kunt u de laatste evaluatie van het OPP toevoegen?',
      });
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
        await rows.requestObjection(tx, {
          partnership_id: partnershipId, request_id: id, lodged_on: now, lodged_by: 'Ouders', grounds: 'De ouders vinden dat de school alles heeft geprobeerd.', recorded_by: director,
        });
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
  const picked = await tx<{ id: string; schoolId: string }[]>`
    select p.id, p.school_id as "schoolId" from pupils p where p.partnership_id = ${partnershipId} and not (p.id = any(${u.exclude}::uuid[]))
    order by md5(p.id::text) limit 60`;
  const DAY = 86_400_000;
  const now = today();
  // Decided n·6 days after a year ago, so numbers 1…n follow the order of decision.
  for (const [i, p] of picked.entries()) {
    const n = i + 1;
    const decidedOn = addDays(now, -(365 - n * 6));
    const schoolKind = n % 7 === 0 ? 'so' : 'vso';
    const { id } = await rows.request(tx, {
      partnership_id: partnershipId, school_id: p.schoolId, pupil_id: p.id, kind: 'tlv', tlv_school_kind: schoolKind, status: 'decided', question: 'Toelaatbaarheid vso',
      done_already: 'OPP en arrangement', expectation: 'TLV', assigned_to: u.consultant, submitted_at: new Date(Date.now() - (400 - n * 6) * DAY),
      decision_due_on: addDays(now, -(360 - n * 6)), decided_at: new Date(Date.now() - (365 - n * 6) * DAY), created_by: u.oco,
    });
    const period = {
      school_kind: schoolKind, category: 1 + (n % 3), cluster: n % 2 === 0 ? 4 : 3, starts_on: addDays(decidedOn, 7),
      // Every fifth ends within the coming months: the register flags it and offers an extension.
      ends_on: n % 5 === 0 ? addDays(now, n * 2) : `${Number(decidedOn.slice(0, 4)) + 2}-07-31`,
    };
    await rows.requestDecision(tx, {
      request_id: id, partnership_id: partnershipId, outcome: 'granted', motivation: 'Toegekend na twee adviezen.', ...period, decided_by: u.director, decided_on: decidedOn,
    });
    await rows.tlv(tx, {
      partnership_id: partnershipId, request_id: id, pupil_id: p.id, school_id: p.schoolId, number: n, ...period,
      ends_on: period.ends_on > period.starts_on ? period.ends_on : addDays(period.starts_on, 1),
    });
  }
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
  const of = { partnership_id: partnershipId, school_id: oco!.schoolId, pupil_id: p.id };
  const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
  const opp = await rows.opp(tx, { ...of, kind: 'full', status: 'agreed', created_by: oco!.id });
  const v = await rows.oppVersion(tx, {
    partnership_id: partnershipId, opp_id: opp.id, number: 1, kind: 'full', content, status: 'agreed', updated_by: oco!.id, sent_at: daysAgo(70), agreed_at: daysAgo(60),
  });
  await rows.oppResponse(tx, {
    partnership_id: partnershipId, opp_id: opp.id, version_id: v.id, signer: 'parent', signer_name: `Ouder van ${p.firstName}`, decision: 'agree', method: 'paper', recorded_by: oco!.id,
  });
  await rows.oppEvaluation(tx, {
    partnership_id: partnershipId, opp_id: opp.id, version_id: v.id, held_on: addDays(now, -20), goal_results: [{ goalId: 'g1', result: 'not', observed: 'Loopt nog dagelijks weg.' }],
    measure_results: [{ measureId: 'm1', decision: 'change', note: 'Meer nodig dan de school kan bieden.' }], outcome: 'new_version', notes: 'Doelen niet gehaald ondanks coaching.', created_by: oco!.id,
  });
  await rows.document(tx, {
    ...of, filename: 'Intelligentieonderzoek WISC-V.pdf', mime_type: 'application/pdf', size_bytes: 9, sha256: 'demo', category: 'toetsverslag', storage: 'db',
    content: Buffer.from('%PDF-1.4\n'), uploaded_by: oco!.id,
  });
  // Something to send after submission, when the partnership asks for it.
  await rows.logbookEntry(tx, {
    ...of, kind: 'observation', occurred_on: addDays(now, -5), body: `${p.firstName} liep deze week vier keer de klas uit, steeds in het derde lesuur.`, author_id: oco!.id,
  });
}

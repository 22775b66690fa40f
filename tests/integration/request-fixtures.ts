import type { FastifyInstance } from 'fastify';
import type { Sql } from '../../src/db/index.ts';
import { signIn, type Client } from '../helpers/client.ts';
import { addDays, today } from '../../src/platform/time.ts';
import * as f from '../helpers/factories.ts';

/**
 * A partnership where a school has a pupil with a full dossier: an OPP the
 * parents agreed to 30 days ago, its evaluation, a test report, a medical
 * report, a support-team meeting and a logbook entry; and the partnership's
 * loket (two consultants), three experts, a director and two mandated
 * decision-makers (one of them also a consultant).
 */
export async function requestWorld(sql: Sql, o: { birthDate?: string } = {}) {
  const p = await f.partnership(sql);
  const b = await f.board(sql, p.id);
  const s = await f.school(sql, p.id, b.id);
  const other = await f.school(sql, p.id, b.id);
  const at = (role: Parameters<typeof f.user>[2]['roles'][number]['role'], schoolId: string | null = null) => f.user(sql, p.id, { roles: [{ role, schoolId }] });
  const users = {
    oco: await at('oco', s.id),
    schoolleider: await at('schoolleider', s.id),
    mentor: await at('mentor', s.id),
    otherOco: await at('oco', other.id),
    consultant: await at('swv_consultant'),
    consultant2: await at('swv_consultant'),
    expert1: await at('swv_expert'),
    expert2: await at('swv_expert'),
    expert3: await at('swv_expert'),
    director: await at('swv_director'),
    decider: await at('swv_decider'),
    // A consultant the director also mandated to decide.
    deciderConsultant: await f.user(sql, p.id, { roles: [{ role: 'swv_consultant', schoolId: null }, { role: 'swv_decider', schoolId: null }] }),
  };
  const klass = await f.klass(sql, p.id, s.id, [{ userId: users.mentor.id }]);
  const pupil = await f.pupil(sql, p.id, s.id, klass.id, { first_name: 'Daan', lastName: 'Verhoef', birth_date: o.birthDate ?? '2012-03-04' });
  const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
  const opp = await f.opp(sql, { partnership_id: p.id, school_id: s.id, pupil_id: pupil.id, status: 'agreed', created_by: users.oco.id });
  const content = { goals: [{ id: 'g1', what: 'Werkt 20 minuten zelfstandig', howWeSee: 'Mentor ziet het', by: '2027-06-30' }], summary: { whatWeSee: 'Onrust in de klas.' } };
  const version = await f.oppVersion(sql, {
    partnership_id: p.id, opp_id: opp.id, content, status: 'agreed', updated_by: users.oco.id, sent_at: daysAgo(40), agreed_at: daysAgo(30),
  });
  const evaluation = await f.oppEvaluation(sql, {
    partnership_id: p.id, opp_id: opp.id, version_id: version.id, held_on: addDays(today(), -10), goal_results: [{ goalId: 'g1', result: 'not', observed: 'Lukt nog niet' }],
    created_by: users.oco.id,
  });
  const doc = async (filename: string, category: string) =>
    (await f.document(sql, { partnership_id: p.id, school_id: s.id, pupil_id: pupil.id, filename, category, uploaded_by: users.oco.id })).id;
  const testReport = await doc('WISC-V verslag.pdf', 'toetsverslag');
  const medical = await doc('Verslag kinderpsychiater.pdf', 'medisch');
  const kind = await f.meetingKind(sql, { partnership_id: p.id, school_id: s.id, code: 'sot', name: 'Schoolondersteuningsteam' });
  const meeting = await f.meeting(sql, { partnership_id: p.id, school_id: s.id, kind_id: kind.id, starts_at: daysAgo(20), status: 'held', created_by: users.oco.id });
  const item = await f.meetingItem(sql, { partnership_id: p.id, meeting_id: meeting.id, pupil_id: pupil.id, summary: 'Besproken: aanvraag TLV' });
  const arrangementKind = await f.arrangementKind(sql, {
    partnership_id: p.id, name: `Ambulante begeleiding ${Math.random()}`, offers: 'Begeleiding door een ambulant begeleider', amount_eur: 2500, max_weeks: 26, evaluation_weeks: 10,
    required_parts: ['opp_agreed_recent', 'parent_consent'],
  });
  return {
    partnershipId: p.id,
    schoolId: s.id,
    otherSchoolId: other.id,
    pupilId: pupil.id,
    versionId: version.id,
    evaluationId: evaluation.id,
    testReportId: testReport,
    medicalId: medical,
    meetingItemId: item.id,
    arrangementKindId: arrangementKind.id,
    users,
  };
}
export type RequestWorld = Awaited<ReturnType<typeof requestWorld>>;

/** Signed-in clients, made once per user on first use. */
export function clients(app: FastifyInstance, w: RequestWorld) {
  const made = new Map<string, Promise<Client>>();
  return (who: keyof RequestWorld['users']) => {
    if (!made.has(who)) made.set(who, signIn(app, w.users[who]));
    return made.get(who)!;
  };
}

/** A paper consent covering every current attachment, as the school records it. */
export async function consentAll(sql: Sql, w: RequestWorld, requestId: string, signer: 'parent' | 'pupil' = 'parent') {
  const attachments = await sql<{ id: string }[]>`select id from request_attachments where request_id = ${requestId}`;
  await f.requestConsent(sql, {
    partnership_id: w.partnershipId, request_id: requestId, signer, signer_name: 'Mevrouw Verhoef', attachment_ids: attachments.map((a) => a.id), recorded_by: w.users.oco.id,
  });
}

/** A TLV request composed from the dossier and submitted, through the API. */
export async function submittedTlv(sql: Sql, w: RequestWorld, as: (who: 'oco') => Promise<Client>) {
  const oco = await as('oco');
  const { id } = (await oco.post('/api/requests', { kind: 'tlv', schoolId: w.schoolId, pupilId: w.pupilId, tlvSchoolKind: 'vso' })).json();
  const saved = await oco.put(`/api/requests/${id}`, { revision: 1, question: 'Is Daan toelaatbaar tot het vso?', doneAlready: 'Een jaar OPP met coaching; doelen niet gehaald.', expectation: 'Een TLV vso.' });
  if (saved.statusCode !== 200) throw new Error(saved.body);
  for (const [itemType, itemId] of [['opp_version', w.versionId], ['opp_evaluation', w.evaluationId], ['document', w.testReportId]] as const) {
    const res = await oco.post(`/api/requests/${id}/attachments`, { itemType, itemId });
    if (res.statusCode !== 200) throw new Error(res.body);
  }
  await consentAll(sql, w, id);
  const res = await oco.post(`/api/requests/${id}/submit`, { revision: 2 });
  if (res.statusCode !== 200) throw new Error(res.body);
  return id as string;
}

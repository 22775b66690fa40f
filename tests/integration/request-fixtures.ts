import type { FastifyInstance } from 'fastify';
import type { Sql } from '../../src/db/index.ts';
import { signIn, type Client } from '../helpers/client.ts';
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
  const pupil = await f.pupil(sql, p.id, s.id, klass.id);
  await sql`update pupils set first_name = 'Daan', last_name = 'Verhoef', birth_date = ${o.birthDate ?? '2012-03-04'} where id = ${pupil.id}`;
  const [opp] = await sql<{ id: string }[]>`
    insert into opps (partnership_id, school_id, pupil_id, kind, status, created_by) values (${p.id}, ${s.id}, ${pupil.id}, 'full', 'agreed', ${users.oco.id}) returning id`;
  const content = { goals: [{ id: 'g1', what: 'Werkt 20 minuten zelfstandig', howWeSee: 'Mentor ziet het', by: '2027-06-30' }], summary: { whatWeSee: 'Onrust in de klas.' } };
  const [version] = await sql<{ id: string }[]>`
    insert into opp_versions (partnership_id, opp_id, number, kind, content, status, updated_by, sent_at, agreed_at)
    values (${p.id}, ${opp!.id}, 1, 'full', ${sql.json(content)}, 'agreed', ${users.oco.id}, now() - interval '40 days', now() - interval '30 days') returning id`;
  const [evaluation] = await sql<{ id: string }[]>`
    insert into opp_evaluations (partnership_id, opp_id, version_id, held_on, goal_results, measure_results, outcome, created_by)
    values (${p.id}, ${opp!.id}, ${version!.id}, current_date - 10, ${sql.json([{ goalId: 'g1', result: 'not', observed: 'Lukt nog niet' }])}, ${sql.json([])}, 'new_version', ${users.oco.id})
    returning id`;
  const doc = async (filename: string, category: string) =>
    (
      await sql<{ id: string }[]>`
        insert into documents (partnership_id, school_id, pupil_id, filename, mime_type, size_bytes, sha256, category, storage, content, uploaded_by)
        values (${p.id}, ${s.id}, ${pupil.id}, ${filename}, 'application/pdf', 4, 'abcd', ${category}, 'db', ${Buffer.from('%PDF')}, ${users.oco.id}) returning id`
    )[0]!.id;
  const testReport = await doc('WISC-V verslag.pdf', 'toetsverslag');
  const medical = await doc('Verslag kinderpsychiater.pdf', 'medisch');
  const [kind] = await sql<{ id: string }[]>`
    insert into meeting_kinds (partnership_id, school_id, code, name) values (${p.id}, ${s.id}, 'sot', 'Schoolondersteuningsteam') returning id`;
  const [meeting] = await sql<{ id: string }[]>`
    insert into meetings (partnership_id, school_id, kind_id, starts_at, status, created_by) values (${p.id}, ${s.id}, ${kind!.id}, now() - interval '20 days', 'held', ${users.oco.id}) returning id`;
  const [item] = await sql<{ id: string }[]>`
    insert into meeting_items (partnership_id, meeting_id, pupil_id, summary) values (${p.id}, ${meeting!.id}, ${pupil.id}, 'Besproken: aanvraag TLV') returning id`;
  const [arrangementKind] = await sql<{ id: string }[]>`
    insert into arrangement_kinds (partnership_id, name, offers, scope, amount_eur, max_weeks, evaluation_weeks, required_parts)
    values (${p.id}, ${`Ambulante begeleiding ${Math.random()}`}, 'Begeleiding door een ambulant begeleider', 'pupil', 2500, 26, 10, '{opp_agreed_recent,parent_consent}') returning id`;
  return {
    partnershipId: p.id,
    schoolId: s.id,
    otherSchoolId: other.id,
    pupilId: pupil.id,
    versionId: version!.id,
    evaluationId: evaluation!.id,
    testReportId: testReport,
    medicalId: medical,
    meetingItemId: item!.id,
    arrangementKindId: arrangementKind!.id,
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
  await sql`
    insert into request_consents (partnership_id, request_id, signer, signer_name, decision, attachment_ids, method, recorded_by)
    select ${w.partnershipId}, ${requestId}, ${signer}, 'Mevrouw Verhoef', 'given', coalesce(array_agg(id), '{}'), 'paper', ${w.users.oco.id}
    from request_attachments where request_id = ${requestId}`;
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

import { randomUUID } from 'node:crypto';
import * as f from '../../helpers/factories.ts';
import { staffOnly } from './expect.ts';
import type { Entry } from './matrix.ts';
import type { World } from './world.ts';

/**
 * Requests to the partnership. The school's support team composes and
 * answers; the school leader reads; the loket sees the queue and takes a
 * request; only the consultant who holds it, the experts assigned to it and
 * (from the decision on) the director and the mandated decision-maker open
 * it. Everyone else: 404.
 */
const hidden = { default: 404, ...staffOnly } as const;
const TEAM = { oco: 200, ondersteuner: 200 } as const;
/** Who reads the request list (and its export): the school's team and leader, each school's OCO, and the partnership's staff. */
const LIST_READERS = {
  default: 403,
  ...staffOnly,
  ...TEAM,
  schoolleider: 200,
  oco_other_school: 200,
  oco_other_partnership: 200,
  swv_consultant: 200,
  swv_director: 200,
  swv_decider: 200,
  swv_expert: 200,
} as const;
const SCHOOL_READERS_ONLY = { oco: 403, ondersteuner: 403, schoolleider: 403 } as const;

type Status = 'draft' | 'submitted' | 'in_review' | 'advice' | 'decision' | 'decided';

/** A fresh request at A1 for the world's pupil; from 'in_review' on held by the world's consultant, with the world's expert when asked. */
export async function requestAt(w: World, status: Status, o: { kind?: 'tlv' | 'arrangement' | 'consultation'; expert?: boolean; schoolId?: string; pupilId?: string } = {}) {
  const kind = o.kind ?? 'tlv';
  const held = status !== 'draft' && status !== 'submitted';
  const arrangementKind =
    kind === 'arrangement'
      ? (await f.arrangementKind(w.sql, { partnership_id: w.a.partnershipId, max_weeks: 52 })).id
      : null;
  const r = await f.request(w.sql, {
    partnership_id: w.a.partnershipId, school_id: o.schoolId ?? w.a.schoolId, pupil_id: o.pupilId ?? w.a.pupilId, kind, arrangement_kind_id: arrangementKind, status, question: 'Vraag',
    assigned_to: held ? w.users.swv_consultant.id : null, submitted_at: status === 'draft' ? null : new Date(), decision_due_on: status === 'draft' ? null : '2027-01-01', created_by: w.users.oco.id,
  });
  // The world's confidential logbook entry, attached and sent before such entries stayed in the dossier (as older requests hold them).
  if (!o.pupilId) {
    await f.requestAttachment(w.sql, {
      partnership_id: w.a.partnershipId, request_id: r.id, item_type: 'logbook', item_id: w.confidential.entryId, label: 'Logboek', added_by: w.users.oco.id,
      shared_at: status === 'draft' ? null : new Date(), snapshot: status === 'draft' ? null : { kind: 'parent_conversation', occurredOn: '2026-11-01', body: w.confidential.text },
    });
  }
  if (o.expert ?? kind === 'tlv') await f.requestExpert(w.sql, { partnership_id: w.a.partnershipId, request_id: r.id, expert_id: w.users.swv_expert.id, assigned_by: w.users.swv_consultant.id });
  return r.id;
}

async function decided(w: World) {
  const id = await requestAt(w, 'decided');
  await f.requestDecision(w.sql, { request_id: id, partnership_id: w.a.partnershipId, outcome: 'refused', motivation: 'Nog niet nodig.', decided_by: w.users.swv_director.id });
  return id;
}

/**
 * Each reader finds a row of their own in the request list, so an allowed call always shows a pupil (and is audited):
 * the loket and the expert a submitted request, the decision-maker one at the decision, the schools a draft.
 */
async function withListRows(w: World, url: string) {
  await requestAt(w, 'submitted');
  await requestAt(w, 'decision');
  const other = await f.pupil(w.sql, w.a.partnershipId, w.a.otherSchoolId, null);
  await requestAt(w, 'draft', { schoolId: w.a.otherSchoolId, pupilId: other.id, expert: false });
  return url;
}

export const rows: Record<string, Entry> = {
  'POST /api/requests': {
    call: (w) => ({ url: '/api/requests', body: { kind: 'tlv', schoolId: w.a.schoolId, pupilId: w.a.pupilId, tlvSchoolKind: 'vso' } }),
    // B's staff name A's school: unknown in B, a field error.
    expect: { ...hidden, ...TEAM, schoolleider: 403, swv_admin_other_partnership: 400, oco_other_partnership: 400 },
  },
  'GET /api/requests': { call: async (w) => ({ url: await withListRows(w, '/api/requests') }), expect: LIST_READERS },
  // The same readers and rows as the list, as a file: an audited export.
  'GET /api/requests/export': { call: async (w) => ({ url: await withListRows(w, '/api/requests/export?format=csv') }), expect: LIST_READERS },
  'GET /api/requests/:id': {
    call: async (w) => ({ url: `/api/requests/${await requestAt(w, 'decision')}` }),
    expect: { ...hidden, ...TEAM, schoolleider: 200, swv_consultant: 200, swv_expert: 200, swv_director: 200, swv_decider: 200 },
  },
  'PUT /api/requests/:id': {
    call: async (w) => ({ url: `/api/requests/${await requestAt(w, 'draft')}`, body: { revision: 1, question: 'Nieuwe vraag' } }),
    expect: { ...hidden, ...TEAM, schoolleider: 403 },
  },
  'GET /api/requests/:id/dossier-items': {
    call: async (w) => ({ url: `/api/requests/${await requestAt(w, 'draft')}/dossier-items` }),
    expect: { ...hidden, ...TEAM, schoolleider: 403 },
  },
  'POST /api/requests/:id/attachments': {
    call: async (w) => {
      const doc = await f.document(w.sql, {
        partnership_id: w.a.partnershipId, school_id: w.a.schoolId, pupil_id: w.a.pupilId, size_bytes: 1, sha256: 'x', content: Buffer.from('x'), uploaded_by: w.users.oco.id,
      });
      return { url: `/api/requests/${await requestAt(w, 'draft')}/attachments`, body: { itemType: 'document', itemId: doc.id } };
    },
    expect: { ...hidden, ...TEAM, schoolleider: 403 },
  },
  'DELETE /api/requests/:id/attachments/:attachmentId': {
    call: async (w) => {
      const id = await requestAt(w, 'draft');
      const a = await f.requestAttachment(w.sql, { partnership_id: w.a.partnershipId, request_id: id, item_type: 'logbook', item_id: randomUUID(), label: 'Logboek', added_by: w.users.oco.id });
      return { url: `/api/requests/${id}/attachments/${a.id}` };
    },
    expect: { ...hidden, ...TEAM, schoolleider: 403 },
  },
  'GET /api/requests/:id/attachments/:attachmentId/file': {
    call: async (w) => {
      const id = await requestAt(w, 'decision');
      const doc = await f.document(w.sql, {
        partnership_id: w.a.partnershipId, school_id: w.a.schoolId, pupil_id: w.a.pupilId, filename: 'toetsverslag.pdf', sha256: 'x', uploaded_by: w.users.oco.id,
      });
      const a = await f.requestAttachment(w.sql, {
        partnership_id: w.a.partnershipId, request_id: id, item_type: 'document', item_id: doc.id, label: 'toetsverslag.pdf', added_by: w.users.oco.id, shared_at: new Date(),
      });
      return { url: `/api/requests/${id}/attachments/${a.id}/file` };
    },
    expect: { ...hidden, ...TEAM, schoolleider: 200, swv_consultant: 200, swv_expert: 200, swv_director: 200, swv_decider: 200 },
  },
  'POST /api/requests/:id/submit': {
    // Incomplete: the team passes the gate and gets the list of what is missing.
    call: async (w) => ({ url: `/api/requests/${await requestAt(w, 'draft')}/submit`, body: { revision: 1 } }),
    expect: { ...hidden, oco: 400, ondersteuner: 400, schoolleider: 403 },
  },
  'POST /api/requests/:id/withdraw': {
    call: async (w) => ({ url: `/api/requests/${await requestAt(w, 'in_review')}/withdraw`, body: { reason: 'Ouders hebben een andere school gevonden.' } }),
    expect: { ...hidden, ...TEAM, schoolleider: 403, swv_consultant: 403, swv_expert: 403 },
  },
  'POST /api/requests/:id/messages': {
    call: async (w) => ({ url: `/api/requests/${await requestAt(w, 'in_review')}/messages`, body: { body: 'Een vraag over de planning.' } }),
    expect: { ...hidden, ...TEAM, schoolleider: 403, swv_consultant: 200, swv_expert: 200 },
  },
  'POST /api/requests/:id/answers': {
    call: async (w) => {
      const id = await requestAt(w, 'in_review');
      const m = await f.requestMessage(w.sql, {
        partnership_id: w.a.partnershipId, request_id: id, author_id: w.users.swv_consultant.id, side: 'partnership', kind: 'addition_request', body: 'Graag het toetsverslag.',
      });
      await w.sql`update requests set waiting_since = now() where id = ${id}`;
      return { url: `/api/requests/${id}/answers`, body: { answersId: m.id, body: 'Bijgevoegd.' } };
    },
    expect: { ...hidden, ...TEAM, schoolleider: 403, swv_consultant: 403, swv_expert: 403 },
  },
  'POST /api/requests/:id/supplements': {
    // A logbook item added after submission, with the consent of parent and pupil: ready to send.
    call: async (w) => {
      const id = await requestAt(w, 'in_review');
      const a = await f.requestAttachment(w.sql, { partnership_id: w.a.partnershipId, request_id: id, item_type: 'logbook', item_id: randomUUID(), label: 'Logboek', added_by: w.users.oco.id });
      for (const signer of ['parent', 'pupil']) {
        await f.requestConsent(w.sql, { partnership_id: w.a.partnershipId, request_id: id, signer, signer_name: 'Ouder', attachment_ids: [a.id], recorded_by: w.users.oco.id });
      }
      return { url: `/api/requests/${id}/supplements`, body: { body: 'Het logboek waar u om vroeg.' } };
    },
    expect: { ...hidden, ...TEAM, schoolleider: 403, swv_consultant: 403, swv_expert: 403 },
  },
  'POST /api/requests/:id/assign': {
    call: async (w) => ({ url: `/api/requests/${await requestAt(w, 'submitted', { expert: false })}/assign`, body: { consultantId: w.users.swv_consultant.id } }),
    expect: { ...hidden, ...SCHOOL_READERS_ONLY, swv_consultant: 200 },
  },
  'POST /api/requests/:id/experts': {
    call: async (w) => {
      const second = await f.user(w.sql, w.a.partnershipId, { roles: [{ role: 'swv_expert', schoolId: null }] });
      return {
        url: `/api/requests/${await requestAt(w, 'in_review')}/experts`,
        body: { experts: [{ userId: w.users.swv_expert.id, discipline: 'psycholoog' }, { userId: second.id, discipline: 'arts' }] },
      };
    },
    expect: { ...hidden, ...SCHOOL_READERS_ONLY, swv_consultant: 200, swv_expert: 403 },
  },
  'PUT /api/requests/:id/advice': {
    call: async (w) => ({
      url: `/api/requests/${await requestAt(w, 'advice')}/advice`,
      body: { needs: 'Structuur', whyNotRegular: 'Te grote groepen', conclusion: 'admissible', schoolKind: 'vso', category: 1, durationMonths: 24 },
    }),
    expect: { ...hidden, ...SCHOOL_READERS_ONLY, swv_consultant: 403, swv_expert: 200 },
  },
  'POST /api/requests/:id/to-decision': {
    call: async (w) => ({ url: `/api/requests/${await requestAt(w, 'in_review', { kind: 'arrangement', expert: false })}/to-decision`, body: { note: 'Toekennen.' } }),
    expect: { ...hidden, ...SCHOOL_READERS_ONLY, swv_consultant: 200 },
  },
  'POST /api/requests/:id/answer-consultation': {
    call: async (w) => ({ url: `/api/requests/${await requestAt(w, 'in_review', { kind: 'consultation', expert: false })}/answer-consultation`, body: { body: 'Ons advies.' } }),
    expect: { ...hidden, ...SCHOOL_READERS_ONLY, swv_consultant: 200 },
  },
  'POST /api/requests/:id/decision': {
    call: async (w) => ({
      url: `/api/requests/${await requestAt(w, 'decision')}/decision`,
      body: { outcome: 'granted', motivation: 'Toegekend.', startsOn: '2027-01-01', endsOn: '2028-07-31', schoolKind: 'vso', category: 1, cluster: 4 },
    }),
    expect: { ...hidden, ...SCHOOL_READERS_ONLY, swv_consultant: 403, swv_expert: 403, swv_director: 200, swv_decider: 200 },
  },
  'POST /api/requests/:id/objections': {
    call: async (w) => ({ url: `/api/requests/${await decided(w)}/objections`, body: { lodgedOn: '2026-11-01', lodgedBy: 'Ouders', grounds: 'Niet eens.' } }),
    expect: { ...hidden, ...SCHOOL_READERS_ONLY, swv_consultant: 200, swv_expert: 403, swv_director: 200, swv_decider: 200 },
  },
  'PATCH /api/objections/:id': {
    call: async (w) => {
      const id = await decided(w);
      const o = await f.requestObjection(w.sql, {
        partnership_id: w.a.partnershipId, request_id: id, lodged_on: '2026-11-01', lodged_by: 'Ouders', grounds: 'Niet eens.', recorded_by: w.users.swv_director.id,
      });
      return { url: `/api/objections/${o.id}`, body: { status: 'rejected', outcomeOn: '2026-11-20', outcomeNotes: 'Besluit blijft staan.' } };
    },
    expect: { ...hidden, ...SCHOOL_READERS_ONLY, swv_consultant: 200, swv_expert: 403, swv_director: 200, swv_decider: 200 },
  },
  'GET /api/arrangement-kinds': { call: () => ({ url: '/api/arrangement-kinds' }), expect: { default: 200, ...staffOnly } },
  'GET /api/request-staff': {
    call: () => ({ url: '/api/request-staff' }),
    expect: { default: 403, ...staffOnly, swv_consultant: 200, swv_director: 200 },
  },
};


import * as f from '../../helpers/factories.ts';
import { staffOnly } from './expect.ts';
import type { Entry } from './matrix.ts';
import type { World } from './world.ts';

/**
 * OPP author side. Authors: the support team, the case manager and the
 * pupil's mentor; the school leader reads; others see nothing (404).
 */
const AUTHORS = { oco: 200, ondersteuner: 200, mentor: 200 } as const;
const READERS = { ...AUTHORS, schoolleider: 200 } as const;
const hidden = { default: 404, ...staffOnly };

/** A fresh pupil in the mentor's class with a plan in the given state (one open plan per pupil). */
async function planFor(w: World, status: 'draft' | 'with_parents' | 'agreed' = 'draft') {
  const [p] = await w.sql<{ id: string }[]>`
    insert into pupils (partnership_id, school_id, student_number, first_name, last_name, birth_date)
    values (${w.a.partnershipId}, ${w.a.schoolId}, ${String(Math.random()).slice(2, 12)}, 'Noor', 'Plan', '2012-03-04') returning id`;
  await w.sql`insert into enrolments (partnership_id, pupil_id, school_id, class_id, start_date) values (${w.a.partnershipId}, ${p!.id}, ${w.a.schoolId}, ${w.a.classId}, '2025-08-18')`;
  const [o] = await w.sql<{ id: string }[]>`
    insert into opps (partnership_id, school_id, pupil_id, kind, status, created_by) values (${w.a.partnershipId}, ${w.a.schoolId}, ${p!.id}, 'light', ${status}, ${w.users.oco.id}) returning id`;
  const content = {
    perspective: { destination: 'mbo-2', grounds: 'Werkt praktisch.' }, facts: [], factors: [],
    goals: [{ id: 'g1', what: 'Plant huiswerk zelf', howWeSee: 'Agenda bijgehouden', by: '2027-03-01' }],
    measures: [{ id: 'm1', aspect: 'aandacht', description: 'Wekelijks coachgesprek', who: 'Mentor', hoursPerWeek: 0.5, where: 'school' }],
    curriculumDeviations: '', evaluationDates: ['2027-03-01'], handelingsadviezen: ['Controleer de agenda aan het eind van de les.'], pupilView: '',
    summary: { whatWeSee: 'Plannen is moeilijk.', whatWeAim: '', whatSchoolDoes: 'Coaching.', whatWeAsk: '', nextTalk: '' },
  };
  const [v] = await w.sql<{ id: string }[]>`
    insert into opp_versions (partnership_id, opp_id, number, kind, content, status, updated_by)
    values (${w.a.partnershipId}, ${o!.id}, 1, 'light', ${w.sql.json(content)}, ${status}, ${w.users.oco.id}) returning id`;
  return { pupilId: p!.id, oppId: o!.id, versionId: v!.id };
}

export const rows: Record<string, Entry> = {
  'POST /api/pupils/:id/opps': {
    call: async (w) => ({ url: `/api/pupils/${(await planFor(w)).pupilId}/opps`, body: { kind: 'full' } }),
    // The fresh pupil already has an open plan: authors get the conflict, which proves they passed the gate.
    expect: { ...hidden, oco: 409, ondersteuner: 409, mentor: 409, schoolleider: 403 },
  },
  'GET /api/pupils/:id/opps': { call: async (w) => ({ url: `/api/pupils/${(await planFor(w)).pupilId}/opps` }), expect: { ...hidden, ...READERS } },
  'GET /api/pupils/:id/opp-facts': { call: (w) => ({ url: `/api/pupils/${w.a.pupilId}/opp-facts` }), expect: { ...hidden, ...READERS } },
  'GET /api/opps/:id': { call: async (w) => ({ url: `/api/opps/${(await planFor(w)).oppId}` }), expect: { ...hidden, ...READERS } },
  'GET /api/opps/:id/versions/:number': { call: async (w) => ({ url: `/api/opps/${(await planFor(w)).oppId}/versions/1` }), expect: { ...hidden, ...READERS } },
  'PUT /api/opps/:id/draft': {
    call: async (w) => ({ url: `/api/opps/${(await planFor(w)).oppId}/draft`, body: { revision: 1, content: {} } }),
    expect: { ...hidden, ...AUTHORS, schoolleider: 403 },
  },
  'POST /api/opps/:id/revise': { call: async (w) => ({ url: `/api/opps/${(await planFor(w, 'agreed')).oppId}/revise` }), expect: { ...hidden, ...AUTHORS, schoolleider: 403 } },
  'POST /api/opps/:id/upgrade': { call: async (w) => ({ url: `/api/opps/${(await planFor(w)).oppId}/upgrade`, body: { revision: 1 } }), expect: { ...hidden, ...AUTHORS, schoolleider: 403 } },
  'POST /api/opps/:id/send': {
    call: async (w) => ({ url: `/api/opps/${(await planFor(w)).oppId}/send`, body: { recipients: [{ signer: 'parent', name: 'Ouder Plan', email: f.mailbox('ouder') }] } }),
    expect: { ...hidden, ...AUTHORS, schoolleider: 403 },
  },
  'POST /api/opps/:id/consultations': {
    call: async (w) => ({ url: `/api/opps/${(await planFor(w)).oppId}/consultations`, body: { heldOn: '2026-11-20', participants: 'Moeder, mentor', notes: 'Plan besproken.' } }),
    expect: { ...hidden, ...AUTHORS, schoolleider: 403 },
  },
  'POST /api/opps/:id/responses': {
    call: async (w) => {
      const plan = await planFor(w, 'with_parents');
      const [d] = await w.sql<{ id: string }[]>`
        insert into documents (partnership_id, school_id, pupil_id, filename, mime_type, size_bytes, sha256, storage, content, uploaded_by)
        values (${w.a.partnershipId}, ${w.a.schoolId}, ${plan.pupilId}, 'handtekening.pdf', 'application/pdf', 5, 'x', 'db', ${Buffer.from('%PDF-')}, ${w.users.oco.id}) returning id`;
      return { url: `/api/opps/${plan.oppId}/responses`, body: { signer: 'parent', signerName: 'Ouder Plan', decision: 'agree', documentId: d!.id } };
    },
    expect: { ...hidden, ...AUTHORS, schoolleider: 403 },
  },
  'POST /api/opps/:id/evaluations': {
    call: async (w) => ({
      url: `/api/opps/${(await planFor(w, 'agreed')).oppId}/evaluations`,
      body: { heldOn: '2026-11-20', goalResults: [{ goalId: 'g1', result: 'partly' }], measureResults: [{ measureId: 'm1', decision: 'continue' }], outcome: 'new_version' },
    }),
    expect: { ...hidden, ...AUTHORS, schoolleider: 403 },
  },
};

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
  const p = await f.pupil(w.sql, w.a.partnershipId, w.a.schoolId, w.a.classId, { first_name: 'Noor', lastName: 'Plan', birth_date: '2012-03-04' });
  const o = await f.opp(w.sql, { partnership_id: w.a.partnershipId, school_id: w.a.schoolId, pupil_id: p.id, kind: 'light', status, created_by: w.users.oco.id });
  const content = {
    perspective: { destination: 'mbo-2', grounds: 'Werkt praktisch.' }, facts: [], factors: [],
    goals: [{ id: 'g1', what: 'Plant huiswerk zelf', howWeSee: 'Agenda bijgehouden', by: '2027-03-01' }],
    measures: [{ id: 'm1', aspect: 'aandacht', description: 'Wekelijks coachgesprek', who: 'Mentor', hoursPerWeek: 0.5, where: 'school' }],
    curriculumDeviations: '', evaluationDates: ['2027-03-01'], handelingsadviezen: ['Controleer de agenda aan het eind van de les.'], pupilView: '',
    summary: { whatWeSee: 'Plannen is moeilijk.', whatWeAim: '', whatSchoolDoes: 'Coaching.', whatWeAsk: '', nextTalk: '' },
  };
  const v = await f.oppVersion(w.sql, { partnership_id: w.a.partnershipId, opp_id: o.id, kind: 'light', content, status, updated_by: w.users.oco.id });
  return { pupilId: p.id, oppId: o.id, versionId: v.id };
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
      const d = await f.document(w.sql, {
        partnership_id: w.a.partnershipId, school_id: w.a.schoolId, pupil_id: plan.pupilId, filename: 'handtekening.pdf', size_bytes: 5, sha256: 'x', content: Buffer.from('%PDF-'), uploaded_by: w.users.oco.id,
      });
      return { url: `/api/opps/${plan.oppId}/responses`, body: { signer: 'parent', signerName: 'Ouder Plan', decision: 'agree', documentId: d.id } };
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

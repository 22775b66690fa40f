import * as f from '../../helpers/factories.ts';
import { staffOnly } from './expect.ts';
import type { Entry } from './matrix.ts';

/** The partnership's configuration of requests: its admin and its director. */
const KIND = { name: 'Ambulante begeleiding', offers: 'Begeleiding', scope: 'pupil', amountEur: 2500, maxWeeks: 26, evaluationWeeks: 10, requiredParts: ['parent_consent'] };
const SETTINGS = {
  decisionTargetDays: { arrangement: 28, tlv: 42, opdc: 42, consultation: 14 },
  requiredParts: { tlv: ['parent_consent'], opdc: [], consultation: [] },
  objectionCommittee: 'Adviescommissie bezwaarschriften',
  objectionWeeks: 6,
};
const MANAGERS = { default: 403, ...staffOnly, swv_admin: 200, swv_director: 200, swv_admin_other_partnership: 200 } as const;

export const rows: Record<string, Entry> = {
  'GET /api/arrangement-kinds/all': { call: () => ({ url: '/api/arrangement-kinds/all' }), expect: MANAGERS },
  'POST /api/arrangement-kinds': { call: () => ({ url: '/api/arrangement-kinds', body: { ...KIND, name: `Arrangement ${Math.random()}` } }), expect: MANAGERS },
  'PUT /api/arrangement-kinds/:id': {
    call: async (w) => {
      const k = await f.arrangementKind(w.sql, { partnership_id: w.a.partnershipId, name: `Arrangement ${Math.random()}`, offers: 'x', max_weeks: 10, evaluation_weeks: 5 });
      return { url: `/api/arrangement-kinds/${k.id}`, body: { ...KIND, name: `Arrangement ${Math.random()}` } };
    },
    expect: { ...MANAGERS, swv_admin_other_partnership: 404 },
  },
  'GET /api/request-settings': { call: () => ({ url: '/api/request-settings' }), expect: MANAGERS },
  'PUT /api/request-settings': { call: () => ({ url: '/api/request-settings', body: SETTINGS }), expect: MANAGERS },
};

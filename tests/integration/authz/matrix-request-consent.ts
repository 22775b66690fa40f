import { randomUUID } from 'node:crypto';
import * as f from '../../helpers/factories.ts';
import { everyone, staffOnly } from './expect.ts';
import type { Entry } from './matrix.ts';
import type { World } from './world.ts';

/**
 * Parents' consent to a request. The school's support team (oco,
 * ondersteuner) asks it or records it from paper while the request is a
 * draft; the school leader reads the request but may not (403); everyone
 * else does not see a draft (404). The parent's pages are public for the
 * staff gate, like the OPP's: a bogus link is 400, no parent cookie is 401.
 */
const hidden = { default: 404, ...staffOnly };
const SUPPORT_TEAM = { oco: 200, ondersteuner: 200, schoolleider: 403 } as const;

/** A fresh draft request about the world's pupil at A1 (each call may use one up). */
async function draft(w: World) {
  const r = await f.request(w.sql, { partnership_id: w.a.partnershipId, school_id: w.a.schoolId, pupil_id: w.a.pupilId, tlv_school_kind: 'sbo', question: 'Matrixvraag', created_by: w.users.oco.id });
  return r.id;
}

const bogusToken = 'A'.repeat(43);

export const rows: Record<string, Entry> = {
  'POST /api/requests/:id/consent-links': {
    call: async (w) => ({ url: `/api/requests/${await draft(w)}/consent-links`, body: { recipients: [{ signer: 'parent', name: 'Ouder Matrix', email: f.mailbox('ouder') }] } }),
    expect: { ...hidden, ...SUPPORT_TEAM },
  },
  'POST /api/requests/:id/consents': {
    call: async (w) => ({ url: `/api/requests/${await draft(w)}/consents`, body: { signer: 'parent', signerName: 'Ouder Matrix', decision: 'given', attachmentIds: [] } }),
    expect: { ...hidden, ...SUPPORT_TEAM },
  },
  'POST /api/parent/request/code': { call: () => ({ url: '/api/parent/request/code', body: { token: bogusToken } }), expect: everyone(400) },
  'POST /api/parent/request/verify': { call: () => ({ url: '/api/parent/request/verify', body: { token: bogusToken, code: '123456' } }), expect: everyone(400) },
  'GET /api/parent/request': { call: () => ({ url: '/api/parent/request' }), expect: everyone(401) },
  'GET /api/parent/request/decision.pdf': { call: () => ({ url: '/api/parent/request/decision.pdf' }), expect: everyone(401) },
  'GET /api/parent/request/items/:id': { call: () => ({ url: `/api/parent/request/items/${randomUUID()}` }), expect: everyone(401) },
  'GET /api/parent/request/items/:id/file': { call: () => ({ url: `/api/parent/request/items/${randomUUID()}/file` }), expect: everyone(401) },
  'POST /api/parent/request/consent': { call: () => ({ url: '/api/parent/request/consent', body: { decision: 'given', attachmentIds: [] } }), expect: everyone(401) },
  // Ending a parent session answers the same with or without one.
  'POST /api/parent/request/sign-out': { call: () => ({ url: '/api/parent/request/sign-out' }), expect: everyone(200) },
};

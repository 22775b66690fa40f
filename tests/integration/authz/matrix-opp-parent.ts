import { everyone } from './expect.ts';
import type { Entry } from './matrix.ts';

/**
 * The parent's pages of the OPP: public for the staff gate, because a parent
 * has no account. What opens them is the link token (code, verify) or the
 * parent cookie from a right code (plan, respond) — never a staff session.
 * So every actor, staff or not, gets the same answer: a bogus link is 400,
 * and without the parent cookie there is no plan (401).
 */
const bogusToken = 'A'.repeat(43);

export const rows: Record<string, Entry> = {
  'POST /api/parent/opp/code': { call: () => ({ url: '/api/parent/opp/code', body: { token: bogusToken } }), expect: everyone(400) },
  'POST /api/parent/opp/verify': { call: () => ({ url: '/api/parent/opp/verify', body: { token: bogusToken, code: '123456' } }), expect: everyone(400) },
  'GET /api/parent/opp': { call: () => ({ url: '/api/parent/opp' }), expect: everyone(401) },
  'POST /api/parent/opp/respond': { call: () => ({ url: '/api/parent/opp/respond', body: { decision: 'agree' } }), expect: everyone(401) },
  // Ending a parent session answers the same with or without one.
  'POST /api/parent/opp/sign-out': { call: () => ({ url: '/api/parent/opp/sign-out' }), expect: everyone(200) },
};

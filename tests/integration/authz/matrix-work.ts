import type { Entry } from './matrix.ts';
import { staffOnly } from './expect.ts';

/**
 * The start page's work list: every staff member has one (what is on it is
 * the work sources' and their policies' business, tests/integration/work.test.ts);
 * the matrix test checks that no one sees another tenant's ids, a mentor no
 * pupil outside their class, and no one outside the support team a
 * confidential text.
 */
export const rows: Record<string, Entry> = {
  'GET /api/work': { call: () => ({ url: '/api/work' }), expect: { default: 200, ...staffOnly } },
};

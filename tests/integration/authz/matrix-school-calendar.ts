import { staffOnly } from './expect.ts';
import type { Entry } from './matrix.ts';

/**
 * A school's calendar (holiday region and its own free days): everyone in
 * the partnership reads it, as they read the school; the school's leader and
 * admin set it, and the partnership's admin. Another partnership does not
 * find the school (404).
 */
const OTHER_PARTNERSHIP = { swv_admin_other_partnership: 404, oco_other_partnership: 404 } as const;

export const rows: Record<string, Entry> = {
  'GET /api/schools/:id/calendar': {
    call: (w) => ({ url: `/api/schools/${w.a.schoolId}/calendar?year=2026-2027` }),
    expect: { default: 200, ...staffOnly, ...OTHER_PARTNERSHIP },
  },
  'PUT /api/schools/:id/calendar': {
    call: (w) => ({ url: `/api/schools/${w.a.schoolId}/calendar`, body: { region: 'midden', freeDays: [{ day: '2027-03-26', label: 'Goede Vrijdag' }] } }),
    expect: { default: 403, ...staffOnly, swv_admin: 200, schoolleider: 200, school_admin: 200, ...OTHER_PARTNERSHIP },
  },
};

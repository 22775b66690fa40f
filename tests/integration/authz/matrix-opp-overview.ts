import * as f from '../../helpers/factories.ts';
import type { Entry } from './matrix.ts';
import { staffOnly } from './expect.ts';
import type { World } from './world.ts';

/**
 * The OPP on paper, the school's OPP overview and the numbers. Whoever reads
 * the pupil's plan prints it (support team, school leader, the class's
 * mentor); the overview and the school's numbers are for the support team
 * and the school leader; the partnership-wide numbers for the director.
 */
const schoolOnly = { default: 403, ...staffOnly, swv_admin_other_partnership: 404, oco_other_partnership: 404 } as const;
const hidden = { default: 404, ...staffOnly } as const;

/** The open plan of pupil A (one open plan per pupil): reuse the one there is, else make one with a first version. */
async function planOfPupilA(w: World): Promise<string> {
  const find = async () =>
    (await w.sql<{ id: string }[]>`select id from opps where pupil_id = ${w.a.pupilId} and status <> 'closed'`)[0]?.id;
  const found = await find();
  if (found) return found;
  const o = await f.opp(w.sql, { partnership_id: w.a.partnershipId, school_id: w.a.schoolId, pupil_id: w.a.pupilId, status: 'draft', created_by: w.users.oco.id });
  await f.oppVersion(w.sql, { partnership_id: w.a.partnershipId, opp_id: o.id, updated_by: w.users.oco.id });
  return o.id;
}

export const rows: Record<string, Entry> = {
  'GET /api/opps/:id/pdf': {
    call: async (w) => ({ url: `/api/opps/${await planOfPupilA(w)}/pdf` }),
    expect: { ...hidden, oco: 200, ondersteuner: 200, schoolleider: 200, mentor: 200 },
  },
  'GET /api/schools/:id/opps': {
    call: async (w) => {
      await planOfPupilA(w);
      return { url: `/api/schools/${w.a.schoolId}/opps` };
    },
    expect: { ...schoolOnly, oco: 200, ondersteuner: 200, schoolleider: 200 },
  },
  'GET /api/schools/:id/opps/export': {
    // The overview as a file: the same readers as the overview.
    call: async (w) => {
      await planOfPupilA(w);
      return { url: `/api/schools/${w.a.schoolId}/opps/export?format=xlsx&sort=status&dir=desc` };
    },
    expect: { ...schoolOnly, oco: 200, ondersteuner: 200, schoolleider: 200 },
  },
  'GET /api/schools/:id/opp-numbers': {
    call: (w) => ({ url: `/api/schools/${w.a.schoolId}/opp-numbers?from=2026-08-01&to=2027-07-31` }),
    expect: { ...schoolOnly, oco: 200, ondersteuner: 200, schoolleider: 200 },
  },
  'GET /api/opp-numbers': {
    call: () => ({ url: '/api/opp-numbers?from=2026-08-01&to=2027-07-31' }),
    expect: { default: 403, ...staffOnly, swv_director: 200 },
  },
};

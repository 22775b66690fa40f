import * as f from '../../helpers/factories.ts';
import { staffOnly } from './expect.ts';
import type { Entry } from './matrix.ts';
import { requestAt } from './matrix-requests.ts';
import type { World } from './world.ts';

/**
 * A request on paper. The commission summary is for those who weigh the
 * request: the consultant who holds it, its experts and (from the decision
 * on) the director; the school reads the request but gets no summary (403).
 * The decision letter is for everyone who reads a decided request.
 * Everyone else: 404.
 */
const hidden = { default: 404, ...staffOnly } as const;
const WEIGHERS = { swv_director: 200, swv_decider: 200, swv_consultant: 200, swv_expert: 200 } as const;

/** One decided TLV per world (reading writes only audit rows), with its number in the register. */
const decided = new WeakMap<World, Promise<string>>();
function decidedTlv(w: World): Promise<string> {
  let id = decided.get(w);
  if (!id) {
    id = (async () => {
      const requestId = await requestAt(w, 'decided');
      const period = { school_kind: 'vso', category: 2, cluster: 4, starts_on: '2027-01-01', ends_on: '2028-07-31' };
      await f.requestDecision(w.sql, {
        request_id: requestId, partnership_id: w.a.partnershipId, outcome: 'granted', motivation: 'Twee deskundigen adviseren het vso.', ...period, decided_by: w.users.swv_director.id,
      });
      await f.tlv(w.sql, {
        partnership_id: w.a.partnershipId, request_id: requestId, pupil_id: w.a.pupilId, school_id: w.a.schoolId, number: await f.nextTlvNumber(w.sql, w.a.partnershipId), ...period,
      });
      return requestId;
    })();
    decided.set(w, id);
  }
  return id;
}

export const rows: Record<string, Entry> = {
  'GET /api/requests/:id/summary.pdf': {
    call: async (w) => ({ url: `/api/requests/${await decidedTlv(w)}/summary.pdf` }),
    expect: { ...hidden, ...WEIGHERS, oco: 403, ondersteuner: 403, schoolleider: 403 },
  },
  'GET /api/requests/:id/decision.pdf': {
    call: async (w) => ({ url: `/api/requests/${await decidedTlv(w)}/decision.pdf` }),
    expect: { ...hidden, ...WEIGHERS, oco: 200, ondersteuner: 200, schoolleider: 200 },
  },
};

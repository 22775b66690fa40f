import { today } from '../../../src/platform/time.ts';
import * as f from '../../helpers/factories.ts';
import { staffOnly } from './expect.ts';
import type { Entry } from './matrix.ts';
import type { World } from './world.ts';

/**
 * The meldcode: A1's aandachtsfunctionaris (the world's ondersteuner holds
 * that role too) keeps A1's files. Everyone else, the OCO, the school leader,
 * the privacy officer and any other school or partnership included, gets 404
 * on a file: not even its existence shows. Only the privacy officer exports
 * the meldcode's own trail.
 */
const OFFICER_ONLY_FILE = { default: 404, ...staffOnly, ondersteuner: 200 } as const;

/** A fresh open file at A1 about A's pupil, opened by the aandachtsfunctionaris. */
async function file(w: World) {
  const m = await f.rows.meldcodeFile(w.sql, { partnership_id: w.a.partnershipId, school_id: w.a.schoolId, pupil_id: w.a.pupilId, opened_by: w.users.ondersteuner.id });
  return m.id;
}

export const rows: Record<string, Entry> = {
  // Every staff member may ask; each sees only the files that are theirs (none, for all but A1's aandachtsfunctionaris here).
  'GET /api/meldcode': { call: () => ({ url: '/api/meldcode' }), expect: { default: 200, ...staffOnly } },
  'GET /api/meldcode/pupils': {
    call: (w) => ({ url: `/api/meldcode/pupils?schoolId=${w.a.schoolId}&q=a` }),
    expect: { default: 403, ...staffOnly, ondersteuner: 200 },
  },
  // Opening needs the role at the pupil's school: anyone else is told to pick a pupil of such a school.
  'POST /api/meldcode': { call: (w) => ({ url: '/api/meldcode', body: { pupilId: w.a.pupilId } }), expect: { default: 400, ...staffOnly, ondersteuner: 200 } },
  'GET /api/meldcode/:id': { call: async (w) => ({ url: `/api/meldcode/${await file(w)}` }), expect: OFFICER_ONLY_FILE },
  'POST /api/meldcode/:id/entries': {
    call: async (w) => ({ url: `/api/meldcode/${await file(w)}/entries`, body: { step: 1, happenedOn: today(), notes: 'Signalen in kaart gebracht.' } }),
    expect: OFFICER_ONLY_FILE,
  },
  'PUT /api/meldcode/:id/members': { call: async (w) => ({ url: `/api/meldcode/${await file(w)}/members`, body: { userIds: [] } }), expect: OFFICER_ONLY_FILE },
  'POST /api/meldcode/:id/close': {
    call: async (w) => ({ url: `/api/meldcode/${await file(w)}/close`, body: { outcome: 'geen_zorgen', closedOn: today(), note: '' } }),
    expect: OFFICER_ONLY_FILE,
  },
  'GET /api/meldcode-log.csv': { call: () => ({ url: '/api/meldcode-log.csv' }), expect: { default: 403, ...staffOnly, privacy_officer: 200 } },
};

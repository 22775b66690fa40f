import { schoolYearOf } from '../../../src/platform/time.ts';
import * as f from '../../helpers/factories.ts';
import { everyone, staffOnly } from './expect.ts';
import type { Entry } from './matrix.ts';
import type { World } from './world.ts';

/**
 * The support offer inside the app. The partnership's list of needs and
 * rules: every staff member reads it, its admin and director change it. A
 * school's profile on need-to-know: its OCO and leader write it (the leader
 * publishes), its support team reads it, and so does the partnership's
 * staff that weighs the region's offer; other schools and roles do not see
 * the draft at all (404).
 */
const MANAGERS = { default: 403, ...staffOnly, swv_admin: 200, swv_director: 200 } as const;
const READERS = { swv_admin: 403, swv_director: 403, swv_consultant: 403, swv_expert: 403, ondersteuner: 403 } as const;
const settings = (w: World) => ({
  needs: [{ id: w.a.needId, label: 'Dyslexie', description: '', active: true }],
  levels: { basis: { label: 'Basisondersteuning', description: '' }, basisplus: { label: 'Basisplus', description: '' }, extra: { label: 'Extra ondersteuning', description: '' } },
  rules: { requireBasisForEveryNeed: true, requireCapacity: true, requireContact: true, updateBefore: '10-01' },
});
const revision = async (w: World) => (await w.sql<{ revision: number }[]>`select revision from support_profiles where id = ${w.a.profileId}`)[0]!.revision;

/** A location of A1 with a published profile, fresh per call: the directory shows only what a school leader published. */
async function publishedLocation(w: World) {
  const l = await f.schoolLocation(w.sql, { partnership_id: w.a.partnershipId, school_id: w.a.schoolId, name: 'Open locatie', city: 'Purmerend' });
  const content = { ...w.a.profileContent, coordinates: { lat: 52.5, lon: 4.95 } };
  await f.supportProfile(w.sql, { partnership_id: w.a.partnershipId, school_id: w.a.schoolId, location_id: l.id, school_year: schoolYearOf(new Date()), content, published_content: content, published_at: new Date() });
  return l.id;
}

/** The gap map: the partnership's director and consultants; nobody at a school, nor the admin. */
const COVERAGE = { default: 403, ...staffOnly, swv_director: 200, swv_consultant: 200 } as const;

/** A fresh pupil of A1 at havo with an open OPP and A's need: a case behind the cell havo × that need. */
async function caseBehindCell(w: World) {
  const p = await f.pupil(w.sql, w.a.partnershipId, w.a.schoolId, null);
  await f.rows.pupilNeed(w.sql, { partnership_id: w.a.partnershipId, school_id: w.a.schoolId, pupil_id: p.id, created_by: w.users.oco.id, support_need_id: w.a.needId });
  await f.rows.opp(w.sql, { partnership_id: w.a.partnershipId, school_id: w.a.schoolId, pupil_id: p.id, created_by: w.users.oco.id, status: 'agreed' });
  return { url: `/api/support-offer/coverage/cases?level=havo&needId=${w.a.needId}` };
}

export const rows: Record<string, Entry> = {
  'GET /api/support-offer/coverage': { call: () => ({ url: '/api/support-offer/coverage?area=Purmerend' }), expect: COVERAGE },
  'GET /api/support-offer/coverage/trend': { call: (w) => ({ url: `/api/support-offer/coverage/trend?level=havo&needId=${w.a.needId}` }), expect: COVERAGE },
  'GET /api/support-offer/coverage/report.pdf': { call: () => ({ url: '/api/support-offer/coverage/report.pdf' }), expect: COVERAGE },
  // Pupil data: each case shown is audited, each refusal too.
  'GET /api/support-offer/coverage/cases': { call: caseBehindCell, expect: COVERAGE },

  // The public directory: the same answer for everyone, signed in or not, of any partnership.
  'GET /api/directory/:partnership': {
    call: (w) => ({ url: `/api/directory/${w.a.code}?behoefte=${w.a.needId}&ondersteuning=basis&vanaf=Purmerend&vrij=1&q=school` }),
    expect: everyone(200),
  },
  'GET /api/directory/:partnership/schools/:id': { call: async (w) => ({ url: `/api/directory/${w.a.code}/schools/${await publishedLocation(w)}` }), expect: everyone(200) },
  'GET /api/directory/:partnership/schools/:id/profile.pdf': { call: async (w) => ({ url: `/api/directory/${w.a.code}/schools/${await publishedLocation(w)}/profile.pdf` }), expect: everyone(200) },
  'GET /api/directory/:partnership/schools/:id/schoolgids.txt': { call: async (w) => ({ url: `/api/directory/${w.a.code}/schools/${await publishedLocation(w)}/schoolgids.txt` }), expect: everyone(200) },
  'GET /api/directory/:partnership/free-places': { call: (w) => ({ url: `/api/directory/${w.a.code}/free-places` }), expect: everyone(200) },

  'GET /api/support-offer/settings': { call: () => ({ url: '/api/support-offer/settings' }), expect: { default: 200, ...staffOnly } },
  // B's admin names A's need: unknown in B, a field error.
  'PUT /api/support-offer/settings': { call: (w) => ({ url: '/api/support-offer/settings', body: settings(w) }), expect: { ...MANAGERS, swv_admin_other_partnership: 400 } },
  // The list: the partnership's readers, and a school's support team and leader (their own locations only).
  'GET /api/support-offer/profiles': {
    call: () => ({ url: '/api/support-offer/profiles' }),
    expect: { default: 403, ...staffOnly, swv_admin: 200, swv_director: 200, swv_consultant: 200, swv_expert: 200, oco: 200, schoolleider: 200, ondersteuner: 200, oco_other_school: 200, swv_admin_other_partnership: 200, oco_other_partnership: 200 },
  },
  'POST /api/support-offer/profiles': {
    call: (w) => ({ url: '/api/support-offer/profiles', body: { locationId: w.a.locationId, schoolYear: schoolYearOf(new Date()) } }),
    expect: { default: 403, ...staffOnly, oco: 200, schoolleider: 200, swv_admin_other_partnership: 400, oco_other_partnership: 400 },
  },
  'GET /api/support-offer/profiles/:id': {
    call: (w) => ({ url: `/api/support-offer/profiles/${w.a.profileId}` }),
    expect: { default: 404, ...staffOnly, swv_admin: 200, swv_director: 200, swv_consultant: 200, swv_expert: 200, oco: 200, schoolleider: 200, ondersteuner: 200 },
  },
  'PUT /api/support-offer/profiles/:id': {
    call: async (w) => ({ url: `/api/support-offer/profiles/${w.a.profileId}`, body: { revision: await revision(w), content: w.a.profileContent } }),
    expect: { default: 404, ...staffOnly, ...READERS, oco: 200, schoolleider: 200 },
  },
  'POST /api/support-offer/profiles/:id/publish': {
    call: async (w) => ({ url: `/api/support-offer/profiles/${w.a.profileId}/publish`, body: { revision: await revision(w) } }),
    expect: { default: 404, ...staffOnly, ...READERS, oco: 403, schoolleider: 200 },
  },
  'PUT /api/support-offer/profiles/:id/free-places': {
    call: (w) => ({ url: `/api/support-offer/profiles/${w.a.profileId}/free-places`, body: { places: [{ key: 'alle|', free: 3 }] } }),
    expect: { default: 404, ...staffOnly, ...READERS, oco: 200, schoolleider: 200 },
  },
};

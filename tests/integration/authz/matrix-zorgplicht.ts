import { decisionDueOn } from '../../../src/platform/calendar/zorgplicht-clock.ts';
import { addDays, today } from '../../../src/platform/time.ts';
import * as f from '../../helpers/factories.ts';
import { staffOnly } from './expect.ts';
import type { Entry } from './matrix.ts';
import type { World } from './world.ts';

/**
 * Zorgplicht. The school registered at (its OCO and leader) keeps the
 * registration; the partnership's consultants and director read those with a
 * suspected support need and see the board; a school asked in the placement
 * search (A2 here) reads the case once asked and answers. Everyone else: the
 * registration is not there (404).
 */
const hidden = { default: 404, ...staffOnly } as const;
const SCHOOL = { oco: 200, schoolleider: 200 } as const;
const WATCHERS = { swv_consultant: 200, swv_director: 200 } as const;
const WATCHERS_MAY_NOT = { swv_consultant: 403, swv_director: 403 } as const;
const LIST_READERS = { default: 403, ...staffOnly, ...SCHOOL, ...WATCHERS, oco_other_school: 200, oco_other_partnership: 200 } as const;

/** A fresh open registration at A1 of A1's pupil, with a suspected support need (the partnership sees it), received today. */
async function registration(w: World, cols: Record<string, unknown> = {}) {
  return f.rows.zorgplichtRegistration(w.sql, { partnership_id: w.a.partnershipId, school_id: w.a.schoolId, created_by: w.users.oco.id, pupil_id: w.a.pupilId, ...cols });
}

/** Rows for every lister: one at A1, one of A2's pupil at A2. */
async function withListRows(w: World, url: string) {
  await registration(w);
  const other = await f.pupil(w.sql, w.a.partnershipId, w.a.otherSchoolId, null);
  await f.rows.zorgplichtRegistration(w.sql, { partnership_id: w.a.partnershipId, school_id: w.a.otherSchoolId, created_by: w.users.oco_other_school.id, pupil_id: other.id });
  return url;
}

const newRegistration = (w: World) => ({
  schoolId: w.a.schoolId,
  pupilId: w.a.pupilId,
  firstName: '',
  namePrefix: '',
  lastName: '',
  birthDate: null,
  previousSchool: 'Basisschool De Regenboog',
  parentNames: 'J. en M. de Vries',
  parentEmail: 'ouders@voorbeeld.nl',
  parentPhone: '06 12345678',
  desiredStart: addDays(today(), 90),
  level: 'havo',
  yearGroup: 1,
  needByParents: 'Heeft rust en structuur nodig.',
  needBySchool: '',
  supportSuspected: true,
  receivedOn: today(),
});

/** A fresh registration of A1 on the placement table (put there by the consultant). */
async function atTable(w: World) {
  const r = await registration(w, { received_on: addDays(today(), -50) });
  const t = await f.rows.zorgplichtTableCase(w.sql, { partnership_id: w.a.partnershipId, registration_id: r.id, put_by: w.users.swv_consultant.id });
  return { id: r.id, caseId: t.id };
}

/** A's partnership gave its director doorzettingsmacht (set before every call that needs it: rows run in any order). */
const grantDoorzettingsmacht = (w: World) =>
  w.sql`update partnerships set settings = jsonb_set(settings, '{zorgplicht}', '{"doorzettingsmacht": true}'::jsonb) where id = ${w.a.partnershipId}`;

export const rows: Record<string, Entry> = {
  'GET /api/zorgplicht/registrations': { call: async (w) => ({ url: await withListRows(w, '/api/zorgplicht/registrations') }), expect: LIST_READERS },
  'GET /api/zorgplicht/registrations/export': { call: async (w) => ({ url: await withListRows(w, '/api/zorgplicht/registrations/export?format=csv') }), expect: LIST_READERS },
  // A1's OCO and leader record; A2's OCO may not record at A1; B's staff name a school unknown in B.
  'POST /api/zorgplicht/registrations': {
    call: (w) => ({ url: '/api/zorgplicht/registrations', body: newRegistration(w) }),
    expect: { default: 403, ...staffOnly, ...SCHOOL, swv_admin_other_partnership: 400, oco_other_partnership: 400 },
  },
  'GET /api/zorgplicht/registrations/:id': { call: async (w) => ({ url: `/api/zorgplicht/registrations/${(await registration(w)).id}` }), expect: { ...hidden, ...SCHOOL, ...WATCHERS } },
  'POST /api/zorgplicht/registrations/:id/extension': {
    call: async (w) => ({ url: `/api/zorgplicht/registrations/${(await registration(w)).id}/extension`, body: { extendedTo: addDays(decisionDueOn(today()), 14), reason: 'Wij wachten op het verslag van de basisschool.' } }),
    expect: { ...hidden, ...SCHOOL, ...WATCHERS_MAY_NOT },
  },
  'POST /api/zorgplicht/registrations/:id/decision': {
    call: async (w) => ({ url: `/api/zorgplicht/registrations/${(await registration(w)).id}/decision`, body: { outcome: 'admitted', reason: 'De school kan de ondersteuning bieden.' } }),
    expect: { ...hidden, ...SCHOOL, ...WATCHERS_MAY_NOT },
  },
  'GET /api/zorgplicht/registrations/:id/extension-letter.pdf': {
    call: async (w) => {
      const r = await registration(w, { extended_to: addDays(decisionDueOn(today()), 21), extension_reason: 'Verslag volgt.', extended_by: w.users.oco.id, extended_at: new Date() });
      return { url: `/api/zorgplicht/registrations/${r.id}/extension-letter.pdf` };
    },
    expect: { ...hidden, ...SCHOOL, ...WATCHERS },
  },
  'GET /api/zorgplicht/registrations/:id/decision-letter.pdf': {
    call: async (w) => {
      const r = await registration(w, { status: 'decided', outcome: 'admitted_support', outcome_reason: 'Met extra begeleiding.', decided_on: today(), decided_by: w.users.oco.id });
      return { url: `/api/zorgplicht/registrations/${r.id}/decision-letter.pdf` };
    },
    expect: { ...hidden, ...SCHOOL, ...WATCHERS },
  },
  'GET /api/zorgplicht/board': { call: async (w) => ({ url: await withListRows(w, '/api/zorgplicht/board?flagged=false') }), expect: { default: 403, ...staffOnly, ...WATCHERS } },
  'GET /api/zorgplicht/registrations/:id/placement-search': {
    call: async (w) => ({ url: `/api/zorgplicht/registrations/${(await registration(w)).id}/placement-search?freeOnly=false` }),
    expect: { ...hidden, ...SCHOOL, ...WATCHERS_MAY_NOT },
  },
  'POST /api/zorgplicht/registrations/:id/placements': {
    call: async (w) => ({ url: `/api/zorgplicht/registrations/${(await registration(w)).id}/placements`, body: { schoolId: w.a.otherSchoolId, message: 'Kunt u deze leerling plaatsen?' } }),
    expect: { ...hidden, ...SCHOOL, ...WATCHERS_MAY_NOT },
  },
  // A2 was asked: its OCO answers; A1 and the partnership read the case but the answer is not theirs.
  'POST /api/zorgplicht/placements/:id/answer': {
    call: async (w) => {
      const r = await registration(w);
      const q = await f.rows.zorgplichtPlacementRequest(w.sql, { partnership_id: w.a.partnershipId, registration_id: r.id, school_id: w.a.otherSchoolId, asked_by: w.users.oco.id });
      return { url: `/api/zorgplicht/placements/${q.id}/answer`, body: { accept: true, reason: 'Wij hebben plaats en kunnen de ondersteuning bieden.' } };
    },
    expect: { ...hidden, oco: 403, schoolleider: 403, ...WATCHERS_MAY_NOT, oco_other_school: 200 },
  },
  // The placement table: the partnership's consultant and director manage it; the school of the registration reads it (403 on writes); others: not there.
  'POST /api/zorgplicht/registrations/:id/table': {
    call: async (w) => ({ url: `/api/zorgplicht/registrations/${(await registration(w)).id}/table`, body: { reason: 'Vastgelopen na twee afwijzingen.', notes: '' } }),
    expect: { ...hidden, oco: 403, schoolleider: 403, ...WATCHERS },
  },
  'POST /api/zorgplicht/registrations/:id/table/meeting': {
    call: async (w) => ({ url: `/api/zorgplicht/registrations/${(await atTable(w)).id}/table/meeting`, body: { meetingOn: addDays(today(), 5), parties: [{ kind: 'parents', name: 'Familie de Vries' }] } }),
    expect: { ...hidden, oco: 403, schoolleider: 403, ...WATCHERS },
  },
  'POST /api/zorgplicht/registrations/:id/table/advice': {
    call: async (w) => ({
      url: `/api/zorgplicht/registrations/${(await atTable(w)).id}/table/advice`,
      body: { outcome: 'school', schoolId: w.a.otherSchoolId, offer: '', motivation: 'A2 heeft plaats en een kleine klas.', actions: [{ party: 'A2', description: 'Intakegesprek.', dueOn: addDays(today(), 7) }] },
    }),
    expect: { ...hidden, oco: 403, schoolleider: 403, ...WATCHERS },
  },
  'POST /api/zorgplicht/table-actions/:id/done': {
    call: async (w) => {
      const t = await atTable(w);
      const a = await f.rows.zorgplichtTableAction(w.sql, { partnership_id: w.a.partnershipId, case_id: t.caseId });
      return { url: `/api/zorgplicht/table-actions/${a.id}/done` };
    },
    expect: { ...hidden, oco: 403, schoolleider: 403, ...WATCHERS },
  },
  // Doorzettingsmacht: with the setting on, the director alone decides.
  'POST /api/zorgplicht/registrations/:id/table/decision': {
    call: async (w) => {
      const t = await atTable(w);
      await grantDoorzettingsmacht(w);
      return { url: `/api/zorgplicht/registrations/${t.id}/table/decision`, body: { schoolId: w.a.otherSchoolId, offer: '', motivation: 'A2 kan de ondersteuning bieden en heeft plaats.' } };
    },
    expect: { ...hidden, oco: 403, schoolleider: 403, swv_consultant: 403, swv_director: 200 },
  },
  'GET /api/zorgplicht/settings': {
    call: () => ({ url: '/api/zorgplicht/settings' }),
    expect: { default: 403, ...staffOnly, ...WATCHERS, swv_admin: 200, swv_admin_other_partnership: 200 },
  },
  'PUT /api/zorgplicht/settings': {
    call: () => ({ url: '/api/zorgplicht/settings', body: { doorzettingsmacht: true } }),
    expect: { default: 403, ...staffOnly, swv_admin: 200, swv_director: 200, swv_admin_other_partnership: 200 },
  },
};

import { addDays, today } from '../../../src/platform/time.ts';
import * as f from '../../helpers/factories.ts';
import { staffOnly } from './expect.ts';
import type { Entry } from './matrix.ts';
import type { World } from './world.ts';

/**
 * The TLV register, its DUO export and extensions; arrangements, their
 * evaluations and the commitments per school (docs/decisions/0008-requests.md).
 * The register is for the partnership (director, consultant, admin), the export
 * with BSN for the director and the admin; an extension for the support team of
 * the pupil's school and the consultant. Arrangements: the schools'
 * whole-school roles see their own, partnership staff all; the school's support
 * team evaluates.
 */
const forbidden = { default: 403, ...staffOnly } as const;
const hidden = { default: 404, ...staffOnly } as const;
const REGISTER = { swv_director: 200, swv_consultant: 200, swv_admin: 200, swv_admin_other_partnership: 200 } as const;

const day = (offset: number) => addDays(today(), offset);

/** A pupil of its own at a school of partnership A, so the pupil of the world stays out of these rows. */
async function pupilAt(w: World, schoolId: string) {
  const p = await f.pupil(w.sql, w.a.partnershipId, schoolId, null, { first_name: 'Noor', lastName: 'Register', birth_date: '2014-02-28', bsn: '123456782' });
  return p.id;
}

/** A decided request of the school for the pupil. */
async function decidedRequest(w: World, schoolId: string, pupilId: string, kind: 'tlv' | 'arrangement') {
  const r = await f.request(w.sql, {
    partnership_id: w.a.partnershipId, school_id: schoolId, pupil_id: pupilId, kind, tlv_school_kind: kind === 'tlv' ? 'so' : null, status: 'decided',
    question: 'Wat heeft Noor nodig?', created_by: w.users.oco.id, decided_at: new Date(),
  });
  await f.requestDecision(w.sql, { request_id: r.id, partnership_id: w.a.partnershipId, decided_by: w.users.swv_director.id, decided_on: today() });
  return r.id;
}

/** A TLV for a fresh pupil of school A1 (the next number of partnership A). */
async function tlvAtA1(w: World) {
  const pupilId = await pupilAt(w, w.a.schoolId);
  const requestId = await decidedRequest(w, w.a.schoolId, pupilId, 'tlv');
  const t = await f.tlv(w.sql, {
    partnership_id: w.a.partnershipId, request_id: requestId, pupil_id: pupilId, school_id: w.a.schoolId, number: await f.nextTlvNumber(w.sql, w.a.partnershipId),
    school_kind: 'so', category: 2, cluster: 4, starts_on: day(-100), ends_on: day(100),
  });
  return t.id;
}

/** A running arrangement for a fresh pupil of the school. */
async function arrangementAt(w: World, schoolId: string) {
  const pupilId = await pupilAt(w, schoolId);
  const requestId = await decidedRequest(w, schoolId, pupilId, 'arrangement');
  const a = await f.arrangement(w.sql, {
    partnership_id: w.a.partnershipId, request_id: requestId, school_id: schoolId, pupil_id: pupilId, kind: 'arrangement', amount_eur: 2500, hours: 40,
    starts_on: day(-30), ends_on: day(300), next_evaluation_on: day(10),
  });
  return a.id;
}

/** Rows every list call shows: a TLV, and an arrangement at A1 and at A2 (once per world). */
const seeded = new WeakMap<World, Promise<void>>();
function seed(w: World) {
  if (!seeded.has(w)) {
    seeded.set(w, (async () => {
      await tlvAtA1(w);
      await arrangementAt(w, w.a.schoolId);
      await arrangementAt(w, w.a.otherSchoolId);
    })());
  }
  return seeded.get(w)!;
}

export const rows: Record<string, Entry> = {
  'GET /api/tlvs': {
    call: async (w) => {
      await seed(w);
      return { url: '/api/tlvs?sort=endsOn&dir=asc' };
    },
    expect: { ...forbidden, ...REGISTER },
  },
  'GET /api/tlvs/export': {
    // The register as a file (no BSN): for whoever reads the register.
    call: async (w) => {
      await seed(w);
      return { url: '/api/tlvs/export?format=xlsx&sort=pupil&dir=asc' };
    },
    expect: { ...forbidden, ...REGISTER },
  },
  'GET /api/tlvs/duo-export.csv': {
    call: async (w) => {
      await seed(w);
      return { url: '/api/tlvs/duo-export.csv' };
    },
    expect: { ...forbidden, swv_director: 200, swv_admin: 200, swv_admin_other_partnership: 200 },
  },
  'POST /api/tlvs/:id/extension': {
    call: async (w) => ({ url: `/api/tlvs/${await tlvAtA1(w)}/extension` }),
    // The pupil's school sees that the TLV exists; its leader may not ask the extension.
    expect: { ...hidden, oco: 200, ondersteuner: 200, swv_consultant: 200, schoolleider: 403, swv_director: 403, swv_admin: 403 },
  },
  'GET /api/arrangements': {
    call: async (w) => {
      await seed(w);
      return { url: '/api/arrangements' };
    },
    expect: {
      ...forbidden,
      oco: 200, ondersteuner: 200, schoolleider: 200, oco_other_school: 200,
      swv_consultant: 200, swv_director: 200, swv_admin: 200,
      swv_admin_other_partnership: 200, oco_other_partnership: 200,
    },
  },
  'GET /api/arrangements/export': {
    // The list as a file: the same readers and rows as the list.
    call: async (w) => {
      await seed(w);
      return { url: '/api/arrangements/export?format=csv&sort=pupil' };
    },
    expect: {
      ...forbidden,
      oco: 200, ondersteuner: 200, schoolleider: 200, oco_other_school: 200,
      swv_consultant: 200, swv_director: 200, swv_admin: 200,
      swv_admin_other_partnership: 200, oco_other_partnership: 200,
    },
  },
  'POST /api/arrangements/:id/evaluations': {
    call: async (w) => ({
      url: `/api/arrangements/${await arrangementAt(w, w.a.schoolId)}/evaluations`,
      body: { heldOn: today(), goalsReached: 'partly', notes: 'Doelen deels gehaald; lezen gaat beter.', outcome: 'continue' },
    }),
    expect: { ...hidden, oco: 200, ondersteuner: 200, schoolleider: 403, swv_consultant: 403, swv_director: 403, swv_admin: 403 },
  },
  'GET /api/arrangements/commitments': {
    call: () => ({ url: `/api/arrangements/commitments?from=${day(-365)}&to=${day(365)}` }),
    expect: { ...forbidden, ...REGISTER },
  },
};

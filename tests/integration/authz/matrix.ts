import { randomUUID } from 'node:crypto';
import { nextBrin, schoolLocation } from '../../helpers/factories.ts';
import { everyone, staffOnly } from './expect.ts';
import type { Actor, World } from './world.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export interface Call {
  url: string;
  body?: unknown;
  /** A raw body with its content type (multipart uploads) instead of JSON. */
  raw?: { payload: Buffer; contentType: string };
}
export interface Entry {
  /** Builds the request; called once per actor, so targets that a call uses up are made fresh. */
  call: (w: World) => Promise<Call> | Call;
  /** Expected status per actor; `default` for every actor not named. */
  expect: Partial<Record<Actor, number>> & { default: number };
}

/**
 * The authorisation matrix: every /api route, every kind of caller, the
 * status they get. A route missing here fails the suite (authz-matrix.test.ts),
 * so a new endpoint cannot ship without saying who may use it.
 */
const allStaff = { default: 200, ...staffOnly };
const A_SCHOOL_ROLES = { oco: 200, mentor: 200, schoolleider: 200, ondersteuner: 200, school_admin: 200 } as const;
const newSchool = (w: World) => ({ boardId: w.a.boardId, name: 'Nieuwe school', brin: nextBrin(), kind: 'vo', levels: ['havo'] });

const foundation: Record<`${Method} ${string}`, Entry> = {
  // Sign-in and its steps: public or for a half-signed-in session.
  'GET /api/auth/session': { call: () => ({ url: '/api/auth/session' }), expect: everyone(200) },
  // A fresh unknown address per caller: five failures lock an address, known or not.
  'POST /api/auth/sign-in': { call: () => ({ url: '/api/auth/sign-in', body: { email: `niemand-${randomUUID()}@test.leerrecht.nl`, password: 'fout wachtwoord' } }), expect: everyone(401) },
  'POST /api/auth/sign-out': { call: () => ({ url: '/api/auth/sign-out' }), expect: { default: 200, ...staffOnly } },
  // Every test actor already has a second factor: enrolling again is a conflict.
  'POST /api/auth/mfa/enrolment': { call: () => ({ url: '/api/auth/mfa/enrolment' }), expect: { default: 409, ...staffOnly } },
  'POST /api/auth/mfa/enrolment/confirm': { call: () => ({ url: '/api/auth/mfa/enrolment/confirm', body: { code: '123456' } }), expect: { default: 409, ...staffOnly } },
  'POST /api/auth/mfa/verify': { call: () => ({ url: '/api/auth/mfa/verify', body: { code: '000000' } }), expect: { default: 400, ...staffOnly } },
  'POST /api/auth/password/forgot': { call: () => ({ url: '/api/auth/password/forgot', body: { email: 'niemand@test.leerrecht.nl' } }), expect: everyone(200) },
  'POST /api/auth/password/reset': { call: () => ({ url: '/api/auth/password/reset', body: { token: 'x'.repeat(43), password: 'een lang genoeg wachtwoord' } }), expect: everyone(400) },
  'POST /api/auth/invitation/inspect': { call: () => ({ url: '/api/auth/invitation/inspect', body: { token: 'x'.repeat(43) } }), expect: everyone(400) },
  'POST /api/auth/invitation/accept': { call: () => ({ url: '/api/auth/invitation/accept', body: { token: 'x'.repeat(43), password: 'een lang genoeg wachtwoord' } }), expect: everyone(400) },
  'GET /api/openapi.json': { call: () => ({ url: '/api/openapi.json' }), expect: everyone(200) },
  // Development outbox: public by design, never registered in production or with SMTP.
  'GET /api/outbox': { call: () => ({ url: '/api/outbox' }), expect: everyone(200) },

  // OpenID Connect: the public steps always end in a redirect (to the provider, or back to sign-in).
  'GET /api/auth/oidc/providers': { call: () => ({ url: '/api/auth/oidc/providers' }), expect: everyone(200) },
  'GET /api/auth/oidc/:id/start': { call: () => ({ url: `/api/auth/oidc/${randomUUID()}/start` }), expect: everyone(302) },
  'GET /api/auth/oidc/callback': { call: () => ({ url: '/api/auth/oidc/callback?code=x&state=y' }), expect: everyone(302) },
  'GET /api/oidc-providers': { call: () => ({ url: '/api/oidc-providers' }), expect: { default: 403, ...staffOnly, swv_admin: 200, swv_admin_other_partnership: 200 } },
  'POST /api/oidc-providers': {
    call: () => ({ url: '/api/oidc-providers', body: { label: 'Entree', issuer: 'https://login.example.nl', clientId: 'leerrecht', clientSecret: 'geheim' } }),
    expect: { default: 403, ...staffOnly, swv_admin: 200, swv_admin_other_partnership: 200 },
  },
  'PATCH /api/oidc-providers/:id': {
    call: (w) => ({ url: `/api/oidc-providers/${w.a.oidcProviderId}`, body: { label: 'Entree (nieuw)' } }),
    expect: { default: 403, ...staffOnly, swv_admin: 200, swv_admin_other_partnership: 404 },
  },

  'GET /api/meta/roles': { call: () => ({ url: '/api/meta/roles' }), expect: allStaff },

  // Boards: everyone in the partnership reads; only its admin changes.
  'GET /api/boards': { call: () => ({ url: '/api/boards' }), expect: allStaff },
  'POST /api/boards': {
    call: () => ({ url: '/api/boards', body: { name: 'Stichting Nieuw', boardNumber: String(10000 + Math.floor(Math.random() * 89999)) } }),
    expect: { default: 403, ...staffOnly, swv_admin: 200, swv_admin_other_partnership: 200 },
  },
  'PATCH /api/boards/:id': {
    call: (w) => ({ url: `/api/boards/${w.a.boardId}`, body: { name: 'Stichting Hernoemd' } }),
    expect: { default: 403, ...staffOnly, swv_admin: 200, swv_admin_other_partnership: 404 },
  },

  // Schools.
  'GET /api/schools': { call: () => ({ url: '/api/schools' }), expect: allStaff },
  'POST /api/schools': {
    call: (w) => ({ url: '/api/schools', body: newSchool(w) }),
    // B's admin names A's board: unknown in B, a field error.
    expect: { default: 403, ...staffOnly, swv_admin: 200, swv_admin_other_partnership: 400 },
  },
  'GET /api/schools/:id': {
    call: (w) => ({ url: `/api/schools/${w.a.schoolId}` }),
    expect: { default: 200, ...staffOnly, swv_admin_other_partnership: 404, oco_other_partnership: 404 },
  },
  'PATCH /api/schools/:id': {
    call: (w) => ({ url: `/api/schools/${w.a.schoolId}`, body: { levels: ['havo', 'vwo'] } }),
    expect: { default: 403, ...staffOnly, swv_admin: 200, swv_admin_other_partnership: 404 },
  },
  'GET /api/schools/:id/classes': {
    call: (w) => ({ url: `/api/schools/${w.a.schoolId}/classes` }),
    expect: { default: 403, ...staffOnly, swv_admin: 200, ...A_SCHOOL_ROLES, swv_admin_other_partnership: 404, oco_other_partnership: 404 },
  },
  'POST /api/schools/:id/locations': {
    call: (w) => ({ url: `/api/schools/${w.a.schoolId}/locations`, body: { name: 'Dependance', city: 'Zwolle' } }),
    expect: { default: 403, ...staffOnly, swv_admin: 200, school_admin: 200, swv_admin_other_partnership: 404, oco_other_partnership: 404 },
  },
  'PUT /api/schools/:id/locations/:locationId': {
    call: (w) => ({ url: `/api/schools/${w.a.schoolId}/locations/${w.a.locationId}`, body: { name: 'Hoofdlocatie', city: 'Zwolle' } }),
    expect: { default: 403, ...staffOnly, swv_admin: 200, school_admin: 200, swv_admin_other_partnership: 404, oco_other_partnership: 404 },
  },
  'DELETE /api/schools/:id/locations/:locationId': {
    call: async (w) => {
      const l = await schoolLocation(w.sql, { partnership_id: w.a.partnershipId, school_id: w.a.schoolId, name: 'Tijdelijk' });
      return { url: `/api/schools/${w.a.schoolId}/locations/${l.id}` };
    },
    expect: { default: 403, ...staffOnly, swv_admin: 200, school_admin: 200, swv_admin_other_partnership: 404, oco_other_partnership: 404 },
  },

  // Staff: the partnership admin for all, a school admin for their school; the privacy officer reads.
  'GET /api/staff': {
    call: () => ({ url: '/api/staff' }),
    expect: { default: 403, ...staffOnly, swv_admin: 200, privacy_officer: 200, school_admin: 200, school_admin_other_school: 200, swv_admin_other_partnership: 200 },
  },
  'POST /api/staff': {
    call: (w) => ({ url: '/api/staff', body: { name: 'Nieuwe Collega', email: `nieuw-${Math.random().toString(36).slice(2)}@test.leerrecht.nl`, roles: [{ role: 'oco', schoolId: w.a.schoolId }] } }),
    // A2's admin may not give roles at A1; B's admin names a school unknown in B.
    expect: { default: 403, ...staffOnly, swv_admin: 200, school_admin: 200, swv_admin_other_partnership: 400 },
  },
  'GET /api/staff/:id': {
    call: async (w) => ({ url: `/api/staff/${(await w.staffTarget()).id}` }),
    expect: { default: 404, ...staffOnly, swv_admin: 200, privacy_officer: 200, school_admin: 200 },
  },
  'PUT /api/staff/:id/roles': {
    call: async (w) => ({ url: `/api/staff/${(await w.staffTarget()).id}/roles`, body: { roles: [{ role: 'mentor', schoolId: w.a.schoolId }] } }),
    expect: { default: 404, ...staffOnly, swv_admin: 200, privacy_officer: 403, school_admin: 200 },
  },
  'POST /api/staff/:id/deactivate': {
    call: async (w) => ({ url: `/api/staff/${(await w.staffTarget()).id}/deactivate` }),
    expect: { default: 404, ...staffOnly, swv_admin: 200, privacy_officer: 403, school_admin: 200 },
  },
  'POST /api/staff/:id/reactivate': {
    call: async (w) => ({ url: `/api/staff/${(await w.staffTarget('deactivated')).id}/reactivate` }),
    expect: { default: 404, ...staffOnly, swv_admin: 200, privacy_officer: 403, school_admin: 200 },
  },
  'POST /api/staff/:id/invitation': {
    call: async (w) => ({ url: `/api/staff/${(await w.staffTarget('invited')).id}/invitation` }),
    expect: { default: 404, ...staffOnly, swv_admin: 200, privacy_officer: 403, school_admin: 200 },
  },

  // The audit log: the privacy officer only.
  'GET /api/audit-log': { call: () => ({ url: '/api/audit-log' }), expect: { default: 403, ...staffOnly, privacy_officer: 200 } },
  'GET /api/audit-log.csv': { call: () => ({ url: '/api/audit-log.csv' }), expect: { default: 403, ...staffOnly, privacy_officer: 200 } },
  // Finding a pupil for the log's filter: every pupil of the world is called Sam.
  'GET /api/audit-log/pupils': { call: () => ({ url: '/api/audit-log/pupils?q=Sam' }), expect: { default: 403, ...staffOnly, privacy_officer: 200 } },
};

/**
 * Each capability adds its rows in a file of its own next to this one,
 * `matrix-<feature>.ts` exporting `rows`; they are all picked up here.
 */
const extra = import.meta.glob<{ rows: Record<string, Entry> }>('./matrix-*.ts', { eager: true });
export const matrix: Record<string, Entry> = Object.assign({}, foundation, ...Object.values(extra).map((m) => m.rows));
export type { Method };

/**
 * What bench/run.ts measures: the endpoints, who they run as, and the rows
 * they rotate over. Both servers get the same requests; the app's carry the
 * signed-in account's cookie, the baseline's name the reader in
 * `x-bench-user` (the baseline's stand-in for a session: its audit rows name
 * the same user the app's do).
 */
import type { Request as LoadRequest } from 'autocannon';
import { BENCH_PASSWORD } from './seed.ts';

/** A signed-in staff member: 'admin', 'privacy', 'oco', 'consultant', 'director', or 'mentor:<email>'. */
export type Account = string;

/** One request of a rotation. */
export interface Target {
  path: string;
  /** Account of the app request (else the endpoint's). */
  as?: Account;
  /** User id the baseline writes as reader in its audit rows. */
  user?: string;
}

export interface Endpoint {
  name: string;
  label: string;
  method: 'GET' | 'POST';
  /** The path of the first request (also the smoke request). */
  path: string;
  /** Signed-in staff member the app request runs as; the baseline needs none. */
  as?: Account;
  /** Requests rotate over these (round robin over all connections). */
  targets?: Target[];
  /** A fresh body per request (sign-in rotates over accounts). */
  body?: () => string;
}

export interface Fixture {
  partnershipId: string;
  signInEmails: string[];
  actorId: string;
  /** The privacy officer: reads the audit log in the app, and is the baseline's recorded reader. */
  readerId: string;
  staffCount: number;
  auditRows: number;
  /** The OCO of the dossier endpoints (school 2, so the audit-actor filter on oco.s1 stays as it was). */
  oco: { id: string; email: string; schoolId: string };
  /** Pupils of the OCO's school: all with a dossier, and as many without. */
  pupilIds: string[];
  pupilsWithDossier: number;
  /** Classes of the OCO's school, each read by its own mentor. */
  scans: { classId: string; mentorEmail: string; mentorId: string; pupils: number }[];
  searchTerms: string[];
  /** OPPs of the OCO's school, all statuses. */
  oppIds: string[];
  oppCount: number;
  /** The loket (issue 5): the consultant reads the queue, the director the TLV register; what the seed holds. */
  loket: { consultantId: string; consultantEmail: string; directorId: string; tlvs: number; endsSoon: number; arrangements: number; open: number; inReview: number };
  /** The support offer (issue 12): the directory's address, a need to search by, and how much demand the gap map counts. */
  offer: { code: string; needId: string; schoolYear: string; profiles: number; demandRows: number };
}

export function endpoints(f: Fixture): Endpoint[] {
  let i = 0;
  const asOco = (paths: string[]): Target[] => paths.map((path) => ({ path, user: f.oco.id }));
  return [
    {
      name: 'sign-in',
      label: 'POST /api/auth/sign-in',
      method: 'POST',
      path: '/api/auth/sign-in',
      body: () => JSON.stringify({ email: f.signInEmails[i++ % f.signInEmails.length], password: BENCH_PASSWORD }),
    },
    { name: 'schools', label: 'GET /api/schools', method: 'GET', path: '/api/schools', as: 'admin' },
    { name: 'staff', label: 'GET /api/staff?page=1', method: 'GET', path: '/api/staff?page=1', as: 'admin' },
    { name: 'audit', label: 'GET /api/audit-log?page=1', method: 'GET', path: '/api/audit-log?page=1', as: 'privacy' },
    { name: 'audit-actor', label: 'GET /api/audit-log?actorId=…', method: 'GET', path: `/api/audit-log?page=1&actorId=${f.actorId}`, as: 'privacy' },
    rotating('pupil', 'GET /api/pupils/:id', 'oco', asOco(f.pupilIds.map((id) => `/api/pupils/${id}`))),
    rotating(
      'class-scan',
      'GET /api/classes/:id/scan',
      undefined,
      f.scans.map((s) => ({ path: `/api/classes/${s.classId}/scan`, as: `mentor:${s.mentorEmail}`, user: s.mentorId })),
    ),
    rotating('pupil-search', 'GET /api/pupils?q=…', 'oco', asOco(f.searchTerms.map((q) => `/api/pupils?q=${encodeURIComponent(q)}`))),
    rotating('opp', 'GET /api/opps/:id', 'oco', asOco(f.oppIds.map((id) => `/api/opps/${id}`))),
    rotating('opp-overview', 'GET /api/schools/:id/opps', 'oco', asOco([`/api/schools/${f.oco.schoolId}/opps`])),
    rotating('queue', 'GET /api/requests', 'consultant', [{ path: '/api/requests', user: f.loket.consultantId }]),
    rotating('queue-review', 'GET /api/requests?status=in_review', 'consultant', [{ path: '/api/requests?status=in_review', user: f.loket.consultantId }]),
    rotating('tlvs', 'GET /api/tlvs?page=1', 'director', [{ path: '/api/tlvs?page=1', user: f.loket.directorId }]),
    rotating('tlvs-soon', 'GET /api/tlvs?endsSoon=true', 'director', [{ path: '/api/tlvs?endsSoon=true&page=1', user: f.loket.directorId }]),
    rotating('gap-map', 'GET /api/support-offer/coverage', 'director', [{ path: `/api/support-offer/coverage?schoolYear=${f.offer.schoolYear}`, user: f.loket.directorId }]),
    // The start page's work list (docs/decisions/0012-work-and-menu.md): the dossier school's OCO, and the consultant who holds the requests.
    rotating('work-oco', 'GET /api/work (OCO)', 'oco', [{ path: '/api/work', user: f.oco.id }]),
    rotating('work-consultant', 'GET /api/work (consultant)', 'consultant', [{ path: '/api/work', user: f.loket.consultantId }]),
    // Public: no session.
    rotating('directory', 'GET /api/directory/:code?behoefte=…&niveau=havo', undefined, [{ path: `/api/directory/${f.offer.code}?behoefte=${f.offer.needId}&niveau=havo` }]),
  ];
}

function rotating(name: string, label: string, as: Account | undefined, targets: Target[]): Endpoint {
  if (targets.length === 0) throw new Error(`${name}: nothing to rotate over (is the seed complete?)`);
  return { name, label, method: 'GET', path: targets[0]!.path, ...(as ? { as } : {}), targets };
}

/**
 * The autocannon request of an endpoint. `headersFor` gives a target's
 * identity headers: the app's session cookie, or the baseline's x-bench-user.
 */
export function requestOf(e: Endpoint, headersFor: (t: Target) => Record<string, string>): LoadRequest {
  const body = e.body;
  const first: Target = e.targets?.[0] ?? { path: e.path };
  const headersOf = (t: Target) => ({ ...headersFor({ ...t, as: t.as ?? e.as }), ...(body ? { 'content-type': 'application/json' } : {}) });
  // Built once: autocannon runs in the bench process, which should spend its CPU on sending.
  const targets = e.targets?.map((t) => ({ path: t.path, headers: headersOf(t) }));
  let n = 0;
  return {
    method: e.method,
    path: first.path,
    headers: headersOf(first),
    ...(body ? { body: body() } : {}),
    ...(body || targets
      ? {
          setupRequest: (r: LoadRequest) => {
            const t = targets?.[n++ % targets.length];
            return { ...r, ...t, ...(body ? { body: body() } : {}) };
          },
        }
      : {}),
  };
}

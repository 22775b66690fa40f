import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { principalOf } from '../../src/platform/access/principal.ts';
import { createSession, loadSession } from '../../src/platform/auth/sessions.ts';
import * as rows from '../../src/seed/factories/index.ts';
import { arrangementPolicy, requestPolicy, type RequestResource } from '../../src/features/requests/policy.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { actors, buildWorld, type World } from './authz/world.ts';

let t: TestApp;
let w: World;
const statuses = ['draft', 'submitted', 'in_review', 'advice', 'decision', 'decided', 'answered', 'withdrawn'] as const;
beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t.sql);
  // Requests at both schools of A in every status; some held by the consultant, some advised on by the expert.
  const by = w.users.oco.id;
  for (const schoolId of [w.a.schoolId, w.a.otherSchoolId]) {
    for (const status of statuses) {
      for (const held of [false, true]) {
        const r = await rows.request(t.sql, { partnership_id: w.a.partnershipId, school_id: schoolId, status, assigned_to: held ? w.users.swv_consultant.id : null, created_by: by });
        if (held && status !== 'draft') {
          await rows.requestExpert(t.sql, { partnership_id: w.a.partnershipId, request_id: r.id, expert_id: w.users.swv_expert.id, assigned_by: w.users.swv_consultant.id });
        }
      }
    }
  }
});
afterAll(() => t.close());

/** The principal of an actor, as the gate loads it. */
async function principal(actor: Exclude<(typeof actors)[number], 'anonymous'>) {
  const { token } = await createSession(t.sql, { idleMinutes: 30, maxHours: 12 }, { userId: w.users[actor].id, mfaVerified: true, ip: null, userAgent: null });
  return principalOf((await loadSession(t.sql, { idleMinutes: 30, maxHours: 12 }, token))!);
}

describe('a policy and its list scope agree', () => {
  for (const actor of actors.filter((a) => a !== 'anonymous')) {
    it(`requests, for ${actor}: the work list and the read admit exactly the rows the rules admit`, async () => {
      const p = await principal(actor);
      const rows = await t.sql<(RequestResource & { id: string })[]>`
        select r.id, r.school_id as "schoolId", r.kind, r.status, r.assigned_to as "assignedTo",
          coalesce((select array_agg(x.expert_id) from request_experts x where x.request_id = r.id), '{}') as "expertIds"
        from requests r where r.partnership_id = ${p.scope.partnershipId}`;
      for (const action of ['queue', 'read'] as const) {
        const listed = await t.sql<{ id: string }[]>`select r.id from requests r where r.partnership_id = ${p.scope.partnershipId} and ${requestPolicy.scope(t.sql, p, action)}`;
        expect(listed.map((r) => r.id).sort(), action).toEqual(rows.filter((r) => requestPolicy.can(p, action, r)).map((r) => r.id).sort());
      }
    });

    it(`arrangements, for ${actor}: the list admits exactly the rows the read rule admits`, async () => {
      const p = await principal(actor);
      const schools = await t.sql<{ id: string }[]>`select id from schools where partnership_id = ${p.scope.partnershipId}`;
      // The scope over `arrangements a`, asked per school: a school is admitted exactly when the rule admits its arrangements.
      for (const s of schools) {
        const [row] = await t.sql<{ admitted: boolean }[]>`select ${arrangementPolicy.scope(t.sql, p, 'read')} as admitted from (select ${s.id}::uuid as school_id) a`;
        expect(row!.admitted, s.id).toBe(arrangementPolicy.can(p, 'read', { schoolId: s.id }));
      }
    });
  }
});

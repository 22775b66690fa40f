import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { matrix } from './authz/matrix.ts';
import { actors, buildWorld, clientFor, supportTeam, type World } from './authz/world.ts';

let t: TestApp;
let w: World;
beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t.sql);
});
afterAll(() => t.close());

const key = (r: { method: string; url: string }) => `${r.method} ${r.url}`;

describe('authorisation matrix', () => {
  it('lists every route the app serves, and no route it does not', () => {
    const served = t.routes.map(key).sort();
    expect(served.filter((k) => !(k in matrix))).toEqual([]);
    expect(Object.keys(matrix).filter((k) => !served.includes(k))).toEqual([]);
  });

  for (const [route, entry] of Object.entries(matrix)) {
    it(route, async () => {
      const [method] = route.split(' ') as ['GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'];
      const got: Record<string, number> = {};
      const want: Record<string, number> = {};
      const leaks: string[] = [];
      const cached: string[] = [];
      for (const actor of actors) {
        const client = await clientFor(t.app, t.sql, w, actor);
        const { url, body, raw } = await entry.call(w);
        const res = raw
          ? await client.request(method, url, raw.payload, raw.contentType)
          : await client.request(method, url, method === 'GET' || method === 'DELETE' ? undefined : (body ?? {}));
        got[actor] = res.statusCode;
        want[actor] = entry.expect[actor] ?? entry.expect.default;
        if (actor.endsWith('other_partnership') && w.aIds.some((id) => res.body.includes(id))) leaks.push(actor);
        if (actor === 'oco_other_school' && res.body.includes(w.a.pupilId)) leaks.push(actor);
        if (actor === 'mentor' && res.body.includes(w.a.unclassedPupilId)) leaks.push('mentor (leerling buiten de klas)');
        if (!supportTeam.includes(actor) && res.body.includes(w.confidential.text)) leaks.push(`${actor} (vertrouwelijke tekst)`);
        if (res.headers['cache-control'] !== 'no-store') cached.push(`${actor}: ${String(res.headers['cache-control'])}`);
      }
      expect(got).toEqual(want);
      expect(leaks, 'another tenant or school saw ids it must not see, a mentor a pupil outside their class, or someone outside the support team a confidential text').toEqual([]);
      expect(cached, 'an /api answer a browser or proxy may keep').toEqual([]);
    });
  }
});

describe('audit of pupil data', () => {
  const pupilRoutes = () => t.routes.filter((r) => r.pupilData);

  it('has pupil-data routes to check', () => {
    expect(pupilRoutes().length).toBeGreaterThan(0);
  });

  // Every pupil-data route × every allowed caller, each signed in afresh: longer than the default 30 s.
  it('writes an audit row naming the pupil for every allowed call of every pupil-data route', { timeout: 300_000 }, async () => {
    const missing: string[] = [];
    for (const r of pupilRoutes()) {
      const entry = matrix[key(r)]!;
      const allowed = actors.filter((a) => a !== 'anonymous' && !a.endsWith('other_partnership') && (entry.expect[a] ?? entry.expect.default) < 300);
      for (const actor of allowed) {
        const userId = w.users[actor as Exclude<typeof actor, 'anonymous'>].id;
        const count = async () => (await t.sql<{ n: number }[]>`select count(*)::int as n from audit_log where actor_user_id = ${userId} and pupil_id is not null`)[0]!.n;
        const before = await count();
        const client = await clientFor(t.app, t.sql, w, actor);
        const { url, body, raw } = await entry.call(w);
        const res = raw
          ? await client.request(r.method as 'POST', url, raw.payload, raw.contentType)
          : await client.request(r.method as 'GET', url, r.method === 'GET' ? undefined : (body ?? {}));
        expect(res.statusCode, `${key(r)} as ${actor}`).toBeLessThan(300);
        if ((await count()) <= before) missing.push(`${key(r)} as ${actor}`);
      }
    }
    expect(missing).toEqual([]);
  });

});

/**
 * A refused read of pupil data is in the privacy officer's log, so probing
 * shows: every 403/404 on a pupil-data route writes a '…refused' row, with
 * ids only.
 */
describe('audit of refused pupil data', () => {
  // Every pupil-data route × every refused caller, each signed in afresh: longer than the default 30 s.
  it('writes a refused row for every 403/404 on a pupil-data route', { timeout: 300_000 }, async () => {
    const missing: string[] = [];
    for (const r of t.routes.filter((x) => x.pupilData)) {
      const entry = matrix[key(r)]!;
      const refused = actors.filter((a) => a !== 'anonymous' && [403, 404].includes(entry.expect[a] ?? entry.expect.default));
      for (const actor of refused) {
        const userId = w.users[actor as Exclude<typeof actor, 'anonymous'>].id;
        const count = async () => (await t.sql<{ n: number }[]>`select count(*)::int as n from audit_log where actor_user_id = ${userId} and action like '%refused'`)[0]!.n;
        const before = await count();
        const client = await clientFor(t.app, t.sql, w, actor);
        const { url, body, raw } = await entry.call(w);
        const method = r.method as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
        const res = raw
          ? await client.request(method, url, raw.payload, raw.contentType)
          : await client.request(method, url, method === 'GET' || method === 'DELETE' ? undefined : (body ?? {}));
        expect([403, 404], `${key(r)} as ${actor}`).toContain(res.statusCode);
        if ((await count()) <= before) missing.push(`${key(r)} as ${actor}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { fingerprinter, jobsSettled, MAY_CHANGE } from '../helpers/fingerprint.ts';
import { PARSER_WORDS } from '../helpers/messages.ts';
import { matrix, type Entry } from './authz/matrix.ts';
import { actors, buildWorld, clientFor, type Actor, type World } from './authz/world.ts';

/**
 * Property: whatever a client sends, the answer is a 4xx with a Dutch message
 * (no parser's words) or a success; never a 5xx, and a refused request writes nothing.
 */
let t: TestApp;
let w: World;
beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t.sql);
});
afterAll(() => t.close());

// Every table of the catalogue, narrowed to this file's two partnerships (other test files write at the same time).
let fingerprint: () => Promise<Record<string, string>>;
beforeAll(async () => {
  const f = await fingerprinter(t.sql, [w.a.partnershipId, w.b.partnershipId]);
  fingerprint = f.take;
});

it('fingerprints every table but the few a refused call may change', async () => {
  const { tables } = await fingerprinter(t.sql, [w.a.partnershipId]);
  const all = (await t.sql<{ n: number }[]>`select count(*)::int as n from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`)[0]!.n;
  expect(tables.length).toBe(all - Object.keys(MAY_CHANGE).length);
  expect(tables).toEqual(expect.arrayContaining(['pupils', 'requests', 'request_attachments', 'opps', 'opp_versions', 'documents', 'user_tokens', 'outbox']));
  // An update shows, not only an insert or a delete.
  const before = await fingerprint();
  await t.sql`update pupils set first_name = first_name || '.' where id = ${w.a.pupilId}`;
  const changed = await fingerprint();
  await t.sql`update pupils set first_name = left(first_name, -1) where id = ${w.a.pupilId}`;
  expect(changed).toEqual({ ...before, pupils: expect.not.stringMatching(before.pupils!) });
  expect(await fingerprint()).toEqual(before);
});

const value: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.constantFrom('ab\u0000cd', '\u0000', 'x'.repeat(5000)),
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
  fc.uuid(),
  fc.emailAddress(),
);

/** A valid body with some fields replaced or removed, or something else entirely. */
const mutate = (valid: unknown): fc.Arbitrary<unknown> => {
  const obj = valid && typeof valid === 'object' && !Array.isArray(valid) ? (valid as Record<string, unknown>) : {};
  const keys = Object.keys(obj);
  return fc.oneof(
    fc.record(Object.fromEntries(keys.map((k) => [k, fc.oneof(fc.constant(obj[k]), value)])), { requiredKeys: [] }),
    fc.dictionary(fc.oneof(fc.constantFrom(...(keys.length ? keys : ['x'])), fc.string({ maxLength: 8 })), value, { maxKeys: 6 }),
    value,
  );
};

/** encodeURIComponent throws on a lone surrogate half; such a path is then just 'x'. */
const safeEncode = (text: string) => {
  try {
    return encodeURIComponent(text);
  } catch {
    return 'x';
  }
};

const firstAllowed = (e: Entry): Actor =>
  actors.find((a) => a !== 'anonymous' && !a.includes('other') && (e.expect[a] ?? e.expect.default) < 300) ?? 'anonymous';

describe('every input schema refuses bad input cleanly', () => {
  for (const [route, entry] of Object.entries(matrix)) {
    const [method] = route.split(' ') as ['GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'];
    // 25 runs of an import route validate 25 files against the EDEXML XSD: ~25 s on a busy two-core machine.
    it(route, { timeout: 120_000 }, async () => {
      const actor = firstAllowed(entry);
      const template = (await entry.call(w)).body ?? { q: 'x', page: 1 };
      await fc.assert(
        fc.asyncProperty(mutate(template), fc.boolean(), async (sample, keepId) => {
          const { url } = await entry.call(w);
          const client = await clientFor(t.app, t.sql, w, actor);
          await jobsSettled(t.sql, t.jobsSchema);
          const before = await fingerprint();
          let target = url;
          let payload: unknown;
          if (method === 'GET' || method === 'DELETE') {
            // Query strings: random keys and values, and sometimes a mangled id in the path.
            const q = new URLSearchParams();
            if (sample && typeof sample === 'object') for (const [k, v] of Object.entries(sample)) q.set(k, typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));
            const mangled = url.replace(/[0-9a-f-]{36}/, (id) => (keepId ? id : safeEncode((JSON.stringify(sample) ?? '').slice(0, 40)) || 'x'));
            target = `${mangled}${q.size ? `?${q}` : ''}`;
          } else payload = sample;
          const res = await client.request(method, target, payload);
          const what = `${res.statusCode} ${target} ${JSON.stringify(payload)?.slice(0, 200)} → ${res.body.slice(0, 300)}`;
          expect(res.statusCode, what).toBeLessThan(500);
          if (res.statusCode >= 400 && res.statusCode !== 401) {
            const err = res.json().error;
            expect(typeof err?.message, what).toBe('string');
            expect(err.message.length).toBeGreaterThan(0);
            // Plain Dutch that says what to do, never a parser's words (platform/http/schemas.ts, dutchMessage).
            for (const message of [err.message, ...(err.fields ?? []).map((f: { message: string }) => f.message)]) expect(message, what).not.toMatch(PARSER_WORDS);
            // Names the tables that changed: the report shows only the start of a large object.
            const after = await fingerprint();
            expect(Object.keys(after).filter((table) => after[table] !== before[table]), what).toEqual([]);
          }
        }),
        { numRuns: 25 },
      );
    });
  }
});

describe('a body nested deeper than any form sends is refused at the edge, before sign-in is checked', () => {
  // 100,000 levels fit in the 1 MB body limit; walking them recursively overflowed the stack (a 500).
  const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
  for (const [route, entry] of Object.entries(matrix).filter(([r]) => /^(POST|PUT|PATCH) /.test(r))) {
    it(route, async () => {
      const [method] = route.split(' ') as ['POST'];
      const { url } = await entry.call(w);
      const before = await fingerprint();
      for (const actor of new Set<Actor>(['anonymous', firstAllowed(entry)])) {
        const client = await clientFor(t.app, t.sql, w, actor);
        const res = await client.request(method, url, nested(100_000), 'application/json');
        expect(res.statusCode, `${actor}: ${res.body.slice(0, 200)}`).toBe(400);
        expect(res.json().error.message).toMatch(/genest/);
      }
      expect(await fingerprint()).toEqual(before);
    });
  }
});

describe('every day field refuses a day that does not exist or lies outside 1990-2100', () => {
  const isDay = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
  /** Paths of the day fields in a valid body ('content.goals.0.by'). */
  const dayPaths = (v: unknown, path: string[] = []): string[][] =>
    isDay(v) ? [path] : v && typeof v === 'object' ? Object.entries(v).flatMap(([k, x]) => dayPaths(x, [...path, k])) : [];
  const withValue = (v: unknown, path: string[], value: string): unknown => {
    if (!path.length) return value;
    const copy = (Array.isArray(v) ? [...v] : { ...(v as object) }) as Record<string, unknown>;
    copy[path[0]!] = withValue(copy[path[0]!], path.slice(1), value);
    return copy;
  };
  const bad = ['2026-02-31', '2026-02-29', '2026-13-01', '9999-12-31', '2101-01-01', '1989-12-31'];
  it('in the body or the query of every route that has one', { timeout: 300_000 }, async () => {
    const probed: string[] = [];
    for (const [route, entry] of Object.entries(matrix)) {
      const [method] = route.split(' ') as ['GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'];
      const probe = await entry.call(w);
      const inQuery = [...new URL(probe.url, 'http://x').searchParams].filter(([, v]) => isDay(v)).map(([k]) => [k]);
      const inBody = dayPaths(probe.body);
      if (!inQuery.length && !inBody.length) continue;
      probed.push(route);
      const client = await clientFor(t.app, t.sql, w, firstAllowed(entry));
      for (const value of bad) {
        for (const path of [...inQuery, ...inBody]) {
          const { url, body } = await entry.call(w);
          const before = await fingerprint();
          const target = inQuery.includes(path) ? url.replace(new RegExp(`${path[0]}=[^&]*`), `${path[0]}=${value}`) : url;
          const res = await client.request(method, target, inQuery.includes(path) ? body : withValue(body, path, value));
          const what = `${route} ${path.join('.')} = ${value}: ${res.statusCode} ${res.body.slice(0, 300)}`;
          expect(res.statusCode, what).toBe(400);
          expect(res.json().error.fields, what).toContainEqual({ path: path.join('.'), message: expect.stringMatching(/datum/) });
          expect(await fingerprint(), what).toEqual(before);
        }
      }
    }
    expect(probed).toEqual(expect.arrayContaining(['POST /api/pupils/:id/logbook', 'POST /api/requests/:id/objections', 'GET /api/opp-numbers']));
  });
});

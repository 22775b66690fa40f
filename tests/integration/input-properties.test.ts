import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { matrix, type Entry } from './authz/matrix.ts';
import { actors, buildWorld, clientFor, type Actor, type World } from './authz/world.ts';

/**
 * Property: whatever a client sends, the answer is a 4xx with a Dutch message
 * or a success; never a 5xx, and a refused request writes nothing.
 */
let t: TestApp;
let w: World;
beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t.sql);
});
afterAll(() => t.close());

// Rows of this file's two partnerships only: other test files write at the same time.
const TABLES = ['boards', 'schools', 'school_locations', 'users', 'role_assignments', 'classes', 'pupils', 'enrolments', 'oidc_providers'];
const fingerprint = async () => {
  const ids = [w.a.partnershipId, w.b.partnershipId];
  const counts = await t.sql.unsafe(
    `select ${TABLES.map((x) => `(select count(*) from ${x} where partnership_id = any($1::uuid[])) as ${x}`).join(', ')},
       (select count(*) from user_tokens k join users u on u.id = k.user_id where u.partnership_id = any($1::uuid[])) as user_tokens`,
    [ids],
  );
  return JSON.stringify(counts);
};

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
    it(route, async () => {
      const actor = firstAllowed(entry);
      const template = (await entry.call(w)).body ?? { q: 'x', page: 1 };
      await fc.assert(
        fc.asyncProperty(mutate(template), fc.boolean(), async (sample, keepId) => {
          const { url } = await entry.call(w);
          const client = await clientFor(t.app, t.sql, w, actor);
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
            expect(await fingerprint(), what).toBe(before);
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
      expect(await fingerprint()).toBe(before);
    });
  }
});

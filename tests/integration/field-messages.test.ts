import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { PARSER_WORDS } from '../helpers/messages.ts';
import { matrix, type Entry } from './authz/matrix.ts';
import { actors, buildWorld, clientFor, type Actor, type World } from './authz/world.ts';

/**
 * What a form shows when the server refuses its input: every 400's message
 * and field messages are Dutch sentences that say what to do, never a
 * parser's words ("Invalid input", "verwacht getal, ontving NaN"). Each route
 * of the authorisation matrix gets its valid body with one field at a time
 * left out or replaced by a value of the wrong type, and each query parameter
 * replaced by a word; the messages that come back are collected and checked.
 */

let t: TestApp;
let w: World;
beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t.sql);
});
afterAll(() => t.close());

const firstAllowed = (e: Entry): Actor =>
  actors.find((a) => a !== 'anonymous' && !a.includes('other') && (e.expect[a] ?? e.expect.default) < 300) ?? 'anonymous';

const wrong: unknown[] = ['abc', 12.5, -1, true, null, [], {}, 'x'.repeat(20_000)];
const LEFT_OUT = Symbol('left out');

/** The valid body with the value at `path` replaced (or left out). */
function replaced(body: unknown, path: string[], value: unknown): unknown {
  if (!path.length) return value;
  const copy = (Array.isArray(body) ? [...body] : { ...(body as object) }) as Record<string, unknown>;
  if (path.length === 1 && value === LEFT_OUT) delete copy[path[0]!];
  else copy[path[0]!] = replaced(copy[path[0]!], path.slice(1), value);
  return copy;
}

/** Paths of the leaves of a body, two levels deep ('content.goals', 'roles.0.schoolId'). */
function paths(body: unknown, prefix: string[] = [], depth = 0): string[][] {
  if (!body || typeof body !== 'object' || depth > 2) return prefix.length ? [prefix] : [];
  const entries = Array.isArray(body) ? (body.length ? [['0', body[0]] as const] : []) : Object.entries(body);
  return [...(prefix.length ? [prefix] : []), ...entries.flatMap(([k, v]) => paths(v, [...prefix, k], depth + 1))];
}

it('every message of a refused input is Dutch and says what to do', { timeout: 600_000 }, async () => {
  const found = new Map<string, string>();
  for (const [route, entry] of Object.entries(matrix)) {
    const [method] = route.split(' ') as ['GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'];
    const { url, body } = await entry.call(w);
    const client = await clientFor(t.app, t.sql, w, firstAllowed(entry));
    const tries: { url: string; body?: unknown }[] = [];
    if (method === 'GET' || method === 'DELETE') {
      const u = new URL(url, 'http://x');
      for (const key of u.searchParams.keys()) {
        for (const v of ['abc', '-1', '', '2026-02-31']) {
          const q = new URLSearchParams(u.searchParams);
          q.set(key, v);
          tries.push({ url: `${u.pathname}?${q}` });
        }
      }
    } else {
      const template = body ?? {};
      for (const path of paths(template)) for (const v of [LEFT_OUT, ...wrong]) tries.push({ url, body: replaced(template, path, v) });
      for (const v of [[], 'x', 5]) tries.push({ url, body: v });
    }
    for (const attempt of tries) {
      const res = await client.request(method, attempt.url, attempt.body);
      if (res.statusCode !== 400) continue;
      const err = res.json().error as { message: string; fields?: { path: string; message: string }[] };
      found.set(err.message, route);
      for (const f of err.fields ?? []) found.set(f.message, `${route} ${f.path}`);
    }
  }
  const parserLike = [...found].filter(([message]) => PARSER_WORDS.test(message));
  console.log(`field-messages: ${found.size} distinct messages, ${parserLike.length} parser-like:\n${parserLike.map(([m, where]) => `  ${m}  (${where})`).join('\n')}`);
  expect(parserLike).toEqual([]);
});

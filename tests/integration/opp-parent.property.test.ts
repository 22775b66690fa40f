import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CODE_VALID_MINUTES, hashCode, maskEmail, newCode } from '../../src/features/parent-access/api.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { ParentClient } from '../helpers/parent-client.ts';
import { link, planWithParents, type Plan } from './opp-parent-fixtures.ts';

let t: TestApp;
let plan: Plan;
beforeAll(async () => {
  t = await createTestApp();
  plan = await planWithParents(t.sql);
});
afterAll(() => t.close());

const base64url = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'), minLength: 20, maxLength: 200 });
const anyText = fc.string({ minLength: 0, maxLength: 250 });
const sixDigits = fc.integer({ min: 0, max: 999_999 }).map((n) => String(n).padStart(6, '0'));

/** Puts a known code on a link, as if it had just been mailed, valid for `seconds` more (negative: expired). */
async function plantCode(linkId: string, code: string, seconds: number) {
  await t.sql`update parent_links set code_hash = ${hashCode('opp', linkId, code)}, code_attempts = 0,
                code_expires_at = now() + make_interval(secs => ${seconds}), session_hash = null, session_expires_at = null
              where id = ${linkId}`;
}

describe('codes and links (properties)', () => {
  it('a code is always six digits', () => {
    for (let i = 0; i < 2000; i++) expect(newCode()).toMatch(/^\d{6}$/);
  });

  it('a masked address never shows more than the first letter of the name', () => {
    fc.assert(
      fc.property(fc.emailAddress(), (email) => {
        const [local, domain] = email.split('@');
        const masked = maskEmail(email);
        expect(masked).toBe(`${local!.slice(0, 1)}****@${domain}`);
      }),
    );
  });

  it('random link tokens never get a code, never verify and never open a plan', async () => {
    await link(t.sql, plan); // a real link exists; random tokens must not hit it
    await fc.assert(
      fc.asyncProperty(fc.oneof(base64url, anyText), sixDigits, async (token, code) => {
        const c = new ParentClient(t.app);
        const sent = await c.post('/api/parent/opp/code', { token });
        expect(sent.statusCode).toBe(400);
        const res = await c.post('/api/parent/opp/verify', { token, code });
        expect(res.statusCode).toBe(400);
        expect(res.cookies.find((k) => k.name === 'lr_parent')).toBeUndefined();
        c.cookie = `lr_parent=${encodeURIComponent(token)}`;
        expect((await c.get('/api/parent/opp')).statusCode).toBe(401);
      }),
      { numRuns: 40 },
    );
  });

  it('on a real link, every code but the mailed one is refused and starts no session', async () => {
    const l = await link(t.sql, plan);
    await fc.assert(
      fc.asyncProperty(sixDigits, sixDigits, async (real, guess) => {
        fc.pre(real !== guess);
        await plantCode(l.id, real, 600);
        const res = await new ParentClient(t.app).post('/api/parent/opp/verify', { token: l.token, code: guess });
        expect(res.statusCode).toBe(400);
        expect(res.json().error.code).toBe('BAD_CODE');
        const [row] = await t.sql`select session_hash from parent_links where id = ${l.id}`;
        expect(row!.session_hash).toBeNull();
      }),
      { numRuns: 40 },
    );
  });

  it('a code works before its 15 minutes are up and never after', async () => {
    const l = await link(t.sql, plan);
    // Seconds left on the code, away from the instant itself (the request takes a moment).
    const secondsLeft = fc.oneof(fc.integer({ min: 3, max: CODE_VALID_MINUTES * 60 }), fc.integer({ min: -48 * 3600, max: -1 }));
    await fc.assert(
      fc.asyncProperty(secondsLeft, sixDigits, async (seconds, code) => {
        await plantCode(l.id, code, seconds);
        const res = await new ParentClient(t.app).post('/api/parent/opp/verify', { token: l.token, code });
        expect(res.statusCode).toBe(seconds > 0 ? 200 : 400);
        const [row] = await t.sql`select session_hash is not null as "signedIn", code_hash is null as "used" from parent_links where id = ${l.id}`;
        expect(row).toEqual({ signedIn: seconds > 0, used: seconds > 0 });
      }),
      { numRuns: 40 },
    );
  });

  it('a mailed code expires 15 minutes after it is sent', async () => {
    const l = await link(t.sql, plan);
    const c = new ParentClient(t.app);
    expect((await c.post('/api/parent/opp/code', { token: l.token })).statusCode).toBe(200);
    const [row] = await t.sql<{ s: number }[]>`select extract(epoch from code_expires_at - now())::float as s from parent_links where id = ${l.id}`;
    expect(row!.s).toBeGreaterThan(CODE_VALID_MINUTES * 60 - 10);
    expect(row!.s).toBeLessThanOrEqual(CODE_VALID_MINUTES * 60);
  });
});

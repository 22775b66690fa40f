import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProfileContent } from '../../src/features/support-offer/schema.ts';
import { seedPartnership } from '../../src/seed/partnership.ts';
import { seedSupportOffer } from '../../src/seed/support-offer.ts';
import { createSession } from '../../src/platform/auth/sessions.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { Client } from '../helpers/client.ts';

let t: TestApp;
let code: string;
let pid: string;
beforeAll(async () => {
  t = await createTestApp();
  const tag = Math.random().toString(36).slice(2, 8);
  code = `SO${tag}`;
  ({ partnershipId: pid } = await seedPartnership(t.sql, {
    name: `SWV aanbod ${tag}`, registrationNumber: code, schools: 12, pupils: 600, seed: 7000 + Math.floor(Math.random() * 1000),
    domain: `${tag}.test.leerrecht.nl`, password: 'demo-wachtwoord-lang', schoolYear: '2026-2027',
  }));
  await t.sql.begin((tx) => seedSupportOffer(tx as never, pid, '2026-2027'));
}, 60_000);
afterAll(() => t.close());

describe('demo support offer', () => {
  it('gives every school a valid profile, two of them not updated this year and one only a draft', async () => {
    const profiles = await t.sql<{ year: string; content: unknown; published: boolean }[]>`
      select school_year as year, content, published_at is not null as published from support_profiles where partnership_id = ${pid}`;
    expect(profiles).toHaveLength(12);
    for (const p of profiles) expect(ProfileContent.safeParse(p.content).error).toBeUndefined();
    expect(profiles.filter((p) => p.year === '2025-2026')).toHaveLength(2);
    expect(profiles.filter((p) => !p.published)).toHaveLength(1);
  });

  it('leaves the gaps of the evaluation (seed 004 §4.1): no extra support for havo/vwo pupils with autism or behaviour, none for the gifted', async () => {
    const list = await t.app.inject({ url: `/api/directory/${code}` });
    expect(list.statusCode).toBe(200);
    const { needs } = list.json() as { needs: { id: string; label: string }[] };
    const need = (label: string) => needs.find((n) => n.label === label)!.id;
    const schools = async (q: string) => ((await t.app.inject({ url: `/api/directory/${code}?${q}` })).json() as { schools: unknown[] }).schools.length;
    for (const level of ['havo', 'vwo']) {
      expect(await schools(`niveau=${level}&behoefte=${need('Autisme')}&ondersteuning=extra`), level).toBe(0);
      expect(await schools(`niveau=${level}&behoefte=${need('Gedrag')}&ondersteuning=extra`), level).toBe(0);
      expect(await schools(`niveau=${level}&behoefte=${need('Autisme')}`), level).toBeGreaterThan(0);
    }
    expect(await schools(`behoefte=${need('Hoogbegaafdheid')}&ondersteuning=extra`)).toBe(0);
    expect(await schools(`niveau=vmbo-k&behoefte=${need('Autisme')}&ondersteuning=extra`)).toBeGreaterThan(0);
  });

  it('gives the gap map demand in the evaluation\'s shape: havo/vwo pupils with autism or behaviour and gifted pupils, short of extra support', async () => {
    const [director] = await t.sql<{ id: string }[]>`select u.id from users u join role_assignments r on r.user_id = u.id where r.partnership_id = ${pid} and r.role = 'swv_director' limit 1`;
    const c = new Client(t.app);
    const { token } = await createSession(t.sql, { idleMinutes: 30, maxHours: 12 }, { userId: director!.id, mfaVerified: true, ip: null, userAgent: null });
    c.cookie = `lr_session=${token}`;
    const res = await c.get('/api/support-offer/coverage?schoolYear=2026-2027');
    expect(res.statusCode, res.body).toBe(200);
    const m = res.json() as { needs: { id: string; label: string }[]; cells: { level: string; needId: string; demand: number | string; gap: string | null }[] };
    const cell = (level: string, label: string) => m.cells.find((x) => x.level === level && x.needId === m.needs.find((n) => n.label === label)!.id)!;
    for (const label of ['Autisme', 'Gedrag', 'Hoogbegaafdheid']) {
      const cells = ['havo', 'vwo'].map((l) => cell(l, label));
      expect(cells.some((x) => x.demand !== 0), label).toBe(true);
      expect(cells.filter((x) => x.demand !== 0).every((x) => x.gap !== null), label).toBe(true);
    }
    // Where the vmbo offers extra support for autism, the demand there is met.
    expect(cell('vmbo-k', 'Autisme').gap).toBeNull();
  });
});

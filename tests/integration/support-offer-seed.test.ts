import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProfileContent } from '../../src/features/support-offer/schema.ts';
import { seedPartnership } from '../../src/seed/partnership.ts';
import { seedSupportOffer } from '../../src/seed/support-offer.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
let code: string;
let pid: string;
beforeAll(async () => {
  t = await createTestApp();
  const tag = Math.random().toString(36).slice(2, 8);
  code = `SO${tag}`;
  ({ partnershipId: pid } = await seedPartnership(t.sql, {
    name: `SWV aanbod ${tag}`, registrationNumber: code, schools: 12, pupils: 60, seed: 7000 + Math.floor(Math.random() * 1000),
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
});

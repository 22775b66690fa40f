import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportInput } from '../../src/features/quality/audit-schema.ts';
import { drawRotation, rotationProblem } from '../../src/features/quality/audits/draw.ts';
import { PlanContent } from '../../src/features/quality/schema.ts';
import { seedPartnership } from '../../src/seed/partnership.ts';
import { seedQuality } from '../../src/seed/quality.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

/**
 * The demo's quality cycle: seed 001's seven spearheads, two school years of
 * action plans (last year's evaluated, this year's carried over from it), and
 * last year's audit round whose rotation is redone from its kept seed, with
 * reports whose findings fill the shared guide.
 */
let t: TestApp;
let pid: string;
beforeAll(async () => {
  t = await createTestApp();
  const tag = Math.random().toString(36).slice(2, 8);
  ({ partnershipId: pid } = await seedPartnership(t.sql, {
    name: `SWV kwaliteit ${tag}`, registrationNumber: `KW${tag}`, schools: 6, pupils: 200, seed: 8000 + Math.floor(Math.random() * 1000),
    domain: `${tag}.test.leerrecht.nl`, password: 'demo-wachtwoord-lang', schoolYear: '2026-2027',
  }));
  await t.sql.begin((tx) => seedQuality(tx as never, pid, '2026-2027'));
}, 60_000);
afterAll(() => t.close());

describe('demo quality cycle', () => {
  it('has the seven spearheads and two school years of valid plans: last year evaluated, this year carried over', async () => {
    const [{ n }] = await t.sql<[{ n: number }]>`select count(*)::int as n from quality_spearheads where partnership_id = ${pid}`;
    expect(n).toBe(7);
    const plans = await t.sql<{ year: string; content: unknown; evaluated: boolean; goals: { origin: string }[] }[]>`
      select school_year as year, content, evaluated_at is not null as evaluated, content->'goals' as goals from action_plans where partnership_id = ${pid}`;
    for (const p of plans) expect(PlanContent.safeParse(p.content).error).toBeUndefined();
    expect(plans.filter((p) => p.year === '2025-2026' && p.evaluated)).toHaveLength(3);
    const now = plans.filter((p) => p.year === '2026-2027');
    expect(now).toHaveLength(4);
    expect(now.some((p) => p.goals.some((g) => g.origin === 'carried'))).toBe(true);
  });

  it('has last year\'s audit round, redone from its kept seed, with valid reports and improvement points', async () => {
    const [round] = await t.sql<{ id: string; seed: string; schools: string[]; pairs: { auditor: string; audited: string }[] }[]>`
      select id, seed, schools, drawn_pairs as pairs from audit_rounds where partnership_id = ${pid} and school_year = '2025-2026'`;
    expect(drawRotation(round!.schools, [], 2025, round!.seed).pairs).toEqual(round!.pairs);
    expect(rotationProblem(round!.schools, round!.pairs)).toBeNull();
    const audits = await t.sql<{ report: unknown; improvements: unknown[] }[]>`select report, improvements from peer_audits where round_id = ${round!.id}`;
    expect(audits).toHaveLength(6);
    const reported = audits.filter((a) => a.report);
    expect(reported.length).toBeGreaterThanOrEqual(2);
    for (const a of reported) expect(ReportInput.safeParse(a.report).error).toBeUndefined();
    expect(reported.every((a) => a.improvements.length > 0)).toBe(true);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPartnership } from '../../src/seed/partnership.ts';
import { seedPlans } from '../../src/seed/plans.ts';
import { seedReadyDossier, seedRequests } from '../../src/seed/requests.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('demo requests', () => {
  it('seeds a request in every status and a TLV register numbered without gaps', async () => {
    const tag = Math.random().toString(36).slice(2, 8);
    const domain = `${tag}.test.leerrecht.nl`;
    const { partnershipId } = await seedPartnership(t.sql, {
      name: `SWV aanvragen ${tag}`, registrationNumber: `VO${tag}`, schools: 3, pupils: 400, seed: 8000 + Math.floor(Math.random() * 1000),
      domain, password: 'demo-wachtwoord-lang', schoolYear: '2026-2027',
    });
    await t.sql.begin(async (tx) => {
      await seedPlans(tx as never, partnershipId);
      await seedRequests(tx as never, partnershipId, domain);
      await seedReadyDossier(tx as never, partnershipId, domain);
    });
    const statuses = await t.sql<{ status: string }[]>`select distinct status from requests where partnership_id = ${partnershipId} order by status`;
    expect(statuses.map((s) => s.status)).toEqual(['advice', 'answered', 'decided', 'decision', 'draft', 'in_review', 'submitted', 'withdrawn']);
    const [tlv] = await t.sql<{ n: number; max: number; soon: number; invalid: number }[]>`
      select count(*)::int as n, max(number) as max,
        count(*) filter (where ends_on between current_date and current_date + interval '6 months')::int as soon,
        count(*) filter (where ends_on <= starts_on)::int as invalid
      from tlvs where partnership_id = ${partnershipId}`;
    expect(tlv!.n).toBeGreaterThan(10);
    expect(tlv!.max).toBe(tlv!.n);
    expect(tlv!.soon).toBeGreaterThan(0);
    expect(tlv!.invalid).toBe(0);
    // The third school's ready dossier: agreed OPP, evaluation and test report.
    const [ready] = await t.sql<{ n: number }[]>`
      select count(*)::int as n from pupils p join users u on u.email = ${`oco.s3@${domain}`} join role_assignments r on r.user_id = u.id and r.school_id = p.school_id
      where exists (select 1 from opps o join opp_versions v on v.opp_id = o.id where o.pupil_id = p.id and v.status = 'agreed')
        and exists (select 1 from opp_evaluations e join opps o on o.id = e.opp_id where o.pupil_id = p.id)
        and exists (select 1 from documents d where d.pupil_id = p.id and d.category = 'toetsverslag')`;
    expect(ready!.n).toBe(1);
  });
});

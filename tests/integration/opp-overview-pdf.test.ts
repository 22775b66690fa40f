import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.ts';
import { signIn, type Client } from '../helpers/client.ts';
import * as f from '../helpers/factories.ts';
import { day, opp, pupilIn, respond, startOppWorld } from './opp-overview-fixtures.ts';

let t: TestApp;
let p: { id: string };
let school: { id: string; name: string };
let oco: f.TestUser;
let mentor: f.TestUser;
let otherOco: f.TestUser;
let ocoC: Client;

async function pdfText(body: Buffer) {
  return (await new PDFParse({ data: new Uint8Array(body) }).getText()).text.replace(/\s+/g, ' ');
}

beforeAll(async () => {
  ({ t, p, school, oco, mentor, otherOco, ocoC } = await startOppWorld());
});
afterAll(() => t.close());

describe('the OPP on paper', () => {
  it('prints the plan with its record of signatures, and the routes open to parents who disagree', async () => {
    const pupil = await pupilIn(school.id, { lastName: 'Verhoeven' });
    await t.sql`update pupils set case_manager_id = ${oco.id} where id = ${pupil.id}`;
    const plan = await opp({
      pupilId: pupil.id,
      status: 'disagreed',
      versions: [
        { status: 'superseded', sentOn: day(-120), agreedOn: day(-110), evaluationDates: [day(-20)] },
        { status: 'disagreed', sentOn: day(-10), evaluationDates: [day(100)] },
      ],
    });
    await respond(plan.id, plan.versionIds[0]!, { signer: 'parent', name: 'Mieke Verhoeven', decision: 'agree', method: 'online' });
    await respond(plan.id, plan.versionIds[1]!, { signer: 'parent', name: 'Mieke Verhoeven', decision: 'disagree', method: 'paper', comment: 'Te weinig uren begeleiding', recordedBy: oco.id });
    await respond(plan.id, plan.versionIds[1]!, { signer: 'pupil', name: 'Sam Verhoeven', decision: 'agree', method: 'online' });
    await f.oppConsultation(t.sql, {
      partnership_id: p.id, opp_id: plan.id, version_id: plan.versionIds[1]!, held_on: day(-12), participants: 'Ouders, mentor, OCO', notes: 'Het plan samen doorgenomen.',
      pupil_view: 'Sam wil rust.', recorded_by: oco.id,
    });

    const res = await ocoC.get(`/api/opps/${plan.id}/pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="opp-sam-verhoeven-versie-2.pdf"`);
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(res.rawPayload);
    for (const want of ['Het Baken College', 'Ontwikkelingsperspectiefplan', 'versie 2', 'Sam Verhoeven', '4 mei 2013', 'Vrijstelling Frans', 'Leest op AVI-niveau E5',
      'Remedial teacher', '1,5', 'Ik werk liever in een rustige ruimte', 'Het plan samen doorgenomen', 'Mieke Verhoeven', 'Niet ingestemd', 'Te weinig uren begeleiding',
      'Op papier (vastgelegd door', 'Online', 'Ingestemd', 'Geschillencommissie passend onderwijs', 'Onderwijsconsulent', 'Gemotiveerd en nieuwsgierig', 'Gedrag']) {
      expect(text, want).toContain(want);
    }
    // Both signature records of version 2, the parent's on paper with who recorded it.
    const [ocoName] = await t.sql<{ name: string }[]>`select name from users where id = ${oco.id}`;
    expect(text).toContain(`Op papier (vastgelegd door ${ocoName!.name})`);
    expect(text.match(/Verhoeven/g)!.length).toBeGreaterThanOrEqual(3);

    // The agreed first version: its own signature, no disagreement routes.
    const v1 = await ocoC.get(`/api/opps/${plan.id}/pdf?version=1`);
    expect(v1.statusCode).toBe(200);
    const text1 = await pdfText(v1.rawPayload);
    expect(text1).toContain('versie 1');
    expect(text1).toContain('Ingestemd');
    expect(text1).not.toContain('Geschillencommissie');
    expect(text1).not.toContain('Te weinig uren');

    expect((await ocoC.get(`/api/opps/${plan.id}/pdf?version=7`)).statusCode).toBe(404);
    expect((await ocoC.get(`/api/opps/${plan.id}/pdf?version=nul`)).statusCode).toBe(400);
    // The mentor of the class reads the plan; another school's OCO does not see it.
    expect((await (await signIn(t.app, mentor)).get(`/api/opps/${plan.id}/pdf`)).statusCode).toBe(200);
    expect((await (await signIn(t.app, otherOco)).get(`/api/opps/${plan.id}/pdf`)).statusCode).toBe(404);

    const audits = await t.sql<{ n: number }[]>`
      select count(*)::int as n from audit_log where action = 'opp.pdf' and entity_id = ${plan.id} and pupil_id = ${pupil.id} and actor_user_id = ${oco.id}`;
    expect(audits[0]!.n).toBe(2);
  });

  it('marks a draft as such', async () => {
    const pupil = await pupilIn(school.id);
    const plan = await opp({ pupilId: pupil.id, status: 'draft', kind: 'light', versions: [{ status: 'draft' }] });
    const text = await pdfText((await ocoC.get(`/api/opps/${plan.id}/pdf`)).rawPayload);
    expect(text).toContain('OPP light');
    expect(text).toContain('Concept');
    expect(text).toContain('Nog geen reactie vastgelegd');
  });
});

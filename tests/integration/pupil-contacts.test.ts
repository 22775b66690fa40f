import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { signIn, type Client } from '../helpers/client.ts';
import * as f from '../helpers/factories.ts';

let t: TestApp;
let p: { id: string };
let schoolId: string;
let classId: string;
let mentor: Client;
let oco: Client;
beforeAll(async () => {
  t = await createTestApp();
  p = await f.partnership(t.sql);
  schoolId = (await f.school(t.sql, p.id, (await f.board(t.sql, p.id)).id)).id;
  const mentorUser = await f.user(t.sql, p.id, { roles: [{ role: 'mentor', schoolId }] });
  classId = (await f.klass(t.sql, p.id, schoolId, [{ userId: mentorUser.id }])).id;
  mentor = await signIn(t.app, mentorUser);
  oco = await signIn(t.app, await f.user(t.sql, p.id, { roles: [{ role: 'oco', schoolId }] }));
});
afterAll(() => t.close());

const newPupil = () => f.pupil(t.sql, p.id, schoolId, classId);
const mother = { name: 'Anna de Vries', relation: 'moeder', parentalAuthority: true, email: 'Anna@Voorbeeld.nl', phone: '06 12345678' };
const stepfather = { name: 'Rob Jansen', relation: 'verzorger', parentalAuthority: false, email: 'rob@voorbeeld.nl', phone: '' };
const stored = (pupilId: string) => t.sql`select name, relation, parental_authority, email, phone, source, position from pupil_contacts where pupil_id = ${pupilId} order by position`;

describe('parents in the dossier', () => {
  it('the OCO enters the parents once; the mentor reads them (an audited read) but cannot change them', async () => {
    const { id } = await newPupil();
    expect((await oco.put(`/api/pupils/${id}/contacts`, { contacts: [mother, stepfather] })).statusCode).toBe(200);
    const read = await mentor.get(`/api/pupils/${id}/contacts`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({
      contacts: [{ ...mother, email: 'anna@voorbeeld.nl', source: 'manual' }, { ...stepfather, source: 'manual' }],
      allowed: { manage: false },
    });
    const [audit] = await t.sql`select count(*)::int as n from audit_log where action = 'pupil.contacts_read' and pupil_id = ${id}`;
    expect(audit!.n).toBe(1);
    const before = await stored(id);
    expect((await mentor.put(`/api/pupils/${id}/contacts`, { contacts: [] })).statusCode).toBe(403);
    expect(await stored(id)).toEqual(before);
  });

  it('saves the list as shown: a change, a removal and a new parent in one go, in the order given', async () => {
    const { id } = await newPupil();
    await oco.put(`/api/pupils/${id}/contacts`, { contacts: [mother, stepfather] });
    const [first] = (await oco.get(`/api/pupils/${id}/contacts`)).json().contacts as { id: string }[];
    const father = { name: 'Karel de Vries', relation: 'vader', parentalAuthority: true, email: 'karel@voorbeeld.nl' };
    expect((await oco.put(`/api/pupils/${id}/contacts`, { contacts: [father, { ...mother, id: first!.id, phone: '' }] })).statusCode).toBe(200);
    expect(await stored(id)).toEqual([
      { name: 'Karel de Vries', relation: 'vader', parental_authority: true, email: 'karel@voorbeeld.nl', phone: '', source: 'manual', position: 0 },
      { name: 'Anna de Vries', relation: 'moeder', parental_authority: true, email: 'anna@voorbeeld.nl', phone: '', source: 'manual', position: 1 },
    ]);
  });

  it('refuses a bad address or a contact of another pupil with a clear error, and changes nothing', async () => {
    const { id } = await newPupil();
    const other = await newPupil();
    await oco.put(`/api/pupils/${other.id}/contacts`, { contacts: [mother] });
    const [foreign] = (await oco.get(`/api/pupils/${other.id}/contacts`)).json().contacts as { id: string }[];
    await oco.put(`/api/pupils/${id}/contacts`, { contacts: [stepfather] });
    const before = await stored(id);

    const bad = await oco.put(`/api/pupils/${id}/contacts`, { contacts: [{ ...mother, email: 'anna@' }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual([expect.objectContaining({ path: 'contacts.0.email', message: expect.stringContaining('geldig e-mailadres') })]);
    const stolen = await oco.put(`/api/pupils/${id}/contacts`, { contacts: [{ ...mother, id: foreign!.id }] });
    expect(stolen.statusCode).toBe(400);
    expect(await stored(id)).toEqual(before);
    expect(await stored(other.id)).toHaveLength(1);
  });
});

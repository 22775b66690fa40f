import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { signIn, type Client } from '../helpers/client.ts';
import * as f from '../helpers/factories.ts';

let t: TestApp;
let p: { id: string };
let boardId: string;
let admin: Client;
beforeAll(async () => {
  t = await createTestApp();
  p = await f.partnership(t.sql);
  boardId = (await f.board(t.sql, p.id)).id;
  admin = await signIn(t.app, await f.user(t.sql, p.id, { roles: [{ role: 'swv_admin', schoolId: null }] }));
});
afterAll(() => t.close());

describe('schools', () => {
  it('creates a vso school with a cluster, shows it in the list and in detail with allowed actions', async () => {
    const brin = f.nextBrin();
    const res = await admin.post('/api/schools', { boardId, name: 'De Twijn', brin: brin.toLowerCase(), kind: 'vso', levels: ['vso-arbeid'], cluster: 4 });
    expect(res.statusCode).toBe(200);
    const { id } = res.json();
    const list = (await admin.get('/api/schools?kind=vso')).json();
    expect(list.schools.map((s: { id: string }) => s.id)).toContain(id);
    const detail = (await admin.get(`/api/schools/${id}`)).json();
    expect(detail).toMatchObject({ name: 'De Twijn', brin, kind: 'vso', cluster: 4, allowed: { update: true, manageLocations: true } });
  });

  it('names the field for a bad BRIN, a duplicate BRIN and a cluster on a regular school', async () => {
    const brin = f.nextBrin();
    expect((await admin.post('/api/schools', { boardId, name: 'X', brin: '1234', kind: 'vo' })).json().error.fields.map((e: { path: string }) => e.path)).toEqual(['name', 'brin']);
    expect((await admin.post('/api/schools', { boardId, name: 'Eerste', brin, kind: 'vo' })).statusCode).toBe(200);
    const dup = await admin.post('/api/schools', { boardId, name: 'Tweede', brin, kind: 'vo' });
    expect(dup.json().error.fields).toEqual([{ path: 'brin', message: 'Er is al een school met deze BRIN-code.' }]);
    const cluster = await admin.post('/api/schools', { boardId, name: 'Derde', brin: f.nextBrin(), kind: 'vo', cluster: 2 });
    expect(cluster.json().error.fields[0].path).toBe('cluster');
  });

  it('edits a school and keeps the cluster rule when only the kind changes', async () => {
    const { id } = (await admin.post('/api/schools', { boardId, name: 'Speciaal', brin: f.nextBrin(), kind: 'so', cluster: 3 })).json();
    expect((await admin.patch(`/api/schools/${id}`, { kind: 'vo' })).json().error.fields[0].path).toBe('cluster');
    expect((await admin.patch(`/api/schools/${id}`, { kind: 'vo', cluster: null, name: 'Regulier' })).statusCode).toBe(200);
    expect((await admin.get(`/api/schools/${id}`)).json()).toMatchObject({ kind: 'vo', cluster: null, name: 'Regulier' });
  });

  it('leaves out of a change what the change does not name', async () => {
    const { id } = (await admin.post('/api/schools', { boardId, name: 'Oud', brin: f.nextBrin(), kind: 'vo', levels: ['havo', 'vwo'] })).json();
    expect((await admin.patch(`/api/schools/${id}`, { name: 'Nieuw' })).statusCode).toBe(200);
    expect((await admin.get(`/api/schools/${id}`)).json()).toMatchObject({ name: 'Nieuw', levels: ['havo', 'vwo'] });
  });

  it('adds, edits and removes a location; a bad postcode is refused', async () => {
    const { id } = (await admin.post('/api/schools', { boardId, name: 'Met locaties', brin: f.nextBrin(), kind: 'vo' })).json();
    expect((await admin.post(`/api/schools/${id}/locations`, { name: 'Dependance', postcode: '123' })).json().error.fields[0].path).toBe('postcode');
    const loc = (await admin.post(`/api/schools/${id}/locations`, { name: 'Dependance', street: 'Kerkstraat 1', postcode: '8011ab', city: 'Zwolle' })).json();
    expect((await admin.get(`/api/schools/${id}`)).json().locations).toEqual([{ id: loc.id, name: 'Dependance', street: 'Kerkstraat 1', postcode: '8011AB', city: 'Zwolle' }]);
    expect((await admin.delete(`/api/schools/${id}/locations/${loc.id}`)).statusCode).toBe(200);
    expect((await admin.get(`/api/schools/${id}`)).json().locations).toEqual([]);
  });
});

describe('boards', () => {
  it('creates and renames a board; a duplicate number is a field error', async () => {
    const res = await admin.post('/api/boards', { name: 'Stichting Veluwe', boardNumber: '41234' });
    expect(res.statusCode).toBe(200);
    expect((await admin.post('/api/boards', { name: 'Andere', boardNumber: '41234' })).json().error.fields[0].path).toBe('boardNumber');
    expect((await admin.patch(`/api/boards/${res.json().id}`, { name: 'Stichting Veluwe-Oost' })).statusCode).toBe(200);
    const boards = (await admin.get('/api/boards')).json().boards;
    expect(boards.find((b: { id: string }) => b.id === res.json().id)).toMatchObject({ name: 'Stichting Veluwe-Oost', boardNumber: '41234', schoolCount: 0 });
  });
});

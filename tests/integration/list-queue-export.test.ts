import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, today } from '../../src/platform/time.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import * as f from '../helpers/factories.ts';
import { clients, requestWorld, type RequestWorld } from './request-fixtures.ts';

/**
 * The request work list as people scan it: a name search, sorting on its
 * columns, and the export of every row the reader may see. A consultant who
 * does not hold a request sees initials and birth year; search and sort use
 * only that, so a search cannot reveal a name the reader may not see.
 */
let t: TestApp;
let w: RequestWorld;
let as: ReturnType<typeof clients>;
const ids: Record<string, string> = {};

async function requestFor(first: string, last: string, o: { assignedTo?: string; dueIn: number; schoolId?: string }) {
  const pupil = await f.pupil(t.sql, w.partnershipId, o.schoolId ?? w.schoolId, null, { first_name: first, lastName: last, birth_date: '2014-06-01' });
  const r = await f.request(t.sql, {
    partnership_id: w.partnershipId, school_id: o.schoolId ?? w.schoolId, pupil_id: pupil.id, status: 'in_review', question: 'Vraag', submitted_at: new Date(Date.now() - 3 * 86_400_000),
    decision_due_on: addDays(today(), o.dueIn), assigned_to: o.assignedTo ?? null, created_by: w.users.oco.id,
  });
  return r.id;
}

beforeAll(async () => {
  t = await createTestApp();
  w = await requestWorld(t.sql);
  as = clients(t.app, w);
  ids.anna = await requestFor('Anna', 'Zoekmans', { assignedTo: w.users.consultant.id, dueIn: 20 });
  ids.bram = await requestFor('Bram', 'Achterberg', { assignedTo: w.users.consultant.id, dueIn: 10 });
  // Held by the other consultant: the first consultant sees 'C.G. (2014)'.
  ids.cas = await requestFor('Cas', 'Geheimhouder', { assignedTo: w.users.consultant2.id, dueIn: 30 });
  // At the other school: not on the list of the first school's OCO at all.
  ids.dirk = await requestFor('Dirk', 'Elders', { assignedTo: w.users.consultant.id, dueIn: 40, schoolId: w.otherSchoolId });
});
afterAll(() => t.close());

type Row = { id: string; pupilLabel: string | null; held: boolean };
const list = async (who: Parameters<typeof as>[0], query: string): Promise<Row[]> => {
  const res = await (await as(who)).get(`/api/requests?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().rows;
};

describe('name search', () => {
  it('finds a pupil by a part of the name the reader sees, whatever the case', async () => {
    expect((await list('consultant', 'q=zoekm')).map((r) => r.id)).toEqual([ids.anna]);
    expect((await list('oco', 'q=ACHTER')).map((r) => [r.id, r.pupilLabel])).toEqual([[ids.bram, 'Bram Achterberg']]);
  });

  it('cannot reveal a name the reader may not see: the hidden name finds nothing, the initials do', async () => {
    const byName = await list('consultant', 'q=Geheimhouder');
    expect(byName).toEqual([]);
    expect(await list('consultant', 'q=Cas')).toEqual([]);
    const byInitials = await list('consultant', `q=${encodeURIComponent('C.G.')}`);
    expect(byInitials.map((r) => [r.id, r.pupilLabel, r.held])).toEqual([[ids.cas, 'C.G. (2014)', false]]);
    // The consultant who holds it finds it by name.
    expect((await list('consultant2', 'q=Geheimhouder')).map((r) => r.id)).toEqual([ids.cas]);
  });

  it('takes % and _ literally and refuses a search longer than 100 characters in Dutch', async () => {
    expect(await list('consultant', 'q=%25')).toEqual([]);
    const res = await (await as('consultant')).get(`/api/requests?q=${'a'.repeat(101)}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].message).toBe('Zoek met hoogstens 100 tekens.');
  });
});

describe('sorting', () => {
  it('sorts by the pupil as shown: the hidden name does not decide the order', async () => {
    // Shown to the first consultant: 'Anna Zoekmans', 'Bram Achterberg', 'C.G. (2014)', 'Dirk Elders'.
    const asc = (await list('consultant', 'sort=pupil&dir=asc')).map((r) => r.id);
    expect(asc).toEqual([ids.anna, ids.bram, ids.cas, ids.dirk]);
    const desc = (await list('consultant', 'sort=pupil&dir=desc')).map((r) => r.id);
    expect(desc).toEqual([ids.dirk, ids.cas, ids.bram, ids.anna]);
  });

  it('sorts by school, status, consultant and the clock', async () => {
    expect((await list('consultant', 'sort=target&dir=asc')).map((r) => r.id)).toEqual([ids.bram, ids.anna, ids.cas, ids.dirk]);
    const byConsultant = (await list('consultant', 'sort=consultant&dir=asc')).map((r) => r.id);
    expect(byConsultant).toHaveLength(4);
    for (const sort of ['school', 'status']) expect(await list('consultant', `sort=${sort}&dir=desc`)).toHaveLength(4);
    expect((await (await as('consultant')).get('/api/requests?sort=naam')).json().error.fields[0].message).toBe('Kies een bestaande sortering.');
  });
});

describe('export', () => {
  const auditRows = async (userId: string) =>
    t.sql<{ action: string; pupilId: string | null; details: Record<string, unknown> }[]>`
      select action, pupil_id as "pupilId", details from audit_log where actor_user_id = ${userId} and action in ('list.export', 'request.list_export') order by action`;

  it('writes a CSV of every row the reader sees with the filter: BOM, semicolons, dd-mm-jjjj, initials where the name is hidden', async () => {
    const res = await (await as('consultant')).get('/api/requests/export?format=csv&sort=pupil&dir=asc');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="aanvragen-\d{4}-\d{2}-\d{2}\.csv"/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = res.body.replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).toBe('Soort;Leerling;School;Status;Ingediend op;Dagen sinds indienen;Streefdatum;Dagen tot de streefdatum;Wacht op de school;Consulent');
    expect(lines.slice(1).map((l) => l.split(';')[1])).toEqual(['Anna Zoekmans', 'Bram Achterberg', 'C.G. (2014)', 'Dirk Elders']);
    expect(res.body).not.toContain('Geheimhouder');
    const due = addDays(today(), 20);
    expect(lines[1]).toContain(`;${due.slice(8)}-${due.slice(5, 7)}-${due.slice(0, 4)};20;`);
  });

  it('exports only what the scope allows: the school sees its own school, searched', async () => {
    const res = await (await as('oco')).get('/api/requests/export?format=csv&q=e');
    const names = res.body.replace(/^\uFEFF/, '').trim().split('\n').slice(1).map((l) => l.split(';')[1]);
    // Every request of the school with an 'e' in the name; the OCO holds them all, so sees every name.
    expect(names.sort()).toEqual(['Anna Zoekmans', 'Bram Achterberg', 'Cas Geheimhouder']);
    expect(names).not.toContain('Dirk Elders');
  });

  it('writes an Excel file with the same rows, days as dates', async () => {
    const res = await (await as('consultant')).get('/api/requests/export?format=xlsx&sort=pupil&dir=asc');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Aanvragen')!;
    expect(sheet.getRow(1).getCell(2).value).toBe('Leerling');
    expect([2, 3, 4, 5].map((n) => sheet.getRow(n).getCell(2).value)).toEqual(['Anna Zoekmans', 'Bram Achterberg', 'C.G. (2014)', 'Dirk Elders']);
    const due = sheet.getRow(2).getCell(7);
    expect(due.value).toBeInstanceOf(Date);
    expect((due.value as Date).toISOString().slice(0, 10)).toBe(addDays(today(), 20));
    expect(due.numFmt).toBe('dd-mm-yyyy');
  });

  it('is audited: one row for the export naming the list and the count, one per pupil in it', async () => {
    const before = (await auditRows(w.users.consultant2.id)).length;
    const res = await (await as('consultant2')).get('/api/requests/export?format=xlsx&q=ge');
    expect(res.statusCode).toBe(200);
    const rows = (await auditRows(w.users.consultant2.id)).slice(before);
    const summary = rows.filter((r) => r.action === 'list.export');
    expect(summary).toEqual([{ action: 'list.export', pupilId: null, details: { list: 'requests', count: 1, format: 'xlsx' } }]);
    expect(rows.filter((r) => r.action === 'request.list_export').map((r) => r.details)).toEqual([{ list: 'requests', format: 'xlsx', named: true }]);
  });

  it('refuses an unknown format in Dutch, and a reader without the list', async () => {
    const res = await (await as('consultant')).get('/api/requests/export?format=pdf');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].message).toBe('Kies CSV of Excel (xlsx).');
    expect((await (await as('mentor')).get('/api/requests/export?format=csv')).statusCode).toBe(403);
  });
});

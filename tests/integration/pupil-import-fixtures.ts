import { expect } from 'vitest';
import { toEdexml, type EdexmlGroup, type EdexmlPupil } from '../../src/features/pupil-import/edexml.ts';
import { schoolYearOf } from '../../src/platform/time.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { signIn, type Client } from '../helpers/client.ts';
import * as f from '../helpers/factories.ts';

/** The pupil-import test files' shared kit: one app and partnership per file (each file runs in its own module instance). */
export const YEAR = schoolYearOf(new Date());

export let t: TestApp;
export let partnershipId: string;
let boardId: string;
/** Every response body of the file, checked for BSNs at the end. */
export const bodies: string[] = [];

export async function setUp() {
  t = await createTestApp();
  const p = await f.partnership(t.sql);
  partnershipId = p.id;
  boardId = (await f.board(t.sql, p.id)).id;
}
export async function tearDown() {
  await t?.close();
}

/** A fresh school with an OCO signed in (imports of one test never meet another's). */
export async function freshSchool() {
  const school = await f.school(t.sql, partnershipId, boardId);
  const user = await f.user(t.sql, partnershipId, { roles: [{ role: 'oco', schoolId: school.id }] });
  const oco = await signIn(t.app, user);
  return { schoolId: school.id, client: oco, userId: user.id };
}

export async function call(c: Client, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) {
  const res = await c.request(method, url, body);
  bodies.push(res.body);
  return res;
}

/** A multipart upload as a browser sends it: the format field first, then the file. */
export async function upload(
  c: Client,
  schoolId: string,
  content: Buffer | string,
  format: 'edexml' | 'csv',
  filename = format === 'csv' ? 'export.csv' : 'export.xml',
  fields: Record<string, string> = {},
) {
  const fd = new FormData();
  fd.append('format', format);
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  fd.append('file', new Blob([new Uint8Array(Buffer.from(content))]), filename);
  const r = new Response(fd);
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/schools/${schoolId}/imports`,
    headers: { cookie: c.cookie!, 'x-csrf-token': c.csrf!, 'content-type': r.headers.get('content-type')! },
    payload: Buffer.from(await r.arrayBuffer()),
  });
  bodies.push(res.body);
  return res;
}

/** Polls the job until the background work is done (bounded: 30 s). */
export async function settled(c: Client, id: string) {
  for (let i = 0; i < 300; i++) {
    const res = await call(c, 'GET', `/api/imports/${id}`);
    expect(res.statusCode).toBe(200);
    const job = res.json();
    if (!['queued', 'parsing'].includes(job.status)) return job;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('import did not finish');
}

export async function importFile(c: Client, schoolId: string, content: Buffer | string, format: 'edexml' | 'csv' = 'edexml', fields: Record<string, string> = {}) {
  const res = await upload(c, schoolId, content, format, undefined, fields);
  expect(res.statusCode, res.body).toBe(200);
  return settled(c, res.json().id);
}

/** Asks to apply; when accepted, waits for the background job (bounded: 30 s), as the page does. */
export async function apply(c: Client, id: string, body: { confirmLeavers?: number } = {}) {
  const res = await call(c, 'POST', `/api/imports/${id}/apply`, body);
  if (res.statusCode === 200) {
    for (let i = 0; i < 300 && (await t.sql`select 1 from import_jobs where id = ${id} and status = 'applying'`).length; i++) await new Promise((r) => setTimeout(r, 100));
  }
  return res;
}

export const statusOf = async (c: Client, id: string) => (await call(c, 'GET', `/api/imports/${id}`)).json();

/** Everything an import can change at a school, for "nothing changed" checks. */
export async function snapshot(schoolId: string) {
  const pupils = await t.sql`select id, student_number, first_name, name_prefix, last_name, birth_date, eck_id, bsn, source_key from pupils where school_id = ${schoolId} order by id`;
  const enrolments = await t.sql`select e.id, e.pupil_id, e.class_id, e.level, e.start_date, e.end_date from enrolments e where e.school_id = ${schoolId} order by e.id`;
  const classes = await t.sql`select id, name, school_year, level, year_group from classes where school_id = ${schoolId} order by id`;
  return { pupils, enrolments, classes };
}

export async function placement(schoolId: string) {
  return t.sql<{ studentNumber: string; className: string | null; endDate: string | null; level: string | null }[]>`
    select p.student_number as "studentNumber", c.name as "className", e.end_date as "endDate", e.level
    from pupils p join enrolments e on e.pupil_id = p.id left join classes c on c.id = e.class_id
    where p.school_id = ${schoolId} order by p.student_number, e.start_date, e.created_at`;
}

export const group = (key: string, name: string, jaargroep = '12'): EdexmlGroup => ({ key, name, jaargroep });
export const pupil = (key: string, groupKey: string | null, o: Partial<EdexmlPupil> = {}): EdexmlPupil => ({
  key, firstName: `Kind ${key}`, lastName: 'Visser', birthDate: '2013-04-05', groupKey, ...o,
});
export const edexml = (groups: EdexmlGroup[], pupils: EdexmlPupil[]) => toEdexml({ schoolYear: YEAR, groups, pupils });


import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toEdexml } from '../../src/features/pupil-import/edexml.ts';
import { today } from '../../src/platform/time.ts';
import * as f from '../helpers/factories.ts';
import { apply, call, freshSchool, importFile, partnershipId, pupil, setUp, snapshot, statusOf, t, tearDown, upload, YEAR } from './pupil-import-fixtures.ts';

/**
 * Applying runs as a background job; an import that would end many
 * enrolments needs the number confirmed; leavers leave on the export's date.
 */
beforeAll(setUp);
afterAll(tearDown);

const daysAgo = (n: number) => today(new Date(Date.now() - n * 86_400_000));

/** A school with `n` enrolled pupils (numbers 1..n) since long ago, as an earlier import would leave them. */
async function schoolWith(n: number) {
  const s = await freshSchool();
  for (let i = 1; i <= n; i++) {
    const p = await f.rows.pupil(t.sql, {
      partnership_id: partnershipId, school_id: s.schoolId, student_number: String(i), source_key: String(i), first_name: `Kind ${i}`, last_name: 'Visser', birth_date: '2013-04-05',
    });
    await f.enrolment(t.sql, { partnership_id: partnershipId, pupil_id: p.id, school_id: s.schoolId, start_date: '2020-08-17' });
  }
  return s;
}

const endDates = (schoolId: string) =>
  t.sql<{ n: string; end: string | null }[]>`
    select p.student_number as n, e.end_date as end from pupils p join enrolments e on e.pupil_id = p.id
    where p.school_id = ${schoolId} order by p.student_number::int, e.start_date`;

const keep = (...numbers: number[]) => numbers.map((n) => pupil(String(n), null));

describe('many leavers', () => {
  it('asks to confirm the number of leavers when an import would end more than a quarter of the enrolments, and refuses without it', async () => {
    const { schoolId, client, userId } = await schoolWith(4);
    // A partial export: one pupil of four.
    const job = await importFile(client, schoolId, toEdexml({ schoolYear: YEAR, groups: [], pupils: keep(1) }));
    expect(job.preview).toMatchObject({ enrolled: 4, leaversNeedConfirmation: true, counts: { leavers: 3 } });
    const before = await snapshot(schoolId);
    for (const body of [{}, { confirmLeavers: 2 }, { confirmLeavers: 4 }]) {
      const res = await apply(client, job.id, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'CONFIRMATION_REQUIRED', message: expect.stringContaining('Deze import meldt 3 van de 4 leerlingen af. Klopt dat?') });
    }
    expect(await snapshot(schoolId)).toEqual(before);
    expect((await statusOf(client, job.id)).status).toBe('ready');

    expect((await apply(client, job.id, { confirmLeavers: 3 })).statusCode).toBe(200);
    // Done by the background job, which counted its progress in changes.
    expect(await statusOf(client, job.id)).toMatchObject({ status: 'applied', progress: 3, total: 3 });
    const jobs = await t.sql.unsafe(`select state from ${t.jobsSchema}.job where name = 'pupil-import.apply' and data->>'jobId' = $1`, [job.id]);
    expect(jobs).toEqual([{ state: 'completed' }]);
    expect((await endDates(schoolId)).filter((r) => r.end !== null)).toHaveLength(3);
    const [request] = await t.sql<{ details: Record<string, unknown> }[]>`
      select details from audit_log where actor_user_id = ${userId} and action = 'pupil_import.apply_request' and entity_id = ${job.id}`;
    expect(request!.details).toEqual({ leavers: 3, confirmedLeavers: 3 });
  });

  it('does not ask for an ordinary number of leavers (a quarter or less)', async () => {
    const { schoolId, client } = await schoolWith(4);
    const job = await importFile(client, schoolId, toEdexml({ schoolYear: YEAR, groups: [], pupils: keep(1, 2, 3) }));
    expect(job.preview).toMatchObject({ enrolled: 4, leaversNeedConfirmation: false, counts: { leavers: 1 } });
    expect((await apply(client, job.id)).statusCode).toBe(200);
    expect((await statusOf(client, job.id)).status).toBe('applied');
  });
});

describe('a failing apply', () => {
  it('changes nothing and says so when the job breaks halfway', async () => {
    const { schoolId, client } = await schoolWith(0);
    const job = await importFile(client, schoolId, toEdexml({ schoolYear: YEAR, groups: [{ key: 'g', name: '1A', jaargroep: '11' }], pupils: [pupil('1', 'g')] }));
    // The classes go in first; then a pupil the database refuses (as a bug or a broken row would).
    await t.sql`update import_jobs set records = jsonb_set(records, '{records,0,birthDate}', '"geen datum"') where id = ${job.id}`;
    const before = await snapshot(schoolId);
    expect((await apply(client, job.id)).statusCode).toBe(200);
    const after = await statusOf(client, job.id);
    expect(after.status).toBe('failed');
    expect(after.applyError).toContain('er is niets veranderd');
    expect(await snapshot(schoolId)).toEqual(before);
  });
});

describe("the export's date", () => {
  it('ends leavers on the EDEXML peildatum, or on the day the file says they left, not on the day of applying', async () => {
    const { schoolId, client } = await schoolWith(5);
    const peildatum = daysAgo(20);
    const left = daysAgo(30);
    const xml = toEdexml({ schoolYear: YEAR, referenceDay: peildatum, groups: [], pupils: [...keep(1, 2, 3), { ...pupil('4', null), leftOn: left }] });
    const job = await importFile(client, schoolId, xml);
    expect(job.preview).toMatchObject({ referenceDate: peildatum, counts: { leavers: 2 } });
    expect((await apply(client, job.id, { confirmLeavers: 2 })).statusCode).toBe(200);
    expect(await endDates(schoolId)).toEqual([
      { n: '1', end: null },
      { n: '2', end: null },
      { n: '3', end: null },
      { n: '4', end: left },
      { n: '5', end: peildatum },
    ]);
  });

  it('takes a CSV export date from the upload, refuses one in the future, and uses today when none is given', async () => {
    const { schoolId, client } = await schoolWith(5);
    const mapping = { studentNumber: 'Leerlingnummer', firstName: 'Roepnaam', lastName: 'Achternaam', birthDate: 'Geboortedatum', key: 'Leerlingnummer' };
    expect((await call(client, 'PUT', `/api/schools/${schoolId}/import-mapping`, mapping)).statusCode).toBe(200);
    const csv = 'Leerlingnummer;Roepnaam;Achternaam;Geboortedatum\n' + [1, 2, 3, 4].map((n) => `${n};Kind ${n};Visser;05-04-2013`).join('\n') + '\n';
    const future = await upload(client, schoolId, csv, 'csv', 'export.csv', { referenceDate: daysAgo(-2) });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.fields).toEqual([expect.objectContaining({ path: 'referenceDate' })]);

    const exported = daysAgo(9);
    const job = await importFile(client, schoolId, csv, 'csv', { referenceDate: exported });
    expect(job.preview).toMatchObject({ referenceDate: exported, counts: { leavers: 1 } });
    expect((await apply(client, job.id)).statusCode).toBe(200);
    expect((await endDates(schoolId)).find((r) => r.n === '5')!.end).toBe(exported);

    const plain = await importFile(client, schoolId, csv, 'csv');
    expect(plain.preview.referenceDate).toBe(today());
  });
});

describe('parents from the export', () => {
  const mapping = {
    studentNumber: 'Leerlingnummer', firstName: 'Roepnaam', lastName: 'Achternaam', birthDate: 'Geboortedatum', key: 'Leerlingnummer',
    parent1Name: 'Verantwoordelijke 1', parent1Email: 'E-mail 1', parent1Authority: 'Gezag 1', parent2Name: 'Verantwoordelijke 2', parent2Email: 'E-mail 2',
  };
  const header = 'Leerlingnummer;Roepnaam;Achternaam;Geboortedatum;Verantwoordelijke 1;E-mail 1;Gezag 1;Verantwoordelijke 2;E-mail 2\n';
  const contacts = (schoolId: string) =>
    t.sql<{ n: string; name: string; email: string; gezag: boolean; source: string }[]>`
      select p.student_number as n, c.name, c.email, c.parental_authority as gezag, c.source from pupil_contacts c join pupils p on p.id = c.pupil_id
      where p.school_id = ${schoolId} order by p.student_number, c.position`;

  it('takes the parents where the export carries them, replaces them at the next import, and keeps those the school entered by hand', async () => {
    const { schoolId, client } = await schoolWith(2);
    expect((await call(client, 'PUT', `/api/schools/${schoolId}/import-mapping`, mapping)).statusCode).toBe(200);
    const first = header + '1;Kind 1;Visser;05-04-2013;A. Visser;A.Visser@Voorbeeld.nl;ja;J. Visser;j.visser@voorbeeld.nl\n2;Kind 2;Visser;05-04-2013;B. Bakker;b@voorbeeld.nl;nee;;\n';
    expect((await apply(client, (await importFile(client, schoolId, first, 'csv')).id)).statusCode).toBe(200);
    expect(await contacts(schoolId)).toEqual([
      { n: '1', name: 'A. Visser', email: 'a.visser@voorbeeld.nl', gezag: true, source: 'import' },
      // No gezag column for the second parent: the export's responsible parents hold authority.
      { n: '1', name: 'J. Visser', email: 'j.visser@voorbeeld.nl', gezag: true, source: 'import' },
      { n: '2', name: 'B. Bakker', email: 'b@voorbeeld.nl', gezag: false, source: 'import' },
    ]);

    // The school corrects pupil 2's parent by hand; the next export has a new address for pupil 1's second parent.
    const [p2] = await t.sql<{ id: string }[]>`select id from pupils where school_id = ${schoolId} and student_number = '2'`;
    await call(client, 'PUT', `/api/pupils/${p2!.id}/contacts`, { contacts: [{ name: 'B. Bakker', relation: 'moeder', parentalAuthority: true, email: 'b@voorbeeld.nl' }] });
    const second = header + '1;Kind 1;Visser;05-04-2013;A. Visser;a.visser@voorbeeld.nl;ja;J. Visser;jan@voorbeeld.nl\n2;Kind 2;Visser;05-04-2013;B. Bakker;b@voorbeeld.nl;nee;;\n';
    expect((await apply(client, (await importFile(client, schoolId, second, 'csv')).id)).statusCode).toBe(200);
    expect(await contacts(schoolId)).toEqual([
      { n: '1', name: 'A. Visser', email: 'a.visser@voorbeeld.nl', gezag: true, source: 'import' },
      { n: '1', name: 'J. Visser', email: 'jan@voorbeeld.nl', gezag: true, source: 'import' },
      { n: '2', name: 'B. Bakker', email: 'b@voorbeeld.nl', gezag: true, source: 'manual' },
    ]);
  });

  it('refuses a file with a parent address that is not one, naming the line and column', async () => {
    const { schoolId, client } = await schoolWith(1);
    await call(client, 'PUT', `/api/schools/${schoolId}/import-mapping`, mapping);
    const job = await importFile(client, schoolId, header + '1;Kind 1;Visser;05-04-2013;A. Visser;a.visser-at-voorbeeld;ja;;\n', 'csv');
    expect(job.status).toBe('failed');
    expect(job.errors).toEqual([expect.objectContaining({ line: 2, element: 'E-mail 1', message: expect.stringContaining('geen e-mailadres') })]);
    expect(await contacts(schoolId)).toEqual([]);
  });
});

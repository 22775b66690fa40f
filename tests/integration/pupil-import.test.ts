import fc from 'fast-check';
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expireStaleImports } from '../../src/features/pupil-import/commands.ts';
import {
  apply, bodies, call, edexml, freshSchool, group, importFile, partnershipId, placement, pupil, settled, setUp, snapshot, statusOf, t, tearDown, upload, YEAR,
} from './pupil-import-fixtures.ts';
import * as f from '../helpers/factories.ts';

const EXAMPLE = fs.readFileSync(new URL('../../../shared/standards/edexml-2.1/EDEXML.Voorbeeld.2.1.xml', import.meta.url));
/** Every BSN any test puts in a file: none may ever leave the server. */
const BSNS = ['133456785', '123456782', '111222333', '012345678'];

beforeAll(setUp);
afterAll(tearDown);

describe('EDEXML import', () => {
  it('imports the official EDEXML 2.1 example exactly', async () => {
    const { schoolId, client } = await freshSchool();
    const job = await importFile(client, schoolId, EXAMPLE);
    expect(job.status).toBe('ready');
    expect(job.errors).toEqual([]);
    expect(job.preview.counts).toEqual({ newPupils: 1, classChanges: 0, leavers: 0, updated: 0, unchanged: 0, skipped: 1, newClasses: 5 });
    expect(job.preview.newPupils).toEqual([{ pupilId: null, studentNumber: '00001', name: 'Wimpie', className: '4B' }]);
    // 00002 (Assati) has no birth date: listed, not created. 12345 (van 't Hof) left on 2014-07-18, before the peildatum.
    expect(job.preview.warnings).toEqual([expect.objectContaining({ element: '00002', message: expect.stringContaining('geboortedatum') })]);
    expect(job.preview.newClasses).toEqual(['Kabouters', 'Muizen', 'Vlinders', '4A', '4B']);
    expect(job.allowed).toEqual({ apply: true, cancel: true });

    const res = await apply(client, job.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(await statusOf(client, job.id)).toMatchObject({ status: 'applied', applyError: null });

    const pupils = await t.sql`select student_number, source_key, first_name, name_prefix, last_name, birth_date, eck_id, bsn from pupils where school_id = ${schoolId}`;
    expect(pupils).toEqual([
      {
        student_number: '00001', source_key: '00001', first_name: 'Wimpie', name_prefix: '', last_name: '', birth_date: '2006-06-21',
        eck_id: 'https://id.school/LL_123467890abcdefghijklmnopqrstuvwxzABCDEFGHIJKLMNOPQRSTUVWXYZ!@#$%^_-', bsn: null,
      },
    ]);
    const classes = await t.sql`select name, school_year, year_group, level from classes where school_id = ${schoolId} order by name`;
    expect(classes).toEqual([
      { name: '4A', school_year: YEAR, year_group: 4, level: null },
      { name: '4B', school_year: YEAR, year_group: 4, level: null },
      { name: 'Kabouters', school_year: YEAR, year_group: 0, level: null },
      { name: 'Muizen', school_year: YEAR, year_group: 1, level: null },
      { name: 'Vlinders', school_year: YEAR, year_group: 1, level: null },
    ]);
    expect(await placement(schoolId)).toEqual([{ studentNumber: '00001', className: '4B', endDate: null, level: null }]);

    // The same file again: a preview with nothing to do, and applying it changes nothing.
    const before = await snapshot(schoolId);
    const again = await importFile(client, schoolId, EXAMPLE);
    expect(again.preview.counts).toEqual({ newPupils: 0, classChanges: 0, leavers: 0, updated: 0, unchanged: 1, skipped: 1, newClasses: 0 });
    expect((await apply(client, again.id)).statusCode).toBe(200);
    expect(await snapshot(schoolId)).toEqual(before);
    expect((await apply(client, again.id)).statusCode).toBe(409);
  });

  it('previews and applies a changed class and a leaver, in one transaction', async () => {
    const { schoolId, client } = await freshSchool();
    const groups = [group('g1', '1A', '11'), group('g2', '1B', '11')];
    const first = await importFile(client, schoolId, edexml(groups, [pupil('100', 'g1'), pupil('101', 'g1'), pupil('102', 'g2')]));
    expect(first.preview.counts.newPupils).toBe(3);
    expect((await apply(client, first.id)).statusCode).toBe(200);

    const second = await importFile(client, schoolId, edexml(groups, [pupil('100', 'g2'), pupil('101', 'g1')]));
    expect(second.preview.counts).toMatchObject({ newPupils: 0, classChanges: 1, leavers: 1, updated: 0, unchanged: 1 });
    expect(second.preview.classChanges).toEqual([expect.objectContaining({ studentNumber: '100', name: 'Kind 100 Visser', from: '1A', to: '1B' })]);
    expect(second.preview.leavers).toEqual([expect.objectContaining({ studentNumber: '102', className: '1B' })]);
    // One of three pupils leaves: more than a quarter, so the number must be confirmed.
    expect((await apply(client, second.id, { confirmLeavers: 1 })).statusCode).toBe(200);

    const rows = await placement(schoolId);
    const today = (await t.sql<{ d: string }[]>`select (now() at time zone 'Europe/Amsterdam')::date::text as d`)[0]!.d;
    expect(rows).toEqual([
      { studentNumber: '100', className: '1A', endDate: today, level: null },
      { studentNumber: '100', className: '1B', endDate: null, level: null },
      { studentNumber: '101', className: '1A', endDate: null, level: null },
      { studentNumber: '102', className: '1B', endDate: today, level: null },
    ]);
  });

  it('refuses to apply a preview when the school changed since (another import applied): the job fails, changes nothing, says why', async () => {
    const { schoolId, client } = await freshSchool();
    const a = await importFile(client, schoolId, edexml([group('g', '2A')], [pupil('1', 'g')]));
    const b = await importFile(client, schoolId, edexml([group('g', '2A')], [pupil('1', 'g'), pupil('2', 'g')]));
    expect((await apply(client, a.id)).statusCode).toBe(200);
    const before = await snapshot(schoolId);
    expect((await apply(client, b.id)).statusCode).toBe(200);
    const job = await statusOf(client, b.id);
    expect(job).toMatchObject({ status: 'failed', allowed: { apply: false, cancel: false } });
    expect(job.applyError).toContain('veranderd');
    expect(await snapshot(schoolId)).toEqual(before);
    expect((await apply(client, b.id)).statusCode).toBe(409);
  });

  it('matches pupils by key, ECK iD and BSN', async () => {
    const { schoolId, client } = await freshSchool();
    const ids: string[] = [];
    for (const [n, key, eck, bsn] of [['X1', 'K1', null, null], ['X2', null, 'https://id.school/E2', null], ['X3', null, null, '123456782']] as const) {
      const p = await f.rows.pupil(t.sql, {
        partnership_id: partnershipId, school_id: schoolId, student_number: n, first_name: 'Sam', last_name: 'Bakker', birth_date: '2012-01-01', source_key: key, eck_id: eck, bsn,
      });
      await f.enrolment(t.sql, { partnership_id: partnershipId, pupil_id: p.id, school_id: schoolId, start_date: '2025-08-18' });
      ids.push(p.id);
    }
    const xml = edexml([], [
      pupil('K1', null, { firstName: 'Sam', lastName: 'Bakker', birthDate: '2012-01-01' }),
      pupil('N2', null, { firstName: 'Sam', lastName: 'Bakker', birthDate: '2012-01-01', eckId: 'https://id.school/E2' }),
      pupil('N3', null, { firstName: 'Sam', lastName: 'Bakker', birthDate: '2012-01-01', bsn: '123456782' }),
    ]);
    const job = await importFile(client, schoolId, xml);
    expect(job.preview.counts).toMatchObject({ newPupils: 0, leavers: 0, classChanges: 0, updated: 3 });
    expect(job.preview.updated.map((u: { pupilId: string }) => u.pupilId).sort()).toEqual([...ids].sort());
    expect((await apply(client, job.id)).statusCode).toBe(200);
    const after = await t.sql`select id, student_number, source_key from pupils where school_id = ${schoolId} order by student_number`;
    expect(after).toEqual([
      { id: ids[0], student_number: 'K1', source_key: 'K1' },
      { id: ids[1], student_number: 'N2', source_key: 'N2' },
      { id: ids[2], student_number: 'N3', source_key: 'N3' },
    ]);
    // Matched again by key now: nothing left to do.
    const again = await importFile(client, schoolId, xml);
    expect(again.preview.counts).toMatchObject({ newPupils: 0, leavers: 0, classChanges: 0, updated: 0, unchanged: 3 });
  });

  it('refuses a file that is not well-formed or not valid EDEXML with element and line, and imports nothing', async () => {
    const { schoolId, client } = await freshSchool();
    const good = edexml([group('g', '3C')], [pupil('1', 'g'), pupil('2', 'g')]);
    const lineOf = (xml: string, needle: string) => xml.slice(0, xml.indexOf(needle)).split('\n').length;
    const cases: [string, string, string, string][] = [
      ['broken tag', good.replace('</leerling>', '</leerlin>'), '</leerlin>', 'leerling'],
      ['bad date', good.replace('2013-04-05', '2013-13-05'), '2013-13-05', 'geboortedatum'],
      ['unknown element', good.replace('<roepnaam>Kind 1</roepnaam>', '<roepnaam>Kind 1</roepnaam><klas>3C</klas>'), '<klas>', 'klas'],
      ['unknown group', good.replace('<groep key="g"/>', '<groep key="nope"/>'), 'key="nope"', 'groep'],
    ];
    for (const [what, xml, needle, element] of cases) {
      const job = await importFile(client, schoolId, xml);
      expect(job.status, what).toBe('failed');
      expect(job.errors[0], what).toMatchObject({ line: lineOf(xml, needle), element });
      expect(job.preview, what).toBeNull();
      expect(job.allowed, what).toEqual({ apply: false, cancel: false });
      expect((await apply(client, job.id)).statusCode, what).toBe(409);
    }
    expect((await t.sql`select count(*)::int as n from pupils where school_id = ${schoolId}`)[0]!.n).toBe(0);
    expect((await t.sql`select count(*)::int as n from classes where school_id = ${schoolId}`)[0]!.n).toBe(0);
    // The refused files are not kept.
    expect((await t.sql`select count(*)::int as n from import_jobs where school_id = ${schoolId} and file_content is not null`)[0]!.n).toBe(0);
  });

  it('random corruption of a valid file: refused, never a server error, never a partial write', async () => {
    const { schoolId, client } = await freshSchool();
    const base = edexml([group('g', '4D')], [pupil('1', 'g'), pupil('2', 'g'), pupil('3', null)]);
    const corruptions = fc.oneof(
      fc.integer({ min: 10, max: base.length - 20 }).map((n) => base.slice(0, n)),
      fc.constantFrom('<leerling ', '<achternaam>', '<geboortedatum>', '<groep ').chain((tag) =>
        fc.constantFrom('<x/>', '<leerling>', '&', '<!-- ').map((junk) => base.replace(tag, junk + tag)),
      ),
      fc.constantFrom('2013-04-05').map((d) => base.replace(d, '05-04-2013')),
      fc.constant(base.replace('key="2"', 'key="1"')),
    );
    await fc.assert(
      fc.asyncProperty(corruptions, async (xml) => {
        expect(xml).not.toBe(base);
        const res = await upload(client, schoolId, xml, 'edexml');
        expect(res.statusCode).toBe(200);
        const job = await settled(client, res.json().id);
        expect(job.status).toBe('failed');
        expect(job.errors.length).toBeGreaterThan(0);
        expect((await apply(client, job.id)).statusCode).toBeLessThan(500);
      }),
      { numRuns: 12 },
    );
    expect((await t.sql`select count(*)::int as n from pupils where school_id = ${schoolId}`)[0]!.n).toBe(0);
  });

  it('cancels a previewed import; it can then not be applied', async () => {
    const { schoolId, client } = await freshSchool();
    const job = await importFile(client, schoolId, edexml([], [pupil('1', null)]));
    expect((await call(client, 'POST', `/api/imports/${job.id}/cancel`)).statusCode).toBe(200);
    expect((await apply(client, job.id)).statusCode).toBe(409);
    const list = await call(client, 'GET', `/api/schools/${schoolId}/imports`);
    expect(list.json().imports[0]).toMatchObject({ id: job.id, status: 'cancelled' });
    expect((await t.sql`select count(*)::int as n from pupils where school_id = ${schoolId}`)[0]!.n).toBe(0);
  });
});

describe('data minimisation', () => {
  it('drops the parsed pupils of an import left waiting for 7 days, keeping only its counts', async () => {
    const { schoolId, client } = await freshSchool();
    const job = await importFile(client, schoolId, edexml([], [pupil('1', null)]));
    const other = await freshSchool();
    const fresh = await importFile(other.client, other.schoolId, edexml([], [pupil('2', null)]));
    await t.sql`update import_jobs set created_at = now() - interval '8 days' where id = ${job.id}`;
    expect(await expireStaleImports(t.sql)).toBeGreaterThanOrEqual(1);
    const [old] = await t.sql`select status, records, file_content, preview from import_jobs where id = ${job.id}`;
    expect(old).toMatchObject({ status: 'cancelled', records: null, file_content: null });
    expect(Object.keys(old!.preview)).toEqual(['counts']);
    // Opening it afterwards says it expired, with its counts and no pupil in it.
    const opened = await call(client, 'GET', `/api/imports/${job.id}`);
    expect(opened.statusCode).toBe(200);
    expect(opened.json()).toMatchObject({ status: 'cancelled', preview: null, expired: { counts: { newPupils: 1, leavers: 0 } }, allowed: { apply: false, cancel: false } });
    expect(JSON.stringify(opened.json())).not.toContain('Visser');
    const [recent] = await t.sql`select status, records from import_jobs where id = ${fresh.id}`;
    expect(recent!.status).toBe('ready');
    expect(recent!.records).not.toBeNull();
  });
});

describe('CSV import', () => {
  const mapping = { studentNumber: 'Leerlingnummer', firstName: 'Roepnaam', prefix: 'Tussenvoegsel', lastName: 'Achternaam', birthDate: 'Geboortedatum', className: 'Klas', level: 'Niveau', bsn: 'BSN', eckId: null, key: null };

  it('needs a column mapping first, remembers it per school, and reads ; and , files with a BOM', async () => {
    const { schoolId, client } = await freshSchool();
    const csv = '\uFEFFLeerlingnummer;Roepnaam;Tussenvoegsel;Achternaam;Geboortedatum;Klas;Niveau;BSN\r\n' +
      '5001;Emma;de;Vries;03-02-2012;1H;havo;111222333\r\n' +
      '5002;Daan;;Smit;2011-12-31;1V;vwo;\r\n';
    expect((await upload(client, schoolId, csv, 'csv')).statusCode).toBe(400);
    expect((await call(client, 'GET', `/api/schools/${schoolId}/import-mapping`)).json().mapping).toBeNull();
    expect((await call(client, 'PUT', `/api/schools/${schoolId}/import-mapping`, mapping)).statusCode).toBe(200);
    // Remembered as given; the parent columns it left out are remembered as none.
    const noParents = Object.fromEntries(['parent1Name', 'parent1Email', 'parent1Phone', 'parent1Authority', 'parent2Name', 'parent2Email', 'parent2Phone', 'parent2Authority'].map((k) => [k, null]));
    expect((await call(client, 'GET', `/api/schools/${schoolId}/import-mapping`)).json().mapping).toEqual({ ...mapping, ...noParents });

    const job = await importFile(client, schoolId, csv, 'csv');
    expect(job.status, JSON.stringify(job.errors)).toBe('ready');
    expect(job.preview.counts).toMatchObject({ newPupils: 2, newClasses: 2 });
    expect((await apply(client, job.id)).statusCode).toBe(200);
    expect(await placement(schoolId)).toEqual([
      { studentNumber: '5001', className: '1H', endDate: null, level: 'havo' },
      { studentNumber: '5002', className: '1V', endDate: null, level: 'vwo' },
    ]);
    expect((await t.sql`select birth_date, bsn, name_prefix from pupils where school_id = ${schoolId} order by student_number`)).toEqual([
      { birth_date: '2012-02-03', bsn: '111222333', name_prefix: 'de' },
      { birth_date: '2011-12-31', bsn: null, name_prefix: '' },
    ]);

    // A later export, comma-separated, without BSN column values: the mapping is remembered, Emma moves up a level.
    const later = 'Leerlingnummer,Roepnaam,Tussenvoegsel,Achternaam,Geboortedatum,Klas,Niveau,BSN\n5001,Emma,de,Vries,03-02-2012,1V,vwo,\n5002,Daan,,Smit,31-12-2011,1V,vwo,\n';
    const next = await importFile(client, schoolId, later, 'csv');
    expect(next.preview.counts).toMatchObject({ newPupils: 0, classChanges: 1, leavers: 0, updated: 0 });
    expect(next.preview.classChanges).toEqual([expect.objectContaining({ studentNumber: '5001', from: '1H', to: '1V' })]);
  });

  it('refuses a CSV with a bad row, naming the line and the column', async () => {
    const { schoolId, client } = await freshSchool();
    await call(client, 'PUT', `/api/schools/${schoolId}/import-mapping`, mapping);
    const csv = 'Leerlingnummer;Roepnaam;Tussenvoegsel;Achternaam;Geboortedatum;Klas;Niveau;BSN\n6001;Liam;;Jong;01-01-2012;2A;havo;\n6002;Sara;;Bos;31-02-2012;2A;havo;\n';
    const job = await importFile(client, schoolId, csv, 'csv');
    expect(job.status).toBe('failed');
    expect(job.errors).toEqual([expect.objectContaining({ line: 3, element: 'Geboortedatum' })]);
    expect((await t.sql`select count(*)::int as n from pupils where school_id = ${schoolId}`)[0]!.n).toBe(0);
  });
});

describe('privacy and audit', () => {
  it('writes audit rows for the upload, the preview read and the apply, without names or BSN', async () => {
    const { schoolId, client, userId } = await freshSchool();
    const job = await importFile(client, schoolId, edexml([group('g', '5E')], [pupil('1', 'g', { bsn: '012345678' }), pupil('2', 'g')]));
    expect((await apply(client, job.id)).statusCode).toBe(200);
    const next = await importFile(client, schoolId, edexml([group('g', '5E')], [pupil('1', 'g', { bsn: '012345678' })]));
    const rows = await t.sql<{ action: string; pupilId: string | null; details: Record<string, unknown> }[]>`
      select action, pupil_id as "pupilId", details from audit_log where actor_user_id = ${userId} order by id`;
    const actions = rows.map((r) => r.action);
    expect(actions.filter((a) => a === 'pupil_import.create')).toHaveLength(2);
    expect(rows.find((r) => r.action === 'pupil_import.apply')!.details).toMatchObject({ newPupils: 2, newClasses: 1 });
    expect(rows.filter((r) => r.action === 'pupil.import' && r.pupilId)).toHaveLength(2);
    // The second preview shows pupil 2 as a leaver: reading it is a read of that pupil.
    expect(rows.filter((r) => r.action === 'pupil.import_preview' && r.pupilId)).not.toHaveLength(0);
    expect(next.preview.leavers).toHaveLength(1);
    const text = JSON.stringify(rows);
    for (const s of ['012345678', 'Kind 1', 'Visser']) expect(text).not.toContain(s);
  });

  it('never sends a BSN in any response of this file', () => {
    expect(bodies.length).toBeGreaterThan(20);
    for (const body of bodies) for (const bsn of BSNS) expect(body).not.toContain(bsn);
  });

  it('another school cannot read or apply the import (404 for another partnership, 403 within)', async () => {
    const { schoolId, client } = await freshSchool();
    const job = await importFile(client, schoolId, edexml([], [pupil('1', null)]));
    const other = await freshSchool();
    expect((await call(other.client, 'GET', `/api/imports/${job.id}`)).statusCode).toBe(403);
    expect((await call(other.client, 'POST', `/api/imports/${job.id}/apply`)).statusCode).toBe(403);
    expect((await call(other.client, 'GET', `/api/imports/${randomUUID()}`)).statusCode).toBe(404);
  });
});

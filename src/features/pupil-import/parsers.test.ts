import fc from 'fast-check';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv.ts';
import { parseEdexml, toEdexml, validateEdexml, type EdexmlPupil } from './edexml.ts';
import { parseDay } from './records.ts';
import { CsvMapping } from './schema.ts';

const EXAMPLE = fs.readFileSync(new URL('../../../../shared/standards/edexml-2.1/EDEXML.Voorbeeld.2.1.xml', import.meta.url));

// Names as pupil information systems hold them: letters (with accents), spaces, hyphens, apostrophes, and XML's special characters.
const word = fc.stringMatching(/^[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'&<>" -]{0,20}[A-Za-zÀ-ÿ]$/);
const day = fc.date({ min: new Date('2005-01-01'), max: new Date('2021-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const pupilArb = fc.record({
  firstName: word,
  lastName: fc.option(word, { nil: '' }),
  prefix: fc.constantFrom('', 'van', 'de', "van 't", 'van der'),
  birthDate: day,
  eckId: fc.option(fc.stringMatching(/^https:\/\/id\.school\/[A-Za-z0-9]{8,20}$/), { nil: null }),
  bsn: fc.option(fc.stringMatching(/^\d{9}$/), { nil: null }),
  group: fc.option(fc.integer({ min: 0, max: 2 }), { nil: null }),
});
const schoolArb = fc.uniqueArray(pupilArb, { minLength: 1, maxLength: 25, selector: (p) => p.eckId ?? Math.random() });
const groups = [
  { key: 'g0', name: '1A', jaargroep: '11' },
  { key: 'g1', name: '2B & co', jaargroep: '12' },
  { key: 'g2', name: 'Groep 8', jaargroep: '8' },
];

function toPupils(ps: { firstName: string; lastName: string; prefix: string; birthDate: string; eckId: string | null; bsn: string | null; group: number | null }[]): EdexmlPupil[] {
  return ps.map((p, i) => ({
    key: `L${i + 1}`,
    firstName: p.firstName,
    lastName: p.lastName,
    prefix: p.lastName ? p.prefix : '',
    birthDate: p.birthDate,
    eckId: p.eckId,
    bsn: p.bsn,
    groupKey: p.group === null ? null : `g${p.group}`,
  }));
}

describe('EDEXML parser', () => {
  it('reads the official example exactly', async () => {
    const r = await parseEdexml(EXAMPLE);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.records.map((p) => [p.key, p.firstName, p.prefix, p.lastName, p.birthDate, p.className, p.bsn, p.leftOn])).toEqual([
      ['00001', 'Wimpie', '', '', '2006-06-21', '4B', null, null],
      ['00002', 'Ismaël Hassan', '', 'Assati', null, null, '133456785', null],
      ['12345', 'Gradje', "van 't", 'Hof', '2006-06-21', null, null, '2014-07-18'],
    ]);
    expect(r.records[0]!.eckId).toBe('https://id.school/LL_123467890abcdefghijklmnopqrstuvwxzABCDEFGHIJKLMNOPQRSTUVWXYZ!@#$%^_-');
    expect(r.classes).toEqual([
      { name: 'Kabouters', yearGroup: 0, level: null },
      { name: 'Muizen', yearGroup: 1, level: null },
      { name: 'Vlinders', yearGroup: 1, level: null },
      { name: '4A', yearGroup: 4, level: null },
      { name: '4B', yearGroup: 4, level: null },
    ]);
  });

  it('round-trips random valid pupils: generate EDEXML → validate against the XSD → parse → the same pupils', async () => {
    await fc.assert(
      fc.asyncProperty(schoolArb, async (ps) => {
        const pupils = toPupils(ps);
        const xml = toEdexml({ schoolYear: '2026-2027', groups, pupils });
        const r = await parseEdexml(Buffer.from(xml));
        expect(r.ok, r.ok ? '' : JSON.stringify(r.errors)).toBe(true);
        if (!r.ok) return;
        expect(r.records).toEqual(
          pupils.map((p) => ({
            key: p.key, studentNumber: p.key, firstName: p.firstName, prefix: p.prefix ?? '', lastName: p.lastName, birthDate: p.birthDate,
            eckId: p.eckId, bsn: p.bsn, className: p.groupKey ? groups.find((g) => g.key === p.groupKey)!.name : null, leftOn: null,
          })),
        );
      }),
      { numRuns: 25 },
    );
  });

  it('refuses randomly broken files with a line number, and never throws', async () => {
    const base = toEdexml({ schoolYear: '2026-2027', groups, pupils: toPupils([{ firstName: 'Ada', lastName: 'Bos', prefix: '', birthDate: '2012-03-04', eckId: null, bsn: null, group: 0 }, { firstName: 'Bo', lastName: 'Kok', prefix: 'de', birthDate: '2013-05-06', eckId: null, bsn: '123456789', group: 1 }]) });
    const broken = fc.oneof(
      // Truncated anywhere inside the root element.
      fc.integer({ min: 1, max: base.length - 10 }).map((n) => base.slice(0, n)),
      // A required element removed, or an unknown one added, before a random known element.
      fc.constantFrom(['<achternaam>Bos</achternaam>', '<roepnaam>Ada</roepnaam>'], ['<schooljaar>2026-2027</schooljaar>'], ['<naam>1A</naam>'], ['<jaargroep>12</jaargroep>']).map((els) => els.reduce((x, el) => x.replace(el, ''), base)),
      fc.tuple(fc.constantFrom('<roepnaam>', '<geboortedatum>', '<groep ', '<bsn>'), fc.constantFrom('<foo/>', '<leerling key="x"/>', 'tekst')).map(([at, junk]) => base.replace(at, junk + at)),
      // Wrong values: a date that is no date, a BSN of 8 digits, an unknown school year, a duplicate key, a dangling group.
      fc.constantFrom(
        base.replace('2012-03-04', '04-03-2012'),
        base.replace('123456789', '12345678'),
        base.replace('2026-2027', '2026/2027'),
        base.replace('key="L2"', 'key="L1"'),
        base.replace('<groep key="g0"/>', '<groep key="g9"/>'),
        base.replace('<EDEX>', '<!DOCTYPE EDEX [<!ENTITY x "y">]><EDEX>'),
      ),
    );
    await fc.assert(
      fc.asyncProperty(broken, async (xml) => {
        const r = await parseEdexml(Buffer.from(xml));
        expect(r.ok).toBe(false);
        if (r.ok) return;
        expect(r.errors.length).toBeGreaterThan(0);
        expect(r.errors[0]!.line).toBeGreaterThan(0);
        expect(r.errors[0]!.message).not.toBe('');
      }),
      { numRuns: 30 },
    );
  });

  it('names the element and the line', async () => {
    const xml = EXAMPLE.toString('utf8').replace('<geboortedatum>2006-06-21</geboortedatum>', '<geboortedatum>2006-06-31</geboortedatum>');
    expect(await validateEdexml(Buffer.from(xml))).toEqual([
      expect.objectContaining({ line: 79, element: 'geboortedatum', message: 'Deze waarde is ongeldig volgens EDEXML 2.1.' }),
    ]);
  });
});

describe('CSV parser', () => {
  const mapping = CsvMapping.parse({ studentNumber: 'Nr', firstName: 'Voornaam', prefix: 'Tv', lastName: 'Achternaam', birthDate: 'Geb.datum', className: 'Klas', bsn: 'BSN' });
  const cell = (s: string) => (/[;,"\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

  it('round-trips random rows with either delimiter, a BOM or not, and either date format', async () => {
    await fc.assert(
      fc.asyncProperty(schoolArb, fc.constantFrom(';', ','), fc.boolean(), fc.boolean(), async (ps, sep, bom, dutchDates) => {
        const rows = ps.map((p, i) => ({ ...p, lastName: p.lastName || 'Jansen', nr: String(1000 + i) }));
        const dmy = (d: string) => d.split('-').reverse().join('-');
        const lines = [['Nr', 'Voornaam', 'Tv', 'Achternaam', 'Geb.datum', 'Klas', 'BSN'].join(sep)].concat(
          rows.map((r) => [r.nr, r.firstName, r.prefix, r.lastName, dutchDates ? dmy(r.birthDate) : r.birthDate, r.group === null ? '' : `K${r.group}`, r.bsn ?? ''].map(cell).join(sep)),
        );
        const r = await parseCsv(Buffer.from((bom ? '\uFEFF' : '') + lines.join('\r\n')), mapping);
        expect(r.ok, r.ok ? '' : JSON.stringify(r.errors)).toBe(true);
        if (!r.ok) return;
        expect(r.records.map((x) => [x.studentNumber, x.firstName, x.prefix, x.lastName, x.birthDate, x.className, x.bsn])).toEqual(
          rows.map((x) => [x.nr, x.firstName.trim(), x.prefix, x.lastName.trim(), x.birthDate, x.group === null ? null : `K${x.group}`, x.bsn]),
        );
      }),
      { numRuns: 50 },
    );
  });

  it('refuses a file with any broken row, naming its line and column', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 9 }),
        fc.constantFrom(['Geb.datum', '31-02-2012'], ['Geb.datum', 'gisteren'], ['Voornaam', ''], ['Nr', ''], ['BSN', '12ab']),
        async (bad, [column, value]) => {
          const header = ['Nr', 'Voornaam', 'Tv', 'Achternaam', 'Geb.datum', 'Klas', 'BSN'];
          const rows = Array.from({ length: 10 }, (_, i) => ({ Nr: String(i + 1), Voornaam: 'Sam', Tv: '', Achternaam: 'Smit', 'Geb.datum': '01-02-2013', Klas: '1A', BSN: '' }) as Record<string, string>);
          rows[bad]![column!] = value!;
          const csv = [header.join(';'), ...rows.map((r) => header.map((h) => r[h]).join(';'))].join('\n');
          const r = await parseCsv(Buffer.from(csv), mapping);
          expect(r.ok).toBe(false);
          if (r.ok) return;
          expect(r.errors[0]).toMatchObject({ line: bad + 2, element: column });
        },
      ),
      { numRuns: 30 },
    );
  });

  it('reads dd-mm-jjjj and jjjj-mm-dd, and only real days', () => {
    expect(parseDay('03-02-2012')).toBe('2012-02-03');
    expect(parseDay('2012-02-03')).toBe('2012-02-03');
    expect(parseDay('3-2-2012')).toBe('2012-02-03');
    expect(parseDay('29-02-2012')).toBe('2012-02-29');
    expect(parseDay('29-02-2013')).toBeNull();
    expect(parseDay('2012-13-01')).toBeNull();
  });
});

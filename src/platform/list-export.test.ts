import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { csvOf, xlsxOf, type ExportSheet } from './list-export.ts';

/** The one way a list leaves as a file: what Dutch Excel needs, and no name that runs as a formula. */
const sheet: ExportSheet = {
  name: 'proef',
  title: 'Proef',
  columns: [{ header: 'Leerling' }, { header: 'Geboortedatum', kind: 'day' }, { header: 'Uren', kind: 'number' }],
  rows: [
    ['=HYPERLINK("http://x","klik")', '2014-02-28', 12],
    ['Sam de Vries', null, null],
  ],
};

describe('list export', () => {
  it('writes CSV with a byte-order mark, semicolons, days as dd-mm-jjjj and a formula-like name as text', async () => {
    const csv = await csvOf(sheet);
    expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = csv.toString('utf8').slice(1).trim().split('\n');
    expect(lines[0]).toBe('Leerling;Geboortedatum;Uren');
    expect(lines[1]).toBe(`"'=HYPERLINK(""http://x"",""klik"")";28-02-2014;12`);
    expect(lines[2]).toBe('Sam de Vries;;');
  });

  it('writes XLSX with days as dates shown dd-mm-jjjj, and a formula-like name as a plain string', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await xlsxOf(sheet)) as unknown as ArrayBuffer);
    const ws = book.getWorksheet('Proef')!;
    const name = ws.getRow(2).getCell(1);
    expect(name.type).toBe(ExcelJS.ValueType.String);
    expect(name.value).toBe('=HYPERLINK("http://x","klik")');
    const born = ws.getRow(2).getCell(2);
    expect((born.value as Date).toISOString().slice(0, 10)).toBe('2014-02-28');
    expect(born.numFmt).toBe('dd-mm-yyyy');
    expect(ws.getRow(2).getCell(3).value).toBe(12);
    expect(ws.getRow(3).getCell(2).value).toBeNull();
  });
});

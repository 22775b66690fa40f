import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { csvExport } from './csv.ts';

describe('csvExport', () => {
  it('never starts a text cell with what a spreadsheet runs as a formula, and changes nothing else', async () => {
    const cell = fc.oneof(fc.string(), fc.constantFrom('=1+1', '+31 6 1234', '-2', '@SUM(A1)', '\t=1', '\r=1', "'=1", 'a=1'), fc.integer());
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(cell, cell), { maxLength: 5 }), async (rows) => {
        const back: string[][] = parse(await text(csvExport(['a', 'b'], rows)), { bom: true, delimiter: ';', from_line: 2 });
        expect(back).toHaveLength(rows.length);
        rows.forEach((row, i) =>
          row.forEach((sent, j) => {
            const got = back[i]![j]!;
            if (typeof sent === 'number') return expect(got).toBe(String(sent));
            expect(got).not.toMatch(/^[=+\-@\t\r]/);
            expect([sent, `'${sent}`]).toContain(got);
          }),
        );
      }),
    );
  });
});

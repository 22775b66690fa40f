import { stringify } from 'csv-stringify';
import type { Readable } from 'node:stream';

/**
 * Every CSV the app exports is written here. ';' and a byte-order mark:
 * Dutch Excel opens the file correctly.
 *
 * A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage
 * return before one) as a formula: a pupil's or staff member's name like
 * "=HYPERLINK(…)" would run on the privacy officer's computer (OWASP, CSV
 * injection). Such a text cell gets a leading apostrophe, so it shows as text.
 * Numbers are written as they are.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
export const neutraliseCell = (text: string): string => (FORMULA_START.test(text) ? `'${text}` : text);

export function csvExport(columns: string[], rows: Iterable<readonly (string | number | null | undefined)[]>): Readable {
  const csv = stringify({ header: true, delimiter: ';', bom: true, columns, cast: { string: neutraliseCell } });
  for (const row of rows) csv.write(row);
  csv.end();
  return csv;
}

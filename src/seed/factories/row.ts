import type { Db } from '../../db/index.ts';

/** Any further column of the table, by its SQL name; left out, the column's default applies. */
export type Cols = Record<string, unknown>;
/** A written row: its id and every column as the database returned it. */
export type Row = { id: string } & Cols;

/**
 * Writes one row and returns it: the given columns over the factory's
 * defaults; a column undefined in both gets the table's default. Those named
 * in `json` are sent as jsonb.
 */
export async function insertRow(db: Db, table: string, defaults: Cols, values: Cols, json: readonly string[] = []): Promise<Row> {
  const row: Cols = {};
  for (const [k, v] of Object.entries({ ...defaults, ...values })) {
    const given = v === undefined ? defaults[k] : v;
    if (given === undefined) continue;
    row[k] = json.includes(k) && given !== null ? db.json(given as never) : given;
  }
  const [written] = await db<Row[]>`insert into ${db(table)} ${db(row as never)} returning *`;
  return written!;
}

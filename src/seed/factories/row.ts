import type { Db } from '../../db/index.ts';

/** Any further column of the table, by its SQL name; left out, the column's default applies. */
export type Cols = Record<string, unknown>;
/** A written row: its id and every column as the database returned it. */
export type Row = { id: string } & Cols;

/**
 * A table's row builder: `build(db, row)` writes one row and returns it;
 * `build.many(db, rows)` writes many in multi-row inserts (the seed and the
 * bench at scale) and returns them in the order given. Both fill the same
 * defaults, so one definition serves tests, seed and bench.
 */
export interface Builder<R extends Cols> {
  /** `T` names the columns the caller reads back, as postgres.js's sql<T> does. */
  <T extends Cols = Cols>(db: Db, values: R & Cols): Promise<Row & T>;
  many<T extends Cols = Cols>(db: Db, values: readonly (R & Cols)[]): Promise<(Row & T)[]>;
}

/**
 * A builder for `table`: the given columns over `defaults` (worked out per
 * row, so a default may depend on the row); a column undefined in both gets
 * the table's default. Those named in `json` are sent as jsonb.
 */
export function builder<R extends Cols = Cols>(table: string, defaults: (values: R & Cols) => Cols = () => ({}), json: readonly string[] = []): Builder<R> {
  const build = async <T extends Cols>(db: Db, values: R & Cols) => (await insertRows(db, table, [fill(db, defaults(values), values, json)]))[0] as Row & T;
  build.many = async <T extends Cols>(db: Db, values: readonly (R & Cols)[]) => (await insertRows(db, table, values.map((v) => fill(db, defaults(v), v, json)))) as (Row & T)[];
  return build;
}

/** Writes one row and returns it (see builder); for a table without a builder of its own. */
export async function insertRow(db: Db, table: string, defaults: Cols, values: Cols, json: readonly string[] = []): Promise<Row> {
  return (await insertRows(db, table, [fill(db, defaults, values, json)]))[0]!;
}

function fill(db: Db, defaults: Cols, values: Cols, json: readonly string[]): Cols {
  const row: Cols = {};
  for (const [k, v] of Object.entries({ ...defaults, ...values })) {
    const given = v === undefined ? defaults[k] : v;
    if (given === undefined) continue;
    row[k] = json.includes(k) && given !== null ? db.json(given as never) : given;
  }
  return row;
}

/**
 * postgres.js sends one parameter per value and PostgreSQL takes at most
 * 65,535 per statement, so many rows go in chunks. A multi-row insert names
 * its columns once: every row must give the same ones.
 */
async function insertRows(db: Db, table: string, rows: Cols[]): Promise<Row[]> {
  const columns = Object.keys(rows[0] ?? {});
  const same = [...columns].sort().join();
  for (const row of rows) {
    const these = Object.keys(row).sort().join();
    if (these !== same) throw new Error(`${table}: every row of one many() must give the same columns (${same} / ${these})`);
  }
  const size = Math.max(1, Math.floor(60000 / Math.max(1, columns.length)));
  const out: Row[] = [];
  for (let i = 0; i < rows.length; i += size) {
    out.push(...(await db<Row[]>`insert into ${db(table)} ${db(rows.slice(i, i + size) as never, columns)} returning *`));
  }
  return out;
}

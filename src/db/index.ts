import postgres from 'postgres';

export type Sql = postgres.Sql<Record<string, never>>;
/** A connection inside a transaction; every write goes through one. */
export type Tx = postgres.TransactionSql<Record<string, never>>;
/** Either: reads may run on the pool or inside a transaction. */
export type Db = Sql | Tx;

/**
 * A pool on `url`. With `role`, every connection acts as that role from its
 * start (the `role` startup parameter, as SET ROLE; RESET ROLE returns to it):
 * the tenant pool of src/db/tenant.ts.
 */
export function connect(url: string, opts: { max?: number; role?: string } = {}): Sql {
  return postgres(url, {
    max: opts.max ?? 10,
    ...(opts.role ? { connection: { role: opts.role } } : {}),
    onnotice: () => {},
    // Dates stay 'YYYY-MM-DD' strings: a date is a day in the school calendar, not an instant.
    types: { date: { to: 1082, from: [1082], serialize: (x: string) => x, parse: (x: string) => x } },
    transform: { undefined: null },
  }) as unknown as Sql;
}

export async function transaction<T>(sql: Sql, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return (await sql.begin((tx) => fn(tx as unknown as Tx))) as T;
}

/*
 * Facts known before a statement runs (the reader's roles and schools, an
 * optional filter), written so that its plan can be kept. postgres.js
 * prepares every statement; PostgreSQL plans the first five runs for their
 * parameters and then keeps one generic plan, unless that plan is much
 * dearer than the ones made for the parameters. A parameter that switches a
 * branch on or off ('$3 and r.assigned_to = $4', '$1::uuid is null or
 * o.school_id = $1', 'school_id = any($2)' with no schools) is such a case:
 * only a plan made for the value can drop the branch, so every run was
 * planned anew (1–2 ms each on the start page's statements). Written as a
 * literal, the branch is part of the statement's text (one statement per
 * combination, a handful) and its kept plan is the pruned one.
 */

/** A boolean known before the query runs, as the literal `true` or `false`. */
export const known = (db: Db, fact: boolean) => db.unsafe(fact ? 'true' : 'false');

/** `column = any(ids)`, or the literal `false` when there are none. `column` is code, never input. */
export const inIds = (db: Db, column: string, ids: readonly string[]) =>
  ids.length === 0 ? db.unsafe('false') : db`${db.unsafe(column)} = any(${ids as string[]}::uuid[])`;

/** An optional filter `column = id`: the literal `true` when there is none. `column` is code, never input. */
export const whenId = (db: Db, column: string, id: string | null | undefined) => (id ? db`${db.unsafe(column)} = ${id}` : db.unsafe('true'));

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

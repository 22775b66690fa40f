import type { Sql } from '../../src/db/index.ts';

/**
 * Tables a refused call may change, each with the reason. Everything else in
 * the catalogue is fingerprinted, so a table added later is covered without
 * anyone remembering to list it.
 */
export const MAY_CHANGE: Record<string, string> = {
  sessions: 'every call refreshes its session (last_seen_at), refused or not',
  audit_log: 'a refused call may be audited on purpose (who tried what); a write\'s own audit row is in its transaction, so a partial write shows in the table it wrote',
  meldcode_log: 'the meldcode keeps its own trail apart from the audit log, and a refused call is in it on purpose (who tried to open or read a file), as in audit_log',
  sign_in_throttle: 'a wrong password or code is counted on purpose, towards the lockout (ASVS 2.2.1)',
};

/**
 * How to narrow a table without a partnership_id column to some partnerships,
 * where no foreign key leads to one. Tests run in parallel on one database, so
 * an unnarrowed table would see other files' writes.
 */
const NARROWED: Record<string, string> = {
  partnerships: 'x.id = any($1::uuid[])',
  // Mail goes to an address some partnership's table holds (staff, the parents of an OPP or a request): found below.
  outbox: 'x.to_address in (${addresses})',
  // Written by migrations only; the whole table.
  schema_migrations: 'true',
};

interface Column {
  table: string;
  column: string;
}

/**
 * A fingerprint of every row some partnerships own, per table, read from the
 * catalogue: tables with a partnership_id by that column, other tables
 * through their foreign key to one that has it, the rest as NARROWED says.
 * An update shows as well as an insert or a delete (each row's full text is hashed).
 */
export async function fingerprinter(sql: Sql, partnershipIds: string[]): Promise<{ tables: string[]; take: () => Promise<Record<string, string>> }> {
  const tables = (await sql<{ table: string }[]>`
    select table_name as table from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`).map((r) => r.table);
  const columns = await sql<Column[]>`select table_name as table, column_name as column from information_schema.columns where table_schema = 'public'`;
  const owned = new Set(columns.filter((c) => c.column === 'partnership_id').map((c) => c.table));
  const addresses = columns
    .filter((c) => c.column === 'email' && owned.has(c.table))
    .map((c) => `select email from ${c.table} where partnership_id = any($1::uuid[])`)
    .join(' union all ');
  // Single-column foreign keys from a table without partnership_id to one with it.
  const links = await sql<(Column & { target: string; targetColumn: string })[]>`
    select c.conrelid::regclass::text as table, a.attname as column, c.confrelid::regclass::text as target, fa.attname as "targetColumn"
    from pg_constraint c
    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
    join pg_attribute fa on fa.attrelid = c.confrelid and fa.attnum = c.confkey[1]
    where c.contype = 'f' and array_length(c.conkey, 1) = 1 and c.connamespace = 'public'::regnamespace`;
  const parts: string[] = [];
  const covered: string[] = [];
  for (const table of tables) {
    if (MAY_CHANGE[table]) continue;
    const link = links.find((l) => l.table === table && owned.has(l.target));
    const from = owned.has(table)
      ? `${table} x where x.partnership_id = any($1::uuid[])`
      : link
        ? `${table} x join ${link.target} p on p.${link.targetColumn} = x.${link.column} where p.partnership_id = any($1::uuid[])`
        : NARROWED[table]
          ? `${table} x where ${NARROWED[table].replace('${addresses}', addresses)}`
          : null;
    if (!from) throw new Error(`fingerprint: table ${table} has no partnership_id and no foreign key to a table with one; say in NARROWED how to narrow it, or in MAY_CHANGE why a refused call may change it`);
    // Count and sum of row hashes: order-free, so no sort and no long string per table (the property test takes ~7,000 fingerprints).
    parts.push(`('${table}', (select count(*) || ':' || coalesce(sum(hashtext(x::text)::bigint), 0) from ${from}))`);
    covered.push(table);
  }
  // One row per table, not json_build_object: a function takes at most 100 arguments.
  const query = `select json_object_agg(t, h order by t) as f from (values ${parts.join(', ')}) v(t, h)`;
  return {
    tables: covered,
    take: async () => ((await sql.unsafe(query, [partnershipIds])) as unknown as [{ f: Record<string, string> }])[0].f,
  };
}

/**
 * Waits until the background jobs due now are done: an accepted call may queue
 * work (an import's apply, a reset mail) that writes after its answer, and
 * that must not land between a later refused call's two fingerprints.
 */
export async function jobsSettled(sql: Sql, jobsSchema: string, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const [{ n }] = (await sql.unsafe(`select count(*)::int as n from ${jobsSchema}.job where state in ('created', 'retry', 'active') and start_after <= now()`)) as unknown as [{ n: number }];
    if (n === 0 || Date.now() > until) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

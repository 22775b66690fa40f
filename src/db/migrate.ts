import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Sql } from './index.ts';

const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
const MIGRATION_LOCK = 7242001;

/**
 * Forward-only SQL migrations, `NNNN_name.sql`, each applied once in its own
 * transaction: a failing migration rolls back alone, and those before it stay
 * applied and recorded. One connection holds a session-level advisory lock for
 * the whole run, so a second starting process waits until this one is done and
 * then finds nothing left to apply; no two processes ever run migrations (or
 * cluster-wide statements in them, such as creating a role) side by side on
 * one database.
 */
export async function migrate(sql: Sql, dir = migrationsDir): Promise<string[]> {
  const files = fs.readdirSync(dir).filter((f) => /^\d{4}_.+\.sql$/.test(f)).sort();
  const applied: string[] = [];
  // postgres.js offers begin() only on the pool, which may hand out another connection each time;
  // the lock must stay on one session, so this reserved connection runs its transactions itself.
  const conn = await sql.reserve();
  try {
    await conn`select pg_advisory_lock(${MIGRATION_LOCK})`;
    try {
      await conn`create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())`;
      const done = new Set((await conn`select name from schema_migrations`).map((r) => r.name as string));
      for (const file of files) {
        if (done.has(file)) continue;
        await conn`begin`;
        try {
          await conn.unsafe(fs.readFileSync(path.join(dir, file), 'utf8'));
          await conn`insert into schema_migrations (name) values (${file})`;
          await conn`commit`;
        } catch (e) {
          await conn`rollback`;
          throw new Error(`Migration ${file} failed: ${(e as Error).message}`, { cause: e });
        }
        applied.push(file);
      }
    } finally {
      // A broken connection has lost the lock with its session already.
      await conn`select pg_advisory_unlock(${MIGRATION_LOCK})`.catch(() => undefined);
    }
  } finally {
    conn.release();
  }
  return applied;
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { connect, type Sql } from '../../src/db/index.ts';
import { migrate } from '../../src/db/migrate.ts';
import { withDatabase } from '../helpers/global-setup.ts';

/** Migrations on databases of their own: each in its own transaction, under one lock for the whole run. */
const names = [`leerrecht_migrate_a_${process.pid}`, `leerrecht_migrate_b_${process.pid}`] as const;
let admin: Sql;
const pools: Sql[] = [];
const open = (name: string) => {
  const sql = connect(withDatabase(inject('databaseUrl'), name), { max: 1 });
  pools.push(sql);
  return sql;
};
let dir: string;

beforeAll(async () => {
  admin = connect(withDatabase(inject('databaseUrl'), 'postgres'), { max: 1 });
  for (const name of names) {
    await admin.unsafe(`drop database if exists ${name}`);
    await admin.unsafe(`create database ${name}`);
  }
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leerrecht-migrations-'));
});
afterAll(async () => {
  await Promise.all(pools.map((p) => p.end()));
  for (const name of names) await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('keeps the migrations before a failing one applied, and rolls back only the failing one', async () => {
  fs.writeFileSync(path.join(dir, '0001_first.sql'), 'create table first_thing (id int primary key);');
  fs.writeFileSync(path.join(dir, '0002_broken.sql'), 'create table half_done (id int); select no_such_function();');
  const sql = open(names[0]);
  await expect(migrate(sql, dir)).rejects.toThrow(/0002_broken\.sql/);
  expect((await sql`select name from schema_migrations`).map((r) => r.name)).toEqual(['0001_first.sql']);
  expect((await sql`select to_regclass('first_thing') as t, to_regclass('half_done') as h`)[0]).toEqual({ t: 'first_thing', h: null });

  // Mended, the next start applies just what is left; the lock was given back despite the failure.
  fs.writeFileSync(path.join(dir, '0002_broken.sql'), 'create table half_done (id int);');
  expect(await migrate(sql, dir)).toEqual(['0002_broken.sql']);
  expect(await migrate(sql, dir)).toEqual([]);
});

it('lets two processes start at once: each migration runs once, in order, and both come up', async () => {
  const [a, b] = [open(names[1]), open(names[1])];
  const [fromA, fromB] = await Promise.all([migrate(a), migrate(b)]);
  const all = fs.readdirSync(path.join(import.meta.dirname, '../../src/db/migrations')).filter((f) => f.endsWith('.sql')).sort();
  // The lock is held for the whole run, so one process applies everything and the other nothing.
  expect([fromA, fromB].sort((x, y) => y.length - x.length)).toEqual([all, []]);
  expect((await a`select name from schema_migrations order by name`).map((r) => r.name)).toEqual(all);
});

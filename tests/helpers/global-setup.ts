import fs from 'node:fs';
import net from 'node:net';
import type { TestProject } from 'vitest/node';
import { connect } from '../../src/db/index.ts';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/db/embedded.ts';
import { migrate } from '../../src/db/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/**
 * One fresh database per run: on TEST_DATABASE_URL's server when set (CI runs
 * Debian's PostgreSQL 15 this way), else on the embedded PostgreSQL 17.
 */
export default async function setup(project: TestProject) {
  let embedded: EmbeddedDatabase | null = null;
  let serverUrl = process.env.TEST_DATABASE_URL;
  // Each run gets its own embedded cluster on a free port, so parallel runs never share one.
  const dataDir = `.tmp/test-pg-${process.pid}`;
  if (!serverUrl) {
    embedded = await startEmbeddedPostgres({ dataDir, port: await freePort() });
    serverUrl = embedded.url;
  }
  const name = `leerrecht_test_${process.pid}`;
  const admin = connect(serverUrl, { max: 1 });
  await admin.unsafe(`drop database if exists ${name}`);
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = withDatabase(serverUrl, name);
  const sql = connect(url, { max: 1 });
  await migrate(sql);
  const [{ version }] = (await sql`select current_setting('server_version') as version`) as unknown as [{ version: string }];
  process.stdout.write(`test database: PostgreSQL ${version} (${embedded ? 'embedded' : 'server'})\n`);
  await sql.end();
  project.provide('databaseUrl', url);
  return async () => {
    const admin2 = connect(serverUrl!, { max: 1 });
    await admin2.unsafe(`drop database if exists ${name} with (force)`);
    await admin2.end();
    if (embedded) {
      await embedded.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { connect } from '../../src/db/index.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/**
 * Starts the real server (`tsx src/server/main.ts`) as a child process on a
 * free port, with its own fresh database: a new embedded cluster in a temp
 * folder, or a new database on TEST_DATABASE_URL's server when that is set.
 * The demo partnership is seeded; the journeys use its admin account.
 */
export default async function setup(project: TestProject) {
  const root = path.resolve(import.meta.dirname, '../..');
  if (!fs.existsSync(path.join(root, 'dist/web/index.html'))) throw new Error('dist/web ontbreekt: draai eerst `vite build` (npm run test:e2e doet dat).');
  const port = await freePort();
  const dataDir = path.join(root, `.tmp/e2e-pg-${process.pid}`);
  fs.rmSync(dataDir, { recursive: true, force: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // The journeys read invitations from the outbox.
    NODE_ENV: 'development',
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATA_DIR: dataDir,
    EMBEDDED_PG_PORT: String(await freePort()),
    DEMO_SEED: 'on',
    LOG_LEVEL: 'warn',
    // The journeys sign in many times a minute from one address.
    SIGN_IN_RATE_LIMIT: '10000',
    SMTP_URL: '',
    // The background map's tiles are not reachable from here: a local address, which the directory journey answers with blank tiles (tests/e2e/support-offer.test.ts).
    MAP_TILE_URL: `http://127.0.0.1:${port}/kaarttegels/{z}/{x}/{y}.png`,
  };
  delete env.SMTP_URL;
  let dropDatabase: (() => Promise<void>) | null = null;
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const name = `leerrecht_e2e_${process.pid}`;
    const admin = connect(serverUrl, { max: 1 });
    await admin.unsafe(`drop database if exists ${name}`);
    await admin.unsafe(`create database ${name}`);
    await admin.end();
    const u = new URL(serverUrl);
    u.pathname = `/${name}`;
    env.DATABASE_URL = u.toString();
    dropDatabase = async () => {
      const a = connect(serverUrl, { max: 1 });
      await a.unsafe(`drop database if exists ${name} with (force)`);
      await a.end();
    };
  } else {
    delete env.DATABASE_URL;
  }

  const child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['src/server/main.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitUntilUp(child, baseUrl, () => output);
  } catch (e) {
    await stop(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
  process.stdout.write(`e2e server: ${baseUrl} (${serverUrl ? 'database on TEST_DATABASE_URL' : 'embedded PostgreSQL'})\n`);
  project.provide('baseUrl', baseUrl);

  return async () => {
    await stop(child);
    await dropDatabase?.();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}

async function waitUntilUp(child: ChildProcess, baseUrl: string, output: () => string) {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`De server stopte bij het starten:\n${output()}`);
    try {
      const res = await fetch(`${baseUrl}/api/auth/session`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`De server startte niet binnen 90 s:\n${output()}`);
}

/** SIGTERM lets the server stop its embedded PostgreSQL; a stuck child gets SIGKILL after 15 s. */
async function stop(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
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

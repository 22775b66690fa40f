import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { connect } from '../../src/db/index.ts';
import * as f from '../helpers/factories.ts';
import { currentTotp } from '../../src/platform/auth/totp.ts';

/**
 * Crash safety of the embedded default: kill -9 the app in the middle of a
 * stream of writes, start it again on the same data folder. The leftover
 * postgres child must not block the start, and every write the app
 * acknowledged must be there.
 */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'leerrecht-crash-'));
let child: ChildProcess | null = null;
afterAll(async () => {
  if (child && child.exitCode === null) await stop(child, 'SIGTERM');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

function start(port: number, pgPort: number): Promise<{ proc: ChildProcess; output: () => string }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: { ...process.env, DATABASE_URL: '', PORT: String(port), EMBEDDED_PG_PORT: String(pgPort), DATA_DIR: dataDir, DEMO_SEED: 'off', LOG_LEVEL: 'warn', SIGN_IN_RATE_LIMIT: '100000', NODE_ENV: 'development', SECRET_KEY: f.TEST_SECRET_KEY },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (out.includes('Leerrecht draait op')) {
        clearInterval(timer);
        resolve({ proc, output: () => out });
      }
    }, 50);
    proc.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`app exited with ${code}:\n${out}`));
    });
  });
}

const stop = (proc: ChildProcess, signal: NodeJS.Signals) =>
  new Promise<void>((resolve) => {
    proc.once('exit', () => resolve());
    proc.kill(signal);
  });

it('keeps every acknowledged write across a kill -9, and starts again cleanly', async () => {
  const [port, pgPort] = [await freePort(), await freePort()];
  const first = await start(port, pgPort);
  child = first.proc;
  const sql = connect(`postgres://leerrecht:leerrecht-embedded@127.0.0.1:${pgPort}/leerrecht`, { max: 1 });
  const p = await f.partnership(sql);
  const admin = await f.user(sql, p.id, { roles: [{ role: 'swv_admin', schoolId: null }] });
  await sql.end();

  const base = `http://127.0.0.1:${port}`;
  const signIn = await fetch(`${base}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: admin.email, password: admin.password }) });
  const passwordCookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
  const csrfOf = async (cookie: string) => ((await (await fetch(`${base}/api/auth/session`, { headers: { cookie } })).json()) as { csrfToken: string }).csrfToken;
  const verified = await fetch(`${base}/api/auth/mfa/verify`, {
    method: 'POST',
    headers: { cookie: passwordCookie, 'x-csrf-token': await csrfOf(passwordCookie), 'content-type': 'application/json' },
    body: JSON.stringify({ code: currentTotp(admin.totpSecret!) }),
  });
  expect(verified.status).toBe(200);
  // The second factor gives the session a new cookie and CSRF token.
  const cookie = verified.headers.get('set-cookie')!.split(';')[0]!;
  const headers = { cookie, 'x-csrf-token': await csrfOf(cookie), 'content-type': 'application/json' };

  // Four writers; kill -9 once 150 writes are acknowledged, with more in flight.
  const acknowledged: string[] = [];
  let n = 0;
  const writer = async () => {
    for (;;) {
      const number = String(10000 + n++);
      try {
        const res = await fetch(`${base}/api/boards`, { method: 'POST', headers, body: JSON.stringify({ name: `Bestuur ${number}`, boardNumber: number }) });
        if (res.status === 200) acknowledged.push(number);
      } catch {
        return; // the app is gone
      }
    }
  };
  const writers = Promise.all([writer(), writer(), writer(), writer()]);
  while (acknowledged.length < 150) await new Promise((r) => setTimeout(r, 5));
  await stop(first.proc, 'SIGKILL');
  await writers;

  const second = await start(port, pgPort);
  child = second.proc;
  const check = connect(`postgres://leerrecht:leerrecht-embedded@127.0.0.1:${pgPort}/leerrecht`, { max: 1 });
  const stored = (await check<{ n: string }[]>`select board_number as n from boards where partnership_id = ${p.id}`).map((r) => r.n);
  await check.end();
  expect(acknowledged.filter((x) => !stored.includes(x))).toEqual([]);
  expect((await fetch(`${base}/api/auth/session`)).status).toBe(200);
  await stop(second.proc, 'SIGTERM');
  child = null;
});

/**
 * The two servers under test as child processes of bench/run.ts (start,
 * memory, CPU time, stop), and the browser's sign-in journey against the app.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { currentTotp } from '../src/platform/auth/totp.ts';
import type { Fixture } from './endpoints.ts';
import { BENCH_DIR, BENCH_PASSWORD } from './seed.ts';

export interface Server {
  kind: 'app' | 'app-owner' | 'baseline';
  child: ChildProcess;
  port: number;
  base: string;
}

export const children = new Set<ChildProcess>();

export async function startServer(kind: Server['kind'], dbUrl: string, f: Fixture): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(BENCH_DIR, 'server.ts'), kind], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, BENCH_DATABASE_URL: dbUrl, BENCH_PARTNERSHIP_ID: f.partnershipId, BENCH_READER_ID: f.readerId, BENCH_OCO_SCHOOL_ID: f.oco.schoolId,
      BENCH_OCO_ID: f.oco.id, BENCH_CONSULTANT_ID: f.loket.consultantId },
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${kind} server did not start within 60 s`)), 60_000);
    child.once('exit', (code) => reject(new Error(`${kind} server exited with code ${code} before it was ready`)));
    child.on('message', (m: { type: string; port?: number }) => {
      if (m.type === 'ready') {
        clearTimeout(timer);
        resolve(m.port!);
      }
    });
  });
  return { kind, child, port, base: `http://127.0.0.1:${port}` };
}

export function memoryOf(s: Server): Promise<NodeJS.MemoryUsage> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no memory answer')), 5000);
    const onMessage = (m: { type: string; mem?: NodeJS.MemoryUsage }) => {
      if (m.type !== 'mem') return;
      clearTimeout(timer);
      s.child.off('message', onMessage);
      resolve(m.mem!);
    };
    s.child.on('message', onMessage);
    s.child.send({ type: 'mem' });
  });
}

/** Peak resident set of the process over its life (Linux). */
export function peakRss(pid: number | undefined): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** User + system CPU time of the process and all its threads, in ms (Linux; null elsewhere). */
export function cpuMs(pid: number | undefined): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the command: state is field 3, so utime (14) and stime (15) are at 11 and 12.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}
const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

export async function stopServer(s: Server) {
  if (s.child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => s.child.once('exit', () => resolve()));
  s.child.send({ type: 'stop' });
  const timer = setTimeout(() => s.child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}


/** The browser journey: password, then the session's CSRF token, then the TOTP code. Returns the cookie header. */
export async function signInSession(base: string, email: string, totpSecret: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: BENCH_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${email} failed: ${res.status} ${await res.text()}`);
  const token = /lr_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  if (!token) throw new Error(`sign-in of ${email} set no session cookie`);
  const cookie = `lr_session=${token}`;
  const { next } = (await res.json()) as { next: string };
  if (next === 'mfa') {
    const session = (await (await fetch(`${base}/api/auth/session`, { headers: { cookie } })).json()) as { csrfToken: string };
    const v = await fetch(`${base}/api/auth/mfa/verify`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({ code: currentTotp(totpSecret) }),
    });
    if (v.status !== 200) throw new Error(`second factor of ${email} failed: ${v.status} ${await v.text()}`);
    // The second factor gives the session a new cookie.
    return v.headers.get('set-cookie')!.split(';')[0]!;
  }
  return cookie;
}

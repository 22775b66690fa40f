import type { FastifyInstance } from 'fastify';
import { inject } from 'vitest';
import { loadConfig, type Config } from '../../src/config.ts';
import { connect, type Sql } from '../../src/db/index.ts';
import type { RouteInfo } from '../../src/platform/http/gate.ts';
import { buildApp } from '../../src/server/app.ts';

export interface TestApp {
  app: FastifyInstance;
  sql: Sql;
  routes: RouteInfo[];
  config: Config;
  close(): Promise<void>;
}

/** The real HTTP app on the test database. */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const config = loadConfig({ NODE_ENV: 'test', DEMO_SEED: 'off', LOG_LEVEL: 'silent', SIGN_IN_RATE_LIMIT: '100000', ...env });
  const databaseUrl = inject('databaseUrl');
  const sql = connect(databaseUrl, { max: 4 });
  const { app, routes } = await buildApp({ config, sql, databaseUrl, logger: config.LOG_LEVEL !== 'silent' });
  await app.jobs.start();
  return {
    app,
    sql,
    routes,
    config,
    async close() {
      await app.close();
      await sql.end();
    },
  };
}

import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Config } from '../config.ts';
import { connect, type Sql } from '../db/index.ts';
import { APP_ROLE } from '../db/tenant.ts';
import { gate, type RouteInfo } from '../platform/http/gate.ts';
import { dutchMessages } from '../platform/http/schemas.ts';
import { errorBody, registerErrorHandling } from '../platform/http/errors.ts';
import { createJobs } from '../platform/jobs.ts';
import { secretBox } from '../platform/secrets.ts';
import { createStorage } from '../platform/storage.ts';
import { refuseMalformedInput } from '../platform/http/sanitize.ts';
import { capabilities } from './capabilities.ts';
import { features } from './features.ts';

// Plain Dutch messages for every schema without its own (platform/http/schemas.ts), the same in the browser.
z.config(dutchMessages);

export interface BuiltApp {
  app: FastifyInstance;
  /** Every /api route with its declared auth level: the authorisation matrix reads this. */
  routes: RouteInfo[];
}

/**
 * `sql` is the owner connection (migrations ran on it); the app opens its own
 * tenant pool on the same URL, acting as leerrecht_app (src/db/tenant.ts), of
 * `tenantPoolMax` connections (default 10). `secretKey`: the key for secrets
 * at rest; config.secretKey unless the start made one (development).
 */
export async function buildApp(opts: {
  config: Config;
  sql: Sql;
  databaseUrl: string;
  webDir?: string;
  logger?: boolean;
  jobsSchema?: string;
  tenantPoolMax?: number;
  secretKey?: Buffer;
}): Promise<BuiltApp> {
  const { config } = opts;
  const secretKey = opts.secretKey ?? config.secretKey;
  if (!secretKey) throw new Error('buildApp needs a secret key (SECRET_KEY)');
  const app = Fastify({
    logger:
      opts.logger === false
        ? false
        : {
            level: config.LOG_LEVEL,
            // URLs without their query: a search term may be a pupil's name.
            serializers: { req: (req) => ({ method: req.method, url: req.url.split('?')[0], id: req.id }) },
          },
    trustProxy: config.TRUST_PROXY,
    bodyLimit: 1024 * 1024,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('ownerSql', opts.sql);
  const tenantPool = connect(opts.databaseUrl, { role: APP_ROLE, max: opts.tenantPoolMax ?? 10 });
  app.decorate('tenantPool', tenantPool);
  app.decorate('config', config);
  // Features register their job handlers while they register; the caller starts the workers.
  app.decorate('jobs', createJobs(opts.databaseUrl, (m) => app.log.error(m), opts.jobsSchema));
  app.addHook('onClose', async () => {
    await app.jobs.stop();
    await tenantPool.end({ timeout: 5 });
  });
  app.decorate('storage', createStorage(config.DOCUMENT_DIR));
  app.decorate('secrets', secretBox(secretKey));
  app.decorate('capabilities', capabilities);
  const webDir = opts.webDir && fs.existsSync(path.join(opts.webDir, 'index.html')) ? path.resolve(opts.webDir) : null;
  app.decorate('webDir', webDir);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // The public directory's background map (MAP_TILE_URL) is the one outside source of images.
        imgSrc: ["'self'", 'data:', ...(config.MAP_TILE_URL === 'off' ? [] : [new URL(config.MAP_TILE_URL.replace(/\{[a-z]\}/g, '0')).origin])],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: config.PUBLIC_URL.startsWith('https:') ? [] : null,
      },
    },
  });
  await app.register(cookie);
  // Uploads: one file per request; 50 MiB fits a 40,000-pupil EDEXML export (routes may set lower limits).
  await app.register(multipart, { limits: { files: 1, fileSize: 50 * 1024 * 1024, fields: 20 } });
  // Only routes that opt in (sign-in, codes) are limited; the account lockout is the second line.
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: { info: { title: 'Leerrecht API', version: '0.1.0', description: 'API van Leerrecht. Alle meldingen zijn in het Nederlands.' } },
    transform: jsonSchemaTransform,
  });
  registerErrorHandling(app);
  refuseMalformedInput(app);

  const routes: RouteInfo[] = [];
  await app.register(gate, { settings: { idleMinutes: config.SESSION_IDLE_MINUTES, maxHours: config.SESSION_MAX_HOURS }, routes });
  for (const feature of features) await app.register(feature);

  app.get('/api/openapi.json', { config: { auth: 'public' }, schema: { hide: true } }, async () => app.swagger());

  if (webDir) await app.register(fastifyStatic, { root: webDir, wildcard: false });
  // The browser app routes itself: every non-API path gets index.html.
  app.setNotFoundHandler((req, reply) =>
    webDir && !req.url.startsWith('/api/') ? reply.type('text/html').sendFile('index.html') : reply.status(404).send(errorBody('NOT_FOUND')),
  );
  await app.ready();
  return { app, routes };
}

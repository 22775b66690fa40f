import { z } from 'zod';
import { parseSecretKey } from './platform/secrets.ts';

/**
 * All configuration comes from the environment and is checked once at start,
 * so a typo is named before anything listens.
 */
const schema = z
  .object({
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: z.string().default('127.0.0.1'),
    /** Unset: the embedded PostgreSQL 17 on DATA_DIR. Set: any PostgreSQL >= 15. */
    DATABASE_URL: z.string().url().optional(),
    DATA_DIR: z.string().default('./data'),
    EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
    /** Public address of the app, used in links in e-mails and as the OIDC redirect base. Unset: http://localhost:PORT. */
    PUBLIC_URL: z.string().url().optional(),
    /**
     * Production unless told otherwise, so a deployment that sets nothing is
     * safe: only `development` opens the anonymous outbox, accepts plain-http
     * OIDC issuers and sends cookies without Secure on an http PUBLIC_URL.
     */
    NODE_ENV: z.enum(['development', 'production']).default('production'),
    /**
     * Which reverse proxies may tell the client's address and protocol
     * (X-Forwarded-For/-Proto): addresses or CIDR ranges, comma-separated, or
     * `loopback`, `linklocal`, `uniquelocal`. The default trusts only a proxy
     * on the same machine: a client reaching the app directly cannot forge the
     * address that rate limits and the audit log see.
     */
    TRUST_PROXY: z.string().default('loopback'),
    /** Seed the demo partnership (accounts with a published password) when the database is empty. Unset: on in development only. */
    DEMO_SEED: z.enum(['on', 'off']).optional(),
    /** SMTP server; when unset, mails go to the in-app outbox (development). */
    SMTP_URL: z.string().optional(),
    MAIL_FROM: z.string().default('Leerrecht <noreply@leerrecht.local>'),
    /** Minutes of inactivity after which a session ends (NCSC guidance: short for sensitive data). */
    SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
    /** Hard limit on a session's life, whatever the activity. */
    SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(72).default(12),
    /** Sign-in and code attempts per minute per IP address (on top of the per-account lockout). */
    SIGN_IN_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
    /** Folder for uploaded documents; unset: documents are stored in the database. */
    DOCUMENT_DIR: z.string().optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /**
     * The background map of the public directory, as a tile address with {z}, {x} and {y}:
     * the public PDOK BRT-Achtergrondkaart (Web Mercator) by default; 'off' shows no map.
     * The list and the distances never need it.
     */
    MAP_TILE_URL: z
      .string()
      .refine((v) => v === 'off' || (/^https?:\/\/[^/]+\//.test(v) && ['{z}', '{x}', '{y}'].every((p) => v.includes(p))), 'moet een adres met {z}, {x} en {y} zijn, of off')
      .default('https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png'),
    /**
     * 32 random bytes (base64 or hex) that encrypt TOTP secrets and OIDC
     * client secrets at rest. Required in production; in development a key
     * is made once and kept in DATA_DIR/secret-key.
     */
    SECRET_KEY: z
      .string()
      .refine((v) => parseSecretKey(v) !== null, 'moet 32 willekeurige bytes zijn, als base64 of hex (maak er een met: openssl rand -base64 32)')
      .optional(),
  })
  .transform((c) => {
    const PUBLIC_URL = c.PUBLIC_URL ?? `http://localhost:${c.PORT}`;
    const development = c.NODE_ENV === 'development';
    return {
      ...c,
      PUBLIC_URL,
      development,
      DEMO_SEED: c.DEMO_SEED ?? (development ? 'on' : 'off'),
      /**
       * Cookies carry Secure unless this is development on plain http. In
       * production they always do (behind a TLS-terminating proxy too);
       * browsers accept Secure cookies from http://localhost, so a local
       * production run still signs in.
       */
      secureCookies: !development || PUBLIC_URL.startsWith('https:'),
      secretKey: c.SECRET_KEY ? parseSecretKey(c.SECRET_KEY) : null,
    };
  })
  .superRefine((c, ctx) => {
    if (!c.development && !c.secretKey) {
      ctx.addIssue({
        code: 'custom',
        path: ['SECRET_KEY'],
        message: 'zet SECRET_KEY (32 bytes, base64; maak er een met: openssl rand -base64 32) — set SECRET_KEY: it encrypts TOTP and OIDC client secrets at rest',
      });
    }
    // Secure cookies never come back over plain http: a production address must be https (localhost aside).
    if (!c.development && c.PUBLIC_URL.startsWith('http:') && !isLoopback(new URL(c.PUBLIC_URL).hostname)) {
      ctx.addIssue({
        code: 'custom',
        path: ['PUBLIC_URL'],
        message: `in productie moet het adres met https:// beginnen (nu ${c.PUBLIC_URL}); zet NODE_ENV=development voor een proefopstelling zonder https`,
      });
    }
  });

const isLoopback = (host: string) => host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (`DATABASE_URL=`) means "not set", as in most tools.
  const set = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const result = schema.safeParse(set);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Ongeldige configuratie:\n${lines.join('\n')}`);
  }
  return result.data;
}

import { ConfigError, loadConfig } from '../config.ts';
import { connect } from '../db/index.ts';
import { EmbeddedDatabaseError, startEmbeddedPostgres, type EmbeddedDatabase } from '../db/embedded.ts';
import { migrate } from '../db/migrate.ts';
import { encryptPlaintextSecrets } from '../features/auth/secrets-at-rest.ts';
import { startMailDispatcher } from '../platform/mail.ts';
import { developmentKey, secretBox } from '../platform/secrets.ts';
import { DEMO_PASSWORD, demoSignIns, seedDemoIfEmpty } from '../seed/demo.ts';
import { buildApp } from './app.ts';

const say = (line: string) => process.stdout.write(`${line}\n`);

/** Stopped on every way out, so no postgres child outlives a failed start. */
let embedded: EmbeddedDatabase | null = null;

async function main() {
  const config = loadConfig();
  let url = config.DATABASE_URL;
  if (!url) {
    say(`Ingebouwde PostgreSQL starten op ${config.DATA_DIR} …`);
    embedded = await startEmbeddedPostgres({ dataDir: config.DATA_DIR, port: config.EMBEDDED_PG_PORT });
    url = embedded.url;
  }
  const sql = connect(url);
  try {
    await sql`select 1`;
  } catch (e) {
    throw new StartupError(`De database is niet bereikbaar (${(e as Error).message}). Controleer DATABASE_URL of start de databaseserver.`);
  }
  const applied = await migrate(sql);
  if (applied.length) say(`Database bijgewerkt: ${applied.join(', ')}`);
  const secretKey = config.secretKey ?? developmentSecretKey(config.DATA_DIR);
  const encrypted = await encryptPlaintextSecrets(sql, secretBox(secretKey));
  if (encrypted) say(`${encrypted} geheimen (TOTP, OIDC) versleuteld opgeslagen.`);
  if (config.DEMO_SEED === 'on') {
    const seeded = await seedDemoIfEmpty(sql);
    if (seeded) say('Demo-samenwerkingsverband aangemaakt.');
  }
  const { app } = await buildApp({ config, sql, databaseUrl: url, webDir: 'dist/web', secretKey });
  await app.jobs.start();
  const mailer = config.SMTP_URL ? startMailDispatcher(sql, config.SMTP_URL, config.MAIL_FROM, (m) => app.log.error(m)) : null;
  try {
    await app.listen({ port: config.PORT, host: config.HOST });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new StartupError(`Poort ${config.PORT} is al in gebruik. Stop het andere programma of kies een andere poort met PORT=…`);
    }
    throw e;
  }
  say(`\nLeerrecht draait op ${config.PUBLIC_URL}`);
  if (config.DEMO_SEED === 'on') {
    say(`\nDemo-inlogs (wachtwoord: ${DEMO_PASSWORD}; bij de eerste keer stelt u tweestapsverificatie in):`);
    for (const u of await demoSignIns(sql)) say(`  ${u.email.padEnd(42)} ${u.role}${u.school ? ` — ${u.school}` : ''}`);
  }
  if (!config.SMTP_URL) {
    say(
      config.development
        ? `\nE-mails (uitnodigingen, wachtwoordherstel) staan in de outbox: ${config.PUBLIC_URL}/outbox`
        : '\nLet op: SMTP_URL is niet ingesteld, dus er gaan geen e-mails (uitnodigingen, wachtwoordherstel) de deur uit.',
    );
  }
  const shutdown = async () => {
    await app.close();
    await mailer?.stop();
    await sql.end({ timeout: 5 });
    await embedded?.stop();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

class StartupError extends Error {}

/** Development without SECRET_KEY: the key kept in DATA_DIR (made at the first start). */
function developmentSecretKey(dataDir: string): Buffer {
  try {
    return developmentKey(dataDir);
  } catch (e) {
    throw new StartupError(`Geen sleutel voor versleutelde geheimen: ${(e as Error).message} Zet SECRET_KEY (openssl rand -base64 32).`);
  }
}

main().catch(async (e) => {
  await embedded?.stop().catch(() => {});
  if (e instanceof ConfigError || e instanceof StartupError || e instanceof EmbeddedDatabaseError) {
    process.stderr.write(`\n${(e as Error).message}\n`);
  } else {
    process.stderr.write(`\nLeerrecht kon niet starten: ${(e as Error).stack ?? e}\n`);
  }
  process.exit(1);
});

import PgBoss from 'pg-boss';

export type JobHandler<T extends object> = (data: T) => Promise<void>;

/**
 * Background jobs on pg-boss, in the app's own PostgreSQL (schema `pgboss`),
 * through the app's connection pool. A job survives a restart; a failed job
 * is retried twice. Features register handlers; work starts with `start()`.
 * pg-boss keeps its own small pool (3 connections): it runs transactions as
 * plain statements, which the app's pooled driver rightly refuses.
 */
export interface Jobs {
  register<T extends object>(name: string, handler: JobHandler<T>): void;
  send(name: string, data: object): Promise<void>;
  /** Runs a registered job on a cron schedule in Dutch time (e.g. '0 7 * * 1-5'); once per tick across app processes. */
  schedule(name: string, cron: string): void;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * `schema` is where pg-boss keeps its queues. Every app process of one
 * installation shares 'pgboss'; the test forks each take their own, so that
 * a job sent in one test file is never fetched by another file's app as it
 * shuts down (pg-boss can take a job in the moment it stops and leave it
 * active until it expires).
 */
export function createJobs(databaseUrl: string, onError: (message: string) => void, schema = 'pgboss'): Jobs {
  const boss = new PgBoss({ connectionString: databaseUrl, schema, max: 3 });
  boss.on('error', (e) => onError(`jobs: ${e.message}`));
  const handlers = new Map<string, JobHandler<object>>();
  const schedules = new Map<string, string>();
  let started = false;
  return {
    register(name, handler) {
      if (started) throw new Error(`job ${name} registered after start`);
      handlers.set(name, handler as JobHandler<object>);
    },
    schedule(name, cron) {
      if (started) throw new Error(`job ${name} scheduled after start`);
      schedules.set(name, cron);
    },
    async send(name, data) {
      if (!handlers.has(name)) throw new Error(`no handler for job ${name}`);
      await boss.send(name, data, { retryLimit: 2, retryDelay: 5 });
    },
    async start() {
      await boss.start();
      for (const [name, handler] of handlers) {
        await ensureQueue(boss, name);
        // Half a second between polls when idle: progress bars should move soon after an upload.
        await boss.work<object>(name, { pollingIntervalSeconds: 0.5 }, async (batch) => {
          for (const job of batch) await handler(job.data);
        });
      }
      for (const [name, cron] of schedules) {
        if (!handlers.has(name)) throw new Error(`no handler for scheduled job ${name}`);
        await boss.schedule(name, cron, {}, { tz: 'Europe/Amsterdam' });
      }
      started = true;
    },
    async stop() {
      if (started) await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}

/**
 * Several app processes starting at once may create the same queue together;
 * pg-boss then fails one with a deadlock or a duplicate. Look again and retry.
 */
async function ensureQueue(boss: PgBoss, name: string) {
  for (let attempt = 1; ; attempt++) {
    if (await boss.getQueue(name)) return;
    try {
      await boss.createQueue(name);
      return;
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (attempt >= 5 || (code !== '40P01' && code !== '23505' && code !== '42P07')) throw e;
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 200));
    }
  }
}

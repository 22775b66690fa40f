import PgBoss from 'pg-boss';

export type JobHandler<T extends object> = (data: T) => Promise<void>;

export interface JobOptions {
  /**
   * How long one run may take before pg-boss counts it as lost (its process
   * died) and hands it to another process. pg-boss's default is 15 minutes.
   */
  expireInSeconds?: number;
}

/**
 * Background jobs on pg-boss, in the app's own PostgreSQL (schema `pgboss`).
 * A job survives a restart; a failed job is retried twice. Features register
 * handlers; work starts with `start()`. pg-boss keeps its own small pool (3
 * connections): it runs transactions as plain statements, which the app's
 * pooled driver rightly refuses.
 *
 * The fetch loop is ours, not `boss.work()`: pg-boss's graceful stop does not
 * see a fetch still in flight, closes its pool, and the job that fetch then
 * takes stays active until it expires (15 minutes). Here `stop()` stops
 * fetching, waits for the fetch in flight and for the job in hand to finish,
 * and releases (fails, so it is retried) whatever still runs at the timeout.
 */
export interface Jobs {
  register<T extends object>(name: string, handler: JobHandler<T>, options?: JobOptions): void;
  send(name: string, data: object): Promise<void>;
  /** Runs a registered job on a cron schedule in Dutch time (e.g. '0 7 * * 1-5'); once per tick across app processes. */
  schedule(name: string, cron: string): void;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Half a second between polls when idle: progress bars should move soon after an upload. */
const POLL_MS = 500;
const RETRY = { retryLimit: 2, retryDelay: 5 };

/**
 * `schema` is where pg-boss keeps its queues. Every app process of one
 * installation shares 'pgboss'; the test forks each take their own, so that
 * a job sent in one test file is never run by another file's app.
 * `stopTimeoutMs`: how long `stop()` waits for running jobs before releasing them.
 */
export function createJobs(databaseUrl: string, onError: (message: string) => void, schema = 'pgboss', opts: { stopTimeoutMs?: number } = {}): Jobs {
  const boss = new PgBoss({ connectionString: databaseUrl, schema, max: 3 });
  boss.on('error', (e) => onError(`jobs: ${e.message}`));
  const handlers = new Map<string, { handler: JobHandler<object>; options: JobOptions }>();
  const schedules = new Map<string, string>();
  /** Jobs in hand: id → queue. A job leaves when completed, failed or released. */
  const inHand = new Map<string, string>();
  const loops: Promise<void>[] = [];
  const wake = new Set<() => void>();
  let started = false;
  let stopping = false;

  const idle = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        wake.delete(done);
        resolve();
      };
      const timer = setTimeout(done, POLL_MS);
      wake.add(done);
    });

  /** Complete or fail a job, unless the stop already released it. */
  async function settle(name: string, id: string, error: Error | null) {
    if (!inHand.delete(id)) return;
    try {
      if (error) await boss.fail(name, id, { message: error.message });
      else await boss.complete(name, id);
    } catch (e) {
      onError(`jobs: ${name}: ${(e as Error).message}`);
    }
  }

  async function loop(name: string, handler: JobHandler<object>) {
    while (!stopping) {
      let batch: PgBoss.Job<object>[] = [];
      try {
        batch = await boss.fetch<object>(name);
      } catch (e) {
        onError(`jobs: ${name}: ${(e as Error).message}`);
      }
      // A fetch that was in flight when the stop began still hands its job over: it is done (or released) like any other.
      for (const job of batch) {
        inHand.set(job.id, name);
        try {
          await handler(job.data);
          await settle(name, job.id, null);
        } catch (e) {
          // The message may quote a value (a database error names the row): it goes to the job's record, the log gets its kind only.
          onError(`jobs: ${name}: job ${job.id} failed (${(e as { code?: string }).code ?? (e as Error).name})`);
          await settle(name, job.id, e as Error);
        }
      }
      if (!batch.length && !stopping) await idle();
    }
  }

  return {
    register(name, handler, options = {}) {
      if (started) throw new Error(`job ${name} registered after start`);
      handlers.set(name, { handler: handler as JobHandler<object>, options });
    },
    schedule(name, cron) {
      if (started) throw new Error(`job ${name} scheduled after start`);
      schedules.set(name, cron);
    },
    async send(name, data) {
      const h = handlers.get(name);
      if (!h) throw new Error(`no handler for job ${name}`);
      await boss.send(name, data, { ...RETRY, ...h.options });
    },
    async start() {
      await boss.start();
      for (const name of handlers.keys()) await ensureQueue(boss, name);
      for (const [name, cron] of schedules) {
        const h = handlers.get(name);
        if (!h) throw new Error(`no handler for scheduled job ${name}`);
        await boss.schedule(name, cron, {}, { tz: 'Europe/Amsterdam', ...h.options });
      }
      for (const [name, h] of handlers) loops.push(loop(name, h.handler));
      started = true;
    },
    async stop() {
      if (!started || stopping) return;
      stopping = true;
      for (const w of [...wake]) w();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.all(loops), new Promise((r) => (timer = setTimeout(r, opts.stopTimeoutMs ?? 10_000)))]);
      clearTimeout(timer);
      // Still running: released, so the next process takes it after the retry delay instead of after its expiry.
      for (const [id, name] of [...inHand]) {
        inHand.delete(id);
        await boss.fail(name, id, { message: 'het proces stopte tijdens deze taak' }).catch((e: Error) => onError(`jobs: ${name}: ${e.message}`));
      }
      await boss.stop({ graceful: false, wait: true });
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

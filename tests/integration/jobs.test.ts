import { randomUUID } from 'node:crypto';
import PgBoss from 'pg-boss';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { connect } from '../../src/db/index.ts';
import { createJobs, type Jobs } from '../../src/platform/jobs.ts';

/**
 * A stopping app finishes or releases the job it holds, so the next app (a
 * restart, a deploy) picks it up at once, not after pg-boss's 15-minute expiry.
 * Each test has its own pg-boss schema.
 */
const url = inject('databaseUrl');
const sql = connect(url, { max: 2 });
const started: Jobs[] = [];
afterAll(async () => {
  for (const j of started) await j.stop().catch(() => {});
  await sql.end();
});

const fresh = () => `pgboss_jobs_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
const errors: string[] = [];

function jobsOn(schema: string, handler: (data: { n: number }) => Promise<void>, stopTimeoutMs = 10_000) {
  const jobs = createJobs(url, (m) => errors.push(m), schema, { stopTimeoutMs });
  jobs.register<{ n: number }>('test.work', handler);
  started.push(jobs);
  return jobs;
}

async function until(what: string, check: () => Promise<boolean> | boolean) {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for: ${what}`);
}

const states = async (schema: string) =>
  (await sql.unsafe<{ state: string }[]>(`select state from ${schema}.job where name = 'test.work'`)).map((r) => r.state);

describe('stopping the job workers', () => {
  it('a job fetched in the moment the app stops is finished, not left active', async () => {
    const schema = fresh();
    // The job waits before the app starts: the app's first fetch takes it while the app is already stopping.
    const sender = new PgBoss({ connectionString: url, schema, max: 1 });
    await sender.start();
    await sender.createQueue('test.work');
    await sender.send('test.work', { n: 1 });
    await sender.stop({ graceful: false });
    const done: number[] = [];
    const a = jobsOn(schema, async (d) => {
      done.push(d.n);
    });
    await a.start();
    await a.stop();
    expect(await states(schema)).not.toContain('active');
    const b = jobsOn(schema, async (d) => {
      done.push(d.n);
    });
    await b.start();
    await until('the job is done', async () => (await states(schema)).every((x) => x === 'completed'));
    expect(done).toEqual([1]);
    await b.stop();
  });

  it('a job still running when the stop times out is released, and the next app does it', async () => {
    const schema = fresh();
    let release!: () => void;
    const blocked = new Promise<void>((r) => (release = r));
    let running = false;
    const a = jobsOn(
      schema,
      async () => {
        running = true;
        await blocked;
      },
      1000,
    );
    await a.start();
    await a.send('test.work', { n: 2 });
    await until('the first app runs the job', () => running);
    await a.stop();
    expect(await states(schema)).not.toContain('active');
    release();

    const done: number[] = [];
    const b = jobsOn(schema, async (d) => {
      done.push(d.n);
    });
    await b.start();
    await until('the next app did the job', () => done.length > 0);
    expect(done).toEqual([2]);
    await b.stop();
  });

  it('a job running when the app stops is finished before the stop returns', async () => {
    const schema = fresh();
    let release!: () => void;
    const blocked = new Promise<void>((r) => (release = r));
    let running = false;
    const a = jobsOn(schema, async () => {
      running = true;
      await blocked;
    });
    await a.start();
    await a.send('test.work', { n: 3 });
    await until('the app runs the job', () => running);
    const stopping = a.stop();
    release();
    await stopping;
    expect(await states(schema)).toEqual(['completed']);
  });
});

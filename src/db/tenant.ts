import type { Sql } from './index.ts';

/**
 * Row-level security, the second wall (docs/decisions/0009-row-level-security.md).
 *
 * The app's requests and jobs reach the database through the *tenant pool*: the
 * same server and login as DATABASE_URL, but every connection acts as
 * `leerrecht_app` (a startup `role` parameter, as SET ROLE), which owns no
 * table and is no superuser, so the policies of migration 0014 apply. A
 * connection of that pool is only ever used through `withTenant`: it is
 * reserved for one request or job, told its partnership first, reset and
 * handed back after. With no partnership, every tenant table reads empty.
 */
export const APP_ROLE = 'leerrecht_app';
/** The setting the policies read (`current_setting('app.partnership_id', true)`). */
export const TENANT_SETTING = 'app.partnership_id';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Runs `fn` on one reserved connection of the tenant pool with the tenant set
 * for exactly that time. Queries through the handed-out connection after `fn`
 * has ended are refused, so nothing runs later under another request's tenant.
 * `begin` on it runs a transaction on that same connection (one at a time).
 */
export async function withTenant<T>(pool: Sql, partnershipId: string | null, fn: (sql: Sql) => Promise<T>): Promise<T> {
  if (partnershipId !== null && !UUID.test(partnershipId)) throw new Error('tenant is not a uuid');
  const reserved = await pool.reserve();
  let open = true;
  try {
    await reserved`select set_config(${TENANT_SETTING}, ${partnershipId ?? ''}, false)`;
    return await fn(guarded(reserved as unknown as Sql, () => open));
  } finally {
    open = false;
    try {
      await reserved`select set_config(${TENANT_SETTING}, '', false)`;
    } finally {
      reserved.release();
    }
  }
}

/** The reserved connection as the app's code uses a pool: tagged queries, `unsafe`, `begin`. */
function guarded(reserved: Sql, isOpen: () => boolean): Sql {
  const check = () => {
    if (!isOpen()) throw new Error('a tenant connection was used after its request or job ended');
  };
  let queue: Promise<unknown> = Promise.resolve();
  const begin = (a: unknown, b?: unknown) => {
    const fn = (typeof a === 'function' ? a : b) as (tx: Sql) => unknown;
    const mode = typeof a === 'string' ? a.replace(/[^a-z ]/gi, '') : '';
    const run = async () => {
      check();
      await reserved.unsafe(`begin ${mode}`);
      try {
        const out = fn(proxy);
        const result = Array.isArray(out) ? await Promise.all(out) : await out;
        await reserved`commit`;
        return result;
      } catch (e) {
        await reserved`rollback`.catch(() => {});
        throw e;
      }
    };
    // One transaction at a time on the one connection.
    const next = queue.then(run, run);
    queue = next.catch(() => {});
    return next;
  };
  const proxy: Sql = new Proxy(reserved, {
    apply(target, thisArg, args) {
      check();
      return Reflect.apply(target as unknown as (...a: unknown[]) => unknown, thisArg, args);
    },
    get(target, prop, receiver) {
      if (prop === 'begin') return begin;
      if (prop === 'reserve' || prop === 'end' || prop === 'release' || prop === 'listen') return undefined;
      const value = Reflect.get(target, prop, receiver);
      if (prop === 'unsafe' || prop === 'file') {
        return (...args: unknown[]) => {
          check();
          return (value as (...a: unknown[]) => unknown)(...args);
        };
      }
      return value;
    },
  });
  return proxy;
}

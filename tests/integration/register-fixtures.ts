import type { Role } from '../../src/platform/access/roles.ts';
import type { TestApp } from '../helpers/app.ts';
import { type Client, signIn } from '../helpers/client.ts';
import * as f from '../helpers/factories.ts';

/**
 * A partnership of a test file's own with two schools under one board and
 * its staff (each a role at the partnership, school 1 or school 2), all
 * signed in: the start of the register and arrangement tests.
 */
export async function twoSchools<K extends string>(
  t: TestApp,
  schools: [{ name: string; kind?: string }, { name: string; kind?: string }],
  staff: Record<K, [Role, 1 | 2 | null]>,
) {
  const p = await f.partnership(t.sql);
  const board = await f.board(t.sql, p.id);
  const s1 = await f.school(t.sql, p.id, board.id, schools[0]);
  const s2 = await f.school(t.sql, p.id, board.id, schools[1]);
  const users = {} as Record<K, f.TestUser>;
  for (const [k, [role, at]] of Object.entries(staff) as [K, [Role, 1 | 2 | null]][]) {
    users[k] = await f.user(t.sql, p.id, { roles: [{ role, schoolId: at === null ? null : at === 1 ? s1.id : s2.id }] });
  }
  const c = Object.fromEntries(await Promise.all(Object.entries(users).map(async ([k, u]) => [k, await signIn(t.app, u as f.TestUser)]))) as Record<K, Client>;
  /** A pupil enrolled at the school, named so the lists can be read; other columns as given. */
  const pupil = async (schoolId: string, lastName: string, cols: f.Cols = {}) =>
    (await f.pupil(t.sql, p.id, schoolId, null, { lastName, student_number: `${lastName}-${Math.random().toString(36).slice(2, 8)}`, ...cols })).id;
  return { p, s1, s2, users, c, pupil };
}

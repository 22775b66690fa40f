import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { blockedFolder, blockedMessage } from './embedded-access.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lr-access-'));
fs.chmodSync(root, 0o755);
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** A folder like /root: only its owner may enter. */
function folder(name: string, mode: number) {
  const dir = path.join(root, name);
  fs.mkdirSync(path.join(dir, 'clone', 'data'), { recursive: true });
  fs.chmodSync(dir, mode);
  return dir;
}

describe('can the postgres user reach the data folder and the binaries', () => {
  const me = { uid: process.getuid!(), gid: process.getgid!() };
  const stranger = { uid: null, gid: null };

  it('names the first folder another user cannot enter, as a clone under /root has', () => {
    const home = folder('home700', 0o700);
    expect(blockedFolder(path.join(home, 'clone', 'data'), stranger)).toEqual({ dir: home, mode: 0o700 });
    // Its owner may; a folder others may enter (711, 755) is no obstacle.
    expect(blockedFolder(path.join(home, 'clone', 'data'), me)).toBeNull();
    expect(blockedFolder(path.join(folder('open711', 0o711), 'clone', 'data'), stranger)).toBeNull();
  });

  it('lets the group in only through the group bits', () => {
    const shared = folder('group750', 0o750);
    const fellow = { uid: me.uid + 4242, gid: fs.statSync(shared).gid };
    expect(blockedFolder(path.join(shared, 'clone'), fellow)).toBeNull();
    expect(blockedFolder(path.join(shared, 'clone'), { uid: me.uid + 4242, gid: fellow.gid + 4242 })).toEqual({ dir: shared, mode: 0o750 });
  });

  it('does not object to a folder that does not exist yet (the start makes it)', () => {
    expect(blockedFolder(path.join(root, 'nog-niet', 'data'), stranger)).toBeNull();
  });

  it('says in one line what is wrong and what to do', () => {
    const line = blockedMessage({ dir: '/root', mode: 0o700 }, 'de gegevensmap /root/lr/data');
    expect(line).not.toContain('\n');
    expect(line).toContain('kan niet in /root (rechten 700)');
    expect(line).toMatch(/als gewone gebruiker|DATABASE_URL|\/opt\/leerrecht/);
  });
});

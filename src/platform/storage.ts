import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Where uploaded documents live, behind one interface: in the database
 * (default: backed up with everything else, one transaction with its row) or
 * in a storage folder (DOCUMENT_DIR: keeps large files out of the database).
 */
export interface StoredFile {
  storage: 'db' | 'folder';
  content: Buffer | null;
  storageKey: string | null;
  sha256: string;
}

export interface FileStorage {
  put(bytes: Buffer): Promise<StoredFile>;
  get(file: { storage: string; content: Buffer | null; storageKey: string | null }): Promise<Buffer>;
  /** Remove the bytes (the row stays, for the record of who deleted what and why). */
  remove(file: { storage: string; storageKey: string | null }): Promise<void>;
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

export function createStorage(dir: string | undefined): FileStorage {
  return {
    async put(bytes) {
      if (!dir) return { storage: 'db', content: bytes, storageKey: null, sha256: sha256(bytes) };
      const key = randomUUID();
      await fs.mkdir(dir, { recursive: true });
      await fs.writeFile(path.join(dir, key), bytes, { flag: 'wx' });
      return { storage: 'folder', content: null, storageKey: key, sha256: sha256(bytes) };
    },
    async get(file) {
      if (file.storage === 'db') return file.content ?? Buffer.alloc(0);
      if (!dir || !file.storageKey) throw new Error('document storage folder not configured');
      return fs.readFile(path.join(dir, file.storageKey));
    },
    async remove(file) {
      if (file.storage === 'folder' && dir && file.storageKey) await fs.rm(path.join(dir, file.storageKey), { force: true });
    },
  };
}

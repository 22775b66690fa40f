import type { Tx } from '../../../db/index.ts';
import { snapshotOf } from './dossier-items.ts';
import type { AttachmentType } from '../schema.ts';

/** Sends what the request holds and has not sent yet (at submission: everything), each item as it is now. Returns their ids. */
export async function shareUnsent(tx: Tx, requestId: string): Promise<string[]> {
  const unsent = await tx<{ id: string; itemType: AttachmentType; itemId: string }[]>`
    select id, item_type as "itemType", item_id as "itemId" from request_attachments where request_id = ${requestId} and shared_at is null and removed_at is null`;
  for (const a of unsent) {
    await tx`update request_attachments set snapshot = ${tx.json((await snapshotOf(tx, a.itemType, a.itemId)) as never)}, shared_at = now() where id = ${a.id}`;
  }
  return unsent.map((a) => a.id);
}

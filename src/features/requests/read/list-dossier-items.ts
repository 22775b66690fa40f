import { transaction } from '../../../db/index.ts';
import { audit } from '../../../platform/audit.ts';
import type { StaffContext } from '../../../platform/http/context.ts';
import { composing, requestFor } from '../reveal-request.ts';
import { dossierItems } from '../compose/dossier-items.ts';

/** What can be attached from the pupil's dossier, marked when attached already (and when sent). */
export async function listDossierItems(ctx: StaffContext, id: string) {
  return transaction(ctx.sql, async (tx) => {
    const r = await requestFor(tx, ctx, id, composing);
    if (!r.pupilId) return [];
    const [items, attached] = await Promise.all([
      dossierItems(tx, r.pupilId),
      tx<{ key: string; shared: boolean }[]>`
        select item_type || ':' || item_id as key, shared_at is not null as shared from request_attachments where request_id = ${id} and removed_at is null`,
    ]);
    const keys = new Map(attached.map((a) => [a.key, a.shared]));
    await audit(tx, ctx.actor, { action: 'request.dossier_items', entityType: 'request', entityId: id, pupilId: r.pupilId, schoolId: r.schoolId });
    return items.map((i) => ({ ...i, attached: keys.has(`${i.itemType}:${i.itemId}`), shared: keys.get(`${i.itemType}:${i.itemId}`) ?? false }));
  });
}

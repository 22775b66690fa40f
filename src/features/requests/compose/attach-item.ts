import type { z } from 'zod';
import { transaction } from '../../../db/index.ts';
import { fieldError } from '../../../platform/errors.ts';
import type { StaffContext } from '../../../platform/http/context.ts';
import { CONFIDENTIAL_STAYS } from '../../pupils/api.ts';
import { composing, requestFor } from '../reveal-request.ts';
import { dossierItems } from './dossier-items.ts';
import type { AttachInput } from '../schema.ts';
import { auditRequest } from '../audit-request.ts';

/**
 * Attaches an item of the pupil's own dossier, by reference: nothing is typed
 * again. After submission the item waits until the school sends it
 * (thread/send-supplement.ts); an item already sent stays as it was sent.
 */
export async function attachItem(ctx: StaffContext, id: string, input: z.infer<typeof AttachInput>) {
  return transaction(ctx.sql, async (tx) => {
    const r = await requestFor(tx, ctx, id, composing, true);
    if (!r.pupilId) fieldError('itemId', 'Deze aanvraag noemt geen leerling: er is geen dossier om uit toe te voegen.');
    const [item] = await dossierItems(tx, r.pupilId!, input);
    if (!item) fieldError('itemId', 'Dit onderdeel hoort niet bij het dossier van deze leerling.');
    if (item!.confidential) fieldError('itemId', `${CONFIDENTIAL_STAYS} Zij gaat niet mee met een aanvraag aan het samenwerkingsverband.`);
    const [row] = await tx<{ id: string }[]>`
      insert into request_attachments (partnership_id, request_id, item_type, item_id, label, item_date, health, added_by)
      values (${ctx.scope.partnershipId}, ${id}, ${item!.itemType}, ${item!.itemId}, ${item!.label}, ${item!.itemDate}, ${item!.health}, ${ctx.principal.userId})
      on conflict (request_id, item_type, item_id) do update set removed_at = null where request_attachments.shared_at is null
      returning id`;
    if (!row) fieldError('itemId', 'Dit stuk is al met de aanvraag meegestuurd.');
    await auditRequest(tx, ctx, r, 'attach', { itemType: item!.itemType, itemId: item!.itemId });
    return { id: row!.id };
  });
}

import { transaction } from '../../../db/index.ts';
import { fail } from '../../../platform/errors.ts';
import type { StaffContext } from '../../../platform/http/context.ts';
import { composing, requestFor } from '../reveal-request.ts';
import { auditRequest } from '../audit-request.ts';

/** Takes an item off the request again; not one the partnership has received. */
export async function detachItem(ctx: StaffContext, id: string, attachmentId: string) {
  return transaction(ctx.sql, async (tx) => {
    const r = await requestFor(tx, ctx, id, composing, true);
    const [row] = await tx`
      delete from request_attachments where id = ${attachmentId} and request_id = ${id} and shared_at is null returning id`;
    if (!row) {
      const [sent] = await tx`select 1 from request_attachments where id = ${attachmentId} and request_id = ${id}`;
      if (sent) fail('CONFLICT', 'Dit stuk is al naar het samenwerkingsverband gestuurd en kan niet meer worden teruggehaald.');
      fail('NOT_FOUND');
    }
    await auditRequest(tx, ctx, r, 'detach', { attachmentId });
    return { ok: true as const };
  });
}

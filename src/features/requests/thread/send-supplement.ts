import type { z } from 'zod';
import { transaction } from '../../../db/index.ts';
import { fail } from '../../../platform/errors.ts';
import type { StaffContext } from '../../../platform/http/context.ts';
import { requestFor } from '../reveal-request.ts';
import { shareUnsent } from '../compose/share-unsent.ts';
import { unsentCheck } from '../compose/load-completeness.ts';
import type { SupplementInput } from '../schema.ts';
import { schoolReply } from './school-reply.ts';

/**
 * Sends what the school added from the dossier after submission (nasturen),
 * e.g. the report an addition asked for: only with the consents those items
 * need, each as it is now, in one transaction with the message that says so.
 * The partnership sees the items from this moment on.
 */
export async function sendSupplement(ctx: StaffContext, id: string, input: z.infer<typeof SupplementInput>) {
  return transaction(ctx.sql, async (tx) => {
    const r = await requestFor(tx, ctx, id, 'supplement', true);
    const { unsent, missing } = await unsentCheck(tx, id);
    if (!unsent.length) fail('CONFLICT', 'Er staat niets klaar om na te sturen. Voeg eerst een stuk uit het dossier toe.');
    if (missing.length) fail('VALIDATION', missing.map((m) => m.message).join(' '), missing.map((m) => ({ path: m.part, message: m.message })));
    // The request row is locked (requestFor): what was checked is what is sent.
    const shared = await shareUnsent(tx, id);
    const body = input.body || `De school stuurt na: ${unsent.map((a) => a.label).join('; ')}.`;
    return schoolReply(tx, ctx, r, { body, answersId: input.answersId, attachmentIds: shared });
  });
}

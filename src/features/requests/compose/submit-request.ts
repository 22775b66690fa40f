import type { z } from 'zod';
import { transaction } from '../../../db/index.ts';
import { fail } from '../../../platform/errors.ts';
import type { StaffContext } from '../../../platform/http/context.ts';
import { addDays, today } from '../../../platform/time.ts';
import { requestFor } from '../reveal-request.ts';
import { completenessOf } from './load-completeness.ts';
import type { SubmitInput } from '../schema.ts';
import { loadRequestSettings } from '../settings/request-settings.ts';
import { addStatusMessage } from '../thread/add-status-message.ts';
import { shareUnsent } from './share-unsent.ts';
import { auditRequest } from '../audit-request.ts';
import { checkRevision } from './check-revision.ts';

/**
 * Submits the request: only when nothing the partnership requires is
 * missing, so it is never bounced later. What was attached is copied as it
 * is now: the partnership reads what the parents consented to share.
 */
export async function submitRequest(ctx: StaffContext, id: string, input: z.infer<typeof SubmitInput>) {
  return transaction(ctx.sql, async (tx) => {
    const r = await requestFor(tx, ctx, id, 'submit', true);
    await checkRevision(tx, r, input.revision);
    const { missing } = await completenessOf(tx, id);
    if (missing.length) {
      fail('VALIDATION', `De aanvraag is nog niet compleet: ${missing.map((m) => m.message).join(' ')}`, missing.map((m) => ({ path: m.part, message: m.message })));
    }
    const shared = await shareUnsent(tx, id);
    const settings = await loadRequestSettings(tx, ctx.scope.partnershipId);
    const dueOn = addDays(today(), settings.decisionTargetDays[r.kind]);
    await tx`update requests set status = 'submitted', submitted_at = now(), decision_due_on = ${dueOn}, updated_by = ${ctx.principal.userId}, updated_at = now() where id = ${id}`;
    await addStatusMessage(tx, ctx, id, 'school', 'De school heeft de aanvraag ingediend.');
    await auditRequest(tx, ctx, r, 'submit', { attachments: shared.length });
    return { status: 'submitted' as const };
  });
}

import { audit } from '../../../platform/audit.ts';
import { fail } from '../../../platform/errors.ts';
import type { StaffContext } from '../../../platform/http/context.ts';
import type { FileStorage } from '../../../platform/storage.ts';
import { documentPolicy, MEDICAL_CLOSED } from '../../pupils/api.ts';
import { requestFor } from '../reveal-request.ts';
import { seesUnsent } from '../policy.ts';

/**
 * A document attached to a request, for whoever holds the request (the
 * school, the consultant, the experts, the director at the decision): the
 * file behind the commission summary. Not after the retention job removed a
 * health item, and not when the school has deleted the document since.
 */
export async function downloadAttachment(ctx: StaffContext, storage: FileStorage, requestId: string, attachmentId: string) {
  const r = await requestFor(ctx.sql, ctx, requestId, 'read');
  const [doc] = await ctx.sql<{ id: string; filename: string; mimeType: string; category: string; grantedTo: string[]; storage: string; content: Buffer | null; storageKey: string | null; deleted: boolean }[]>`
    select d.id, d.filename, d.mime_type as "mimeType", d.category, d.storage, d.content, d.storage_key as "storageKey", d.deleted_at is not null as deleted,
      coalesce((select array_agg(g.user_id) from document_access_grants g where g.document_id = d.id and g.revoked_at is null), '{}') as "grantedTo"
    from request_attachments a join documents d on d.id = a.item_id
    where a.id = ${attachmentId} and a.request_id = ${requestId} and a.item_type = 'document' and a.removed_at is null
      and (a.shared_at is not null or ${seesUnsent(ctx.principal, r)})`;
  if (!doc) fail('NOT_FOUND');
  if (doc!.deleted) fail('NOT_FOUND', 'De school heeft dit document uit het dossier verwijderd.');
  // At the school the dossier's need-to-know holds here too; the partnership reads health data it was given for its task (WPO 18a), with consent.
  if (seesUnsent(ctx.principal, r) && !documentPolicy.can(ctx.principal, 'download', { schoolId: r.schoolId, classId: null, category: doc!.category, grantedTo: doc!.grantedTo })) {
    await audit(ctx.sql, ctx.actor, { action: 'document.download_refused', entityType: 'document', entityId: doc!.id, pupilId: r.pupilId, schoolId: r.schoolId, details: { requestId } });
    fail('FORBIDDEN', MEDICAL_CLOSED);
  }
  const bytes = await storage.get(doc!);
  await audit(ctx.sql, ctx.actor, { action: 'request.attachment_file', entityType: 'request', entityId: requestId, pupilId: r.pupilId, schoolId: r.schoolId, details: { attachmentId } });
  return { filename: doc!.filename, mimeType: doc!.mimeType, bytes };
}

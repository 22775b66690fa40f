import type { MultipartFile } from '@fastify/multipart';
import { transaction, type Db } from '../../db/index.ts';
import { audit } from '../../platform/audit.ts';
import { fail, fieldError } from '../../platform/errors.ts';
import type { StaffContext } from '../../platform/http/context.ts';
import type { FileStorage } from '../../platform/storage.ts';
import { documentType } from '../../platform/uploads.ts';
import { documentPolicy, MEDICAL_CLOSED, pupilFor } from './api.ts';
import { documentCategories } from './schema.ts';

/** 20 MB: a scanned test report of ~40 pages; larger files belong in the school's own archive. */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

export async function uploadDocument(ctx: StaffContext, storage: FileStorage, pupilId: string, file: MultipartFile | undefined) {
  if (!file) fieldError('file', 'Kies een bestand.');
  const category = String((file!.fields.category as { value?: unknown } | undefined)?.value ?? 'overig');
  if (!(documentCategories as readonly string[]).includes(category)) fieldError('category', 'Kies een soort document.');
  await pupilFor(ctx.sql, ctx, pupilId, 'uploadDocument');
  const bytes = await file!.toBuffer().catch(() => fieldError('file', 'Het bestand is groter dan 20 MB.'));
  if (file!.file.truncated || bytes.length > MAX_DOCUMENT_BYTES) fieldError('file', 'Het bestand is groter dan 20 MB.');
  if (bytes.length === 0) fieldError('file', 'Het bestand is leeg.');
  const type = (await documentType(bytes, file!.filename)) ?? fieldError('file', 'Alleen PDF, Office-documenten en afbeeldingen kunnen worden toegevoegd. Sla het bestand op als PDF en probeer het opnieuw.');
  const stored = await storage.put(bytes);
  try {
    return await transaction(ctx.sql, async (tx) => {
      const pupil = await pupilFor(tx, ctx, pupilId, 'uploadDocument');
      const [row] = await tx<{ id: string }[]>`
        insert into documents (partnership_id, school_id, pupil_id, filename, mime_type, size_bytes, sha256, category, storage, content, storage_key, uploaded_by)
        values (${ctx.scope.partnershipId}, ${pupil.schoolId}, ${pupilId}, ${type.filename}, ${type.mimeType}, ${bytes.length}, ${stored.sha256}, ${category},
                ${stored.storage}, ${stored.content}, ${stored.storageKey}, ${ctx.principal.userId}) returning id`;
      await audit(tx, ctx.actor, { action: 'document.upload', entityType: 'document', entityId: row!.id, pupilId, schoolId: pupil.schoolId, details: { category, sizeBytes: bytes.length } });
      return { id: row!.id };
    });
  } catch (e) {
    await storage.remove(stored); // no orphan file when the row was not written
    throw e;
  }
}

export async function loadDocument(db: Db, ctx: StaffContext, documentId: string) {
  const [doc] = await db<{ id: string; pupilId: string; filename: string; mimeType: string; category: string; grantedTo: string[]; storage: string; content: Buffer | null; storageKey: string | null }[]>`
    select d.id, d.pupil_id as "pupilId", d.filename, d.mime_type as "mimeType", d.category, d.storage, d.content, d.storage_key as "storageKey",
      coalesce((select array_agg(g.user_id) from document_access_grants g where g.document_id = d.id and g.revoked_at is null), '{}') as "grantedTo"
    from documents d where d.id = ${documentId} and d.partnership_id = ${ctx.scope.partnershipId} and d.deleted_at is null`;
  return doc ?? fail('NOT_FOUND');
}

/**
 * The file, for whoever the document policy lets open it. A medical document
 * someone may not open is refused with the reason, and the refusal is
 * audited: a reader who tries is as much the privacy officer's business as
 * one who reads.
 */
export async function downloadDocument(ctx: StaffContext, storage: FileStorage, documentId: string) {
  const doc = await loadDocument(ctx.sql, ctx, documentId);
  const pupil = await pupilFor(ctx.sql, ctx, doc.pupilId, 'read');
  if (!documentPolicy.can(ctx.principal, 'download', { ...pupil, category: doc.category, grantedTo: doc.grantedTo })) {
    await audit(ctx.sql, ctx.actor, { action: 'document.download_refused', entityType: 'document', entityId: doc.id, pupilId: doc.pupilId, schoolId: pupil.schoolId, details: { category: doc.category } });
    fail('FORBIDDEN', MEDICAL_CLOSED);
  }
  const bytes = await storage.get(doc);
  await audit(ctx.sql, ctx.actor, { action: 'document.download', entityType: 'document', entityId: doc.id, pupilId: doc.pupilId, schoolId: pupil.schoolId });
  return { filename: doc.filename, mimeType: doc.mimeType, bytes };
}

/** Deleting keeps the record (who, when, why) and removes the content. */
export async function deleteDocument(ctx: StaffContext, storage: FileStorage, documentId: string, reason: string) {
  const doc = await loadDocument(ctx.sql, ctx, documentId);
  await transaction(ctx.sql, async (tx) => {
    const pupil = await pupilFor(tx, ctx, doc.pupilId, 'deleteDocument');
    await tx`update documents set deleted_at = now(), deleted_by = ${ctx.principal.userId}, delete_reason = ${reason}, content = null where id = ${documentId}`;
    await audit(tx, ctx.actor, { action: 'document.delete', entityType: 'document', entityId: documentId, pupilId: doc.pupilId, schoolId: pupil.schoolId });
  });
  await storage.remove(doc);
  return { id: documentId };
}

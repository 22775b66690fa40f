import type { z } from 'zod';
import { transaction } from '../../db/index.ts';
import { audit } from '../../platform/audit.ts';
import { fail, fieldError } from '../../platform/errors.ts';
import type { StaffContext } from '../../platform/http/context.ts';
import { documentPolicy, pupilFor } from './api.ts';
import { loadDocument } from './documents.ts';
import type { DocumentAccessInput } from './schema.ts';

/** The document as the policy sees it, after the grant check: 404 when the pupil is not the caller's, 403 when they may not name readers. */
async function grantable(tx: Parameters<typeof loadDocument>[0], ctx: StaffContext, documentId: string) {
  const doc = await loadDocument(tx, ctx, documentId);
  const pupil = await pupilFor(tx, ctx, doc.pupilId, 'read');
  documentPolicy.authorize(ctx.principal, 'grantAccess', { ...pupil, category: doc.category, grantedTo: doc.grantedTo });
  return { doc, pupil };
}

/** The OCO names a staff member of the pupil's school who may open this one medical document. */
export async function grantDocumentAccess(ctx: StaffContext, documentId: string, input: z.infer<typeof DocumentAccessInput>) {
  return transaction(ctx.sql, async (tx) => {
    const { doc, pupil } = await grantable(tx, ctx, documentId);
    const [staff] = await tx`
      select 1 from role_assignments r join users u on u.id = r.user_id
      where r.user_id = ${input.userId} and r.school_id = ${pupil.schoolId} and u.status = 'active' and u.partnership_id = ${ctx.scope.partnershipId}`;
    if (!staff) fieldError('userId', 'Kies een actieve medewerker van de school van deze leerling.');
    const [row] = await tx<{ id: string }[]>`
      insert into document_access_grants (partnership_id, document_id, user_id, reason, granted_by)
      values (${ctx.scope.partnershipId}, ${doc.id}, ${input.userId}, ${input.reason}, ${ctx.principal.userId})
      on conflict (document_id, user_id) where revoked_at is null do nothing returning id`;
    if (!row) fieldError('userId', 'Deze medewerker mag dit document al openen.');
    await audit(tx, ctx.actor, { action: 'document.access_grant', entityType: 'document', entityId: doc.id, pupilId: doc.pupilId, schoolId: pupil.schoolId, details: { userId: input.userId } });
    return { id: row!.id };
  });
}

/** Takes a named reader's access away again; the grant stays on record as revoked. */
export async function revokeDocumentAccess(ctx: StaffContext, documentId: string, userId: string) {
  return transaction(ctx.sql, async (tx) => {
    const { doc, pupil } = await grantable(tx, ctx, documentId);
    const [row] = await tx<{ id: string }[]>`
      update document_access_grants set revoked_at = now(), revoked_by = ${ctx.principal.userId}
      where document_id = ${doc.id} and user_id = ${userId} and revoked_at is null returning id`;
    if (!row) fail('NOT_FOUND');
    await audit(tx, ctx.actor, { action: 'document.access_revoke', entityType: 'document', entityId: doc.id, pupilId: doc.pupilId, schoolId: pupil.schoolId, details: { userId } });
    return { id: row!.id };
  });
}

import type { Tx } from '../../../db/index.ts';
import { audit } from '../../../platform/audit.ts';
import type { StaffContext } from '../../../platform/http/context.ts';
import { dossierItems } from './dossier-items.ts';

/**
 * A draft request that continues an earlier one (an extension of a TLV or an
 * arrangement): same kind, pupil, school and arrangement kind, its texts with
 * a first line saying what it extends, and its attachments that are still in
 * the pupil's dossier (a deleted document, or a health item removed after 3
 * years, is not copied). The school completes and submits it as any request.
 */
export async function draftFollowUp(tx: Tx, ctx: StaffContext, previousRequestId: string, o: { schoolId: string; firstLine: string; audit: Record<string, unknown> }): Promise<{ id: string }> {
  const [p] = await tx<{ pupilId: string | null; kind: string; tlvSchoolKind: string | null; arrangementKindId: string | null; groupDescription: string; question: string; doneAlready: string; expectation: string; returnGoal: string }[]>`
    select pupil_id as "pupilId", kind, tlv_school_kind as "tlvSchoolKind", arrangement_kind_id as "arrangementKindId", group_description as "groupDescription",
      question, done_already as "doneAlready", expectation, return_goal as "returnGoal"
    from requests where id = ${previousRequestId}`;
  const prev = p!;
  const [row] = await tx<{ id: string }[]>`
    insert into requests (partnership_id, school_id, pupil_id, kind, tlv_school_kind, arrangement_kind_id, group_description, previous_request_id,
      question, done_already, expectation, return_goal, created_by, updated_by)
    values (${ctx.scope.partnershipId}, ${o.schoolId}, ${prev.pupilId}, ${prev.kind}, ${prev.tlvSchoolKind}, ${prev.arrangementKindId}, ${prev.groupDescription}, ${previousRequestId},
            ${prev.question ? `${o.firstLine}\n\n${prev.question}` : o.firstLine}, ${prev.doneAlready}, ${prev.expectation}, ${prev.returnGoal}, ${ctx.principal.userId}, ${ctx.principal.userId})
    returning id`;
  let copied = 0;
  if (prev.pupilId) {
    // A confidential entry attached before it stayed in the dossier is not carried over.
    const inDossier = new Set((await dossierItems(tx, prev.pupilId)).filter((i) => !i.confidential).map((i) => `${i.itemType}:${i.itemId}`));
    const previous = await tx<{ id: string; itemType: string; itemId: string }[]>`
      select id, item_type as "itemType", item_id as "itemId" from request_attachments where request_id = ${previousRequestId} and removed_at is null`;
    const keep = previous.filter((a) => inDossier.has(`${a.itemType}:${a.itemId}`)).map((a) => a.id);
    if (keep.length) {
      await tx`
        insert into request_attachments (partnership_id, request_id, item_type, item_id, label, item_date, health, added_by)
        select partnership_id, ${row!.id}, item_type, item_id, label, item_date, health, ${ctx.principal.userId}
        from request_attachments where id = any(${keep}::uuid[])`;
    }
    copied = keep.length;
  }
  await audit(tx, ctx.actor, {
    action: 'request.extension_create',
    entityType: 'request',
    entityId: row!.id,
    pupilId: prev.pupilId,
    schoolId: o.schoolId,
    details: { ...o.audit, previousRequestId, attachments: copied },
  });
  return { id: row!.id };
}

import { transaction } from '../../../db/index.ts';
import { fieldError } from '../../../platform/errors.ts';
import { reveal } from '../../../platform/access/reveal.ts';
import type { StaffContext } from '../../../platform/http/context.ts';
import { pupilFor } from '../../pupils/api.ts';
import { draftAt, requestPolicy } from '../policy.ts';
import type { CreateRequestInput } from '../schema.ts';
import { auditRequest } from '../audit-request.ts';

/**
 * A new request, from the pupil page (or for a school: an anonymous
 * consultation, an arrangement for a group or a team). Only the school's
 * support team composes requests.
 */
export async function createRequest(ctx: StaffContext, input: CreateRequestInput) {
  return transaction(ctx.sql, async (tx) => {
    const [school] = await tx`select 1 from schools where id = ${input.schoolId} and partnership_id = ${ctx.scope.partnershipId}`;
    if (!school) fieldError('schoolId', 'Kies een school van dit samenwerkingsverband.');
    const draft = draftAt(input.schoolId, input.kind);
    // A school the reader cannot read requests of is not there for them.
    reveal(ctx.principal, requestPolicy, 'edit', { id: input.schoolId, row: draft, entity: 'school', pupilId: null });
    if (input.pupilId) {
      const pupil = await pupilFor(tx, ctx, input.pupilId, 'read');
      if (pupil.schoolId !== input.schoolId) fieldError('pupilId', 'Deze leerling staat niet ingeschreven op deze school.');
    }
    if (input.kind === 'arrangement') {
      const [kind] = await tx<{ scope: string }[]>`
        select scope from arrangement_kinds where id = ${input.arrangementKindId!} and partnership_id = ${ctx.scope.partnershipId} and active`;
      if (!kind) fieldError('arrangementKindId', 'Kies een arrangement van dit samenwerkingsverband.');
      if (kind!.scope === 'pupil' && !input.pupilId) fieldError('pupilId', 'Dit arrangement is voor één leerling: kies de leerling.');
      if (kind!.scope !== 'pupil' && !input.pupilId && !input.groupDescription) fieldError('groupDescription', 'Beschrijf voor welke groep of welk team het arrangement is.');
    }
    if (input.previousRequestId) {
      const [prev] = await tx`select 1 from requests where id = ${input.previousRequestId} and partnership_id = ${ctx.scope.partnershipId} and pupil_id is not distinct from ${input.pupilId}`;
      if (!prev) fieldError('previousRequestId', 'De vorige aanvraag hoort niet bij deze leerling.');
    }
    const [row] = await tx<{ id: string }[]>`
      insert into requests (partnership_id, school_id, pupil_id, kind, arrangement_kind_id, tlv_school_kind, group_description, previous_request_id, created_by, updated_by)
      values (${ctx.scope.partnershipId}, ${input.schoolId}, ${input.pupilId}, ${input.kind}, ${input.kind === 'arrangement' ? input.arrangementKindId : null},
              ${input.kind === 'tlv' ? input.tlvSchoolKind : null}, ${input.groupDescription}, ${input.previousRequestId}, ${ctx.principal.userId}, ${ctx.principal.userId})
      returning id`;
    await auditRequest(tx, ctx, { id: row!.id, pupilId: input.pupilId, schoolId: input.schoolId }, 'create', { kind: input.kind });
    return { id: row!.id };
  });
}

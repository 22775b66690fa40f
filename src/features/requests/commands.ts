import type { z } from 'zod';
import { transaction, type Tx } from '../../db/index.ts';
import { audit } from '../../platform/audit.ts';
import type { AuditAction } from '../../platform/audit-actions.ts';
import { fail, fieldError } from '../../platform/errors.ts';
import { reveal } from '../../platform/access/reveal.ts';
import type { StaffContext } from '../../platform/http/context.ts';
import { addDays, formatDateTime, today } from '../../platform/time.ts';
import { CONFIDENTIAL_STAYS, pupilFor } from '../pupils/api.ts';
import { composing, requestFor, type RequestRow } from './access.ts';
import { dossierItems, snapshotOf } from './dossier-items.ts';
import { completenessOf } from './facts.ts';
import { draftAt, requestPolicy } from './policy.ts';
import type { AttachInput, AttachmentType, CreateRequestInput, SaveRequestInput, SubmitInput, WithdrawInput } from './schema.ts';
import { loadRequestSettings } from './settings.ts';
import { addStatusMessage } from './thread.ts';

/** Sends what the request holds and has not sent yet (at submission: everything), each item as it is now. Returns their ids. */
export async function shareUnsent(tx: Tx, requestId: string): Promise<string[]> {
  const unsent = await tx<{ id: string; itemType: AttachmentType; itemId: string }[]>`
    select id, item_type as "itemType", item_id as "itemId" from request_attachments where request_id = ${requestId} and shared_at is null and removed_at is null`;
  for (const a of unsent) {
    await tx`update request_attachments set snapshot = ${tx.json((await snapshotOf(tx, a.itemType, a.itemId)) as never)}, shared_at = now() where id = ${a.id}`;
  }
  return unsent.map((a) => a.id);
}

/** The request actions of the audit log, without their 'request.' prefix. */
type RequestStep = AuditAction extends infer A ? (A extends `request.${infer S}` ? S : never) : never;

export const auditRequest = (tx: Tx, ctx: StaffContext, r: { id: string; pupilId: string | null; schoolId: string }, action: RequestStep, details?: Record<string, unknown>) =>
  audit(tx, ctx.actor, { action: `request.${action}`, entityType: 'request', entityId: r.id, pupilId: r.pupilId, schoolId: r.schoolId, details });

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

async function checkRevision(tx: Tx, r: RequestRow, revision: number) {
  if (r.revision === revision) return;
  const [who] = await tx<{ name: string; at: Date }[]>`select u.name, q.updated_at as at from requests q join users u on u.id = q.updated_by where q.id = ${r.id}`;
  fail('CONFLICT', `${who!.name} heeft de aanvraag intussen opgeslagen (${formatDateTime(who!.at)}). Uw wijzigingen zijn niet opgeslagen: kopieer ze, herlaad de pagina en voeg ze opnieuw toe.`);
}

/** Saves what is new for this request; a save over a newer revision is a conflict that names who saved. */
export async function saveRequest(ctx: StaffContext, id: string, input: z.infer<typeof SaveRequestInput>) {
  return transaction(ctx.sql, async (tx) => {
    const r = await requestFor(tx, ctx, id, 'edit', true);
    await checkRevision(tx, r, input.revision);
    const [row] = await tx<{ revision: number }[]>`
      update requests set question = ${input.question}, done_already = ${input.doneAlready}, expectation = ${input.expectation},
        group_description = ${input.groupDescription}, return_goal = ${input.returnGoal}, revision = revision + 1, updated_by = ${ctx.principal.userId}, updated_at = now()
      where id = ${id} returning revision`;
    await auditRequest(tx, ctx, r, 'save', { revision: row!.revision });
    return { revision: row!.revision };
  });
}

/**
 * Attaches an item of the pupil's own dossier, by reference: nothing is typed
 * again. After submission the item waits until the school sends it
 * (supplement.ts); an item already sent stays as it was sent.
 */
export async function attach(ctx: StaffContext, id: string, input: z.infer<typeof AttachInput>) {
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

/** Takes an item off the request again; not one the partnership has received. */
export async function detach(ctx: StaffContext, id: string, attachmentId: string) {
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

/**
 * Submits the request: only when nothing the partnership requires is
 * missing, so it is never bounced later. What was attached is copied as it
 * is now: the partnership reads what the parents consented to share.
 */
export async function submit(ctx: StaffContext, id: string, input: z.infer<typeof SubmitInput>) {
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

export async function withdraw(ctx: StaffContext, id: string, input: z.infer<typeof WithdrawInput>) {
  return transaction(ctx.sql, async (tx) => {
    const r = await requestFor(tx, ctx, id, 'withdraw', true);
    await tx`update requests set status = 'withdrawn', waiting_since = null, updated_by = ${ctx.principal.userId}, updated_at = now() where id = ${id}`;
    await addStatusMessage(tx, ctx, id, 'school', `De school heeft de aanvraag ingetrokken. Reden: ${input.reason}`);
    await auditRequest(tx, ctx, r, 'withdraw');
    return { status: 'withdrawn' as const };
  });
}

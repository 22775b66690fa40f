import type { z } from 'zod';
import { transaction } from '../../../db/index.ts';
import { audit } from '../../../platform/audit.ts';
import type { StaffContext } from '../../../platform/http/context.ts';
import { requestFor } from '../reveal-request.ts';
import { shownSnapshot } from '../compose/dossier-items.ts';
import { completenessOf, requiredParts, unsentCheck } from '../compose/load-completeness.ts';
import { consentAsked } from '../consent/consent-asked.ts';
import { requestPolicy, seesUnsent, visibleAdvices } from '../policy.ts';
import type { Attachment, RequestPage } from '../schema.ts';
import { parentRecipients, PUPIL_NAME } from '../../pupils/api.ts';
import { type ClockRow, clockOf, clockColumns } from './clock.ts';

/** The request page: everything on one screen, with what the reader may do. Audited as a read of the pupil's data. */
export async function readRequest(ctx: StaffContext, id: string): Promise<z.input<typeof RequestPage>> {
  return transaction(ctx.sql, async (tx) => {
    const r = await requestFor(tx, ctx, id, 'read');
    const [row] = await tx`
      select r.id, r.kind, r.status, r.tlv_school_kind as "tlvSchoolKind", r.group_description as "groupDescription", r.question, r.done_already as "doneAlready",
        r.expectation, r.return_goal as "returnGoal", r.revision, r.previous_request_id as "previousRequestId", ${tx.unsafe(clockColumns('r'))},
        json_build_object('id', s.id, 'name', s.name) as school,
        case when p.id is null then null else json_build_object('id', p.id, 'name', ${tx.unsafe(PUPIL_NAME)},
          'birthDate', p.birth_date::text, 'className', c.name) end as pupil,
        case when ak.id is null then null else json_build_object('id', ak.id, 'name', ak.name) end as "arrangementKind",
        json_build_object('id', cb.id, 'name', cb.name) as "createdBy",
        case when at.id is null then null else json_build_object('id', at.id, 'name', at.name) end as "assignedTo"
      from requests r join schools s on s.id = r.school_id join users cb on cb.id = r.created_by
        left join pupils p on p.id = r.pupil_id
        left join enrolments e on e.pupil_id = p.id and e.end_date is null left join classes c on c.id = e.class_id
        left join arrangement_kinds ak on ak.id = r.arrangement_kind_id left join users at on at.id = r.assigned_to
      where r.id = ${id}`;
    const [attachments, consents, asked, messages, experts, decision, objections] = await Promise.all([
      tx<z.infer<typeof Attachment>[]>`select id, item_type as "itemType", item_id as "itemId", label, item_date::text as "itemDate", health, removed_at is not null as removed,
           shared_at is not null as shared, snapshot,
           item_type = 'logbook' and exists (select 1 from logbook_entries l where l.id = item_id and l.confidential) as confidential
         from request_attachments where request_id = ${id} ${seesUnsent(ctx.principal, r) ? tx`` : tx`and shared_at is not null`} order by item_date desc, label`,
      tx`select id, signer, signer_name as "signerName", decision, attachment_ids::text[] as "attachmentIds", comment, method, created_at as "createdAt"
         from request_consents where request_id = ${id} order by created_at`,
      consentAsked(tx, id, (row as unknown as ClockRow).submittedAt),
      tx`select m.id, json_build_object('id', u.id, 'name', u.name) as author, m.side, m.kind, m.body, m.answers_id as "answersId", m.answered_at as "answeredAt",
           m.attachment_ids::text[] as "attachmentIds", m.created_at as "createdAt"
         from request_messages m join users u on u.id = m.author_id where m.request_id = ${id} order by m.created_at, m.id`,
      tx<{ expert: { id: string } }[]>`select x.id, json_build_object('id', u.id, 'name', u.name) as expert, x.discipline, x.advice, x.advised_at as "advisedAt"
         from request_experts x join users u on u.id = x.expert_id where x.request_id = ${id} order by x.assigned_at, u.name`,
      tx`select d.outcome, d.motivation, d.amount_eur::float as "amountEur", d.hours, d.starts_on::text as "startsOn", d.ends_on::text as "endsOn", d.school_kind as "schoolKind",
           d.category, d.cluster, json_build_object('id', u.id, 'name', u.name) as "decidedBy", d.decided_on::text as "decidedOn", t.number as "tlvNumber"
         from request_decisions d join users u on u.id = d.decided_by left join tlvs t on t.request_id = d.request_id where d.request_id = ${id}`,
      tx`select id, lodged_on::text as "lodgedOn", lodged_by as "lodgedBy", grounds, status, committee_advice_on::text as "committeeAdviceOn", outcome_on::text as "outcomeOn", outcome_notes as "outcomeNotes"
         from request_objections where request_id = ${id} order by lodged_on`,
    ]);
    // The completeness check matters while the school composes; afterwards only the parts it required are shown,
    // and to the school what the items it sends after submission still need.
    const check = r.status === 'draft' ? await completenessOf(tx, id) : null;
    const waiting = attachments.some((a) => !a.shared && !a.removed);
    const unsent = r.status !== 'draft' && waiting && requestPolicy.can(ctx.principal, 'supplement', r) ? await unsentCheck(tx, id) : null;
    // Whom consent is asked of by default: the parents with parental authority from the dossier, for the school that asks.
    const asksConsent = r.pupilId !== null && (requestPolicy.can(ctx.principal, 'edit', r) || requestPolicy.can(ctx.principal, 'supplement', r));
    const parents = asksConsent ? await parentRecipients(tx, r.pupilId!) : [];
    await audit(tx, ctx.actor, { action: 'request.read', entityType: 'request', entityId: id, pupilId: r.pupilId, schoolId: r.schoolId });
    return {
      ...(row as object),
      clock: clockOf(row as unknown as ClockRow),
      missing: check?.missing ?? unsent?.missing ?? [],
      requiredParts: check?.input.required ?? (await requiredParts(tx, id)),
      attachments: attachments.map((a) => shownSnapshot(ctx.principal, r, a)),
      consents,
      consentAsked: asked,
      parents,
      messages,
      experts: visibleAdvices(ctx.principal, r, experts, (x) => x.expert.id),
      decision: decision[0] ?? null,
      objections,
      can: requestPolicy.allowed(ctx.principal, r),
    } as unknown as z.input<typeof RequestPage>;
  });
}

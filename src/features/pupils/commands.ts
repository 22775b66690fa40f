import type { z } from 'zod';
import { transaction } from '../../db/index.ts';
import { audit } from '../../platform/audit.ts';
import { fail, fieldError } from '../../platform/errors.ts';
import type { StaffContext } from '../../platform/http/context.ts';
import { addHandelingsadvies, changeCaseManager, changeSupportLevel, pupilFor } from './api.ts';
import type { AdviceInput, CaseManagerInput, KwadrantInput, LogbookInput, NeedInput, SignalInput, SupportLevelInput } from './schema.ts';

/** A dated, factual logbook entry; confidential ones only the support team can read. */
export async function addLogbookEntry(ctx: StaffContext, pupilId: string, input: z.infer<typeof LogbookInput>) {
  return transaction(ctx.sql, async (tx) => {
    const pupil = await pupilFor(tx, ctx, pupilId, 'writeLogbook');
    const [row] = await tx<{ id: string }[]>`
      insert into logbook_entries (partnership_id, school_id, pupil_id, kind, occurred_on, body, confidential, author_id)
      values (${ctx.scope.partnershipId}, ${pupil.schoolId}, ${pupilId}, ${input.kind}, ${input.occurredOn}, ${input.body}, ${input.confidential}, ${ctx.principal.userId})
      returning id`;
    await audit(tx, ctx.actor, { action: 'logbook.create', entityType: 'logbook_entry', entityId: row!.id, pupilId, schoolId: pupil.schoolId, details: { kind: input.kind, confidential: input.confidential } });
    return { id: row!.id };
  });
}

/** A concern to the OCO, with one click from a logbook entry (or without one). */
export async function raiseSignal(ctx: StaffContext, pupilId: string, input: z.infer<typeof SignalInput>) {
  return transaction(ctx.sql, async (tx) => {
    const pupil = await pupilFor(tx, ctx, pupilId, 'signal');
    if (input.logbookEntryId) {
      const [entry] = await tx`select 1 from logbook_entries where id = ${input.logbookEntryId} and pupil_id = ${pupilId}`;
      if (!entry) fieldError('logbookEntryId', 'Deze aantekening hoort niet bij deze leerling.');
      const [dup] = await tx`select 1 from signals where logbook_entry_id = ${input.logbookEntryId} and status <> 'closed'`;
      if (dup) fail('CONFLICT', 'Deze aantekening is al gesignaleerd aan de OCO.');
    } else if (!input.note) {
      fieldError('note', 'Schrijf kort waarom u dit signaleert.');
    }
    const [row] = await tx<{ id: string }[]>`
      insert into signals (partnership_id, school_id, pupil_id, logbook_entry_id, note, raised_by)
      values (${ctx.scope.partnershipId}, ${pupil.schoolId}, ${pupilId}, ${input.logbookEntryId}, ${input.note}, ${ctx.principal.userId}) returning id`;
    await audit(tx, ctx.actor, { action: 'signal.create', entityType: 'signal', entityId: row!.id, pupilId, schoolId: pupil.schoolId });
    return { id: row!.id };
  });
}

export async function recordKwadrant(ctx: StaffContext, pupilId: string, input: z.infer<typeof KwadrantInput>) {
  return transaction(ctx.sql, async (tx) => {
    const pupil = await pupilFor(tx, ctx, pupilId, 'recordKwadrant');
    const [row] = await tx<{ id: string }[]>`
      insert into kwadrant_results (partnership_id, school_id, pupil_id, quadrant, instrument, measured_on, score, interpretation, recorded_by)
      values (${ctx.scope.partnershipId}, ${pupil.schoolId}, ${pupilId}, ${input.quadrant}, ${input.instrument}, ${input.measuredOn}, ${input.score}, ${input.interpretation}, ${ctx.principal.userId})
      returning id`;
    await audit(tx, ctx.actor, { action: 'kwadrant.create', entityType: 'kwadrant_result', entityId: row!.id, pupilId, schoolId: pupil.schoolId, details: { quadrant: input.quadrant } });
    return { id: row!.id };
  });
}

export async function setSupportLevel(ctx: StaffContext, pupilId: string, input: z.infer<typeof SupportLevelInput>) {
  return transaction(ctx.sql, async (tx) => {
    const pupil = await pupilFor(tx, ctx, pupilId, 'manageSupport');
    await changeSupportLevel(tx, ctx, { pupil, level: input.level, reason: input.reason });
    return { id: pupilId };
  });
}

export async function setCaseManager(ctx: StaffContext, pupilId: string, input: z.infer<typeof CaseManagerInput>) {
  return transaction(ctx.sql, async (tx) => {
    const pupil = await pupilFor(tx, ctx, pupilId, 'manageSupport');
    await changeCaseManager(tx, ctx, { pupil, userId: input.userId, reason: input.reason });
    return { id: pupilId };
  });
}

export async function addNeed(ctx: StaffContext, pupilId: string, input: z.infer<typeof NeedInput>) {
  return transaction(ctx.sql, async (tx) => {
    const pupil = await pupilFor(tx, ctx, pupilId, 'manageSupport');
    const supportNeedId = input.supportNeedId ?? null;
    if (supportNeedId) {
      const [known] = await tx`select 1 from support_needs where id = ${supportNeedId} and partnership_id = ${ctx.scope.partnershipId} and active`;
      if (!known) fieldError('supportNeedId', 'Deze behoefte staat niet (meer) op de lijst van het samenwerkingsverband. Kies een andere of laat het leeg.');
    }
    const [row] = await tx<{ id: string }[]>`
      insert into pupil_needs (partnership_id, school_id, pupil_id, category, description, support_need_id, created_by)
      values (${ctx.scope.partnershipId}, ${pupil.schoolId}, ${pupilId}, ${input.category}, ${input.description}, ${supportNeedId}, ${ctx.principal.userId}) returning id`;
    await audit(tx, ctx.actor, { action: 'pupil.need_add', entityType: 'pupil_need', entityId: row!.id, pupilId, schoolId: pupil.schoolId });
    return { id: row!.id };
  });
}

export async function addAdvice(ctx: StaffContext, pupilId: string, input: z.infer<typeof AdviceInput>) {
  return transaction(ctx.sql, async (tx) => {
    const pupil = await pupilFor(tx, ctx, pupilId, 'manageSupport');
    return addHandelingsadvies(tx, ctx, { pupil, advice: input.advice, source: 'manual' });
  });
}

/** Ends a need or an advice: it leaves the klassenscan but stays in the dossier's history. */
export async function endItem(ctx: StaffContext, pupilId: string, table: 'pupil_needs' | 'handelingsadviezen', itemId: string) {
  return transaction(ctx.sql, async (tx) => {
    const pupil = await pupilFor(tx, ctx, pupilId, 'manageSupport');
    const rows = await tx`update ${tx(table)} set active = false, ended_at = now() where id = ${itemId} and pupil_id = ${pupilId} and active returning id`;
    if (rows.length === 0) fail('NOT_FOUND');
    await audit(tx, ctx.actor, { action: table === 'pupil_needs' ? 'pupil.need_end' : 'pupil.advice_end', entityType: table, entityId: itemId, pupilId, schoolId: pupil.schoolId });
    return { id: itemId };
  });
}

import type { z } from 'zod';
import { transaction, type Tx } from '../../db/index.ts';
import { audit } from '../../platform/audit.ts';
import { fail, fieldError } from '../../platform/errors.ts';
import type { StaffContext } from '../../platform/http/context.ts';
import { queueMail } from '../../platform/mail.ts';
import { formatDateTime, today } from '../../platform/time.ts';
import { createLink, oppSentMail, revokeVersionLinks } from '../parent-access/api.ts';
import { CONFIDENTIAL_STAYS, pupilFor } from '../pupils/api.ts';
import { planFor } from './access.ts';
import { missingParts } from './completeness.ts';
import { planPolicy, planToMake } from './policy.ts';
import { recordResponse } from './responses.ts';
import { OppContent, type ConsultationInput, type EvaluationInput, type PaperResponseInput, type SaveDraftInput, type SendInput } from './schema.ts';
import { requiredSigners, signingRuleOf } from './signing.ts';

async function currentVersion(tx: Tx, oppId: string, number: number) {
  const [v] = await tx<{ id: string; status: string; revision: number; kind: 'full' | 'light'; content: z.infer<typeof OppContent>; updatedBy: string; updatedAt: Date; updatedByName: string }[]>`
    select v.id, v.status, v.revision, v.kind, v.content, v.updated_by as "updatedBy", v.updated_at as "updatedAt", u.name as "updatedByName"
    from opp_versions v join users u on u.id = v.updated_by where v.opp_id = ${oppId} and v.number = ${number} for update of v`;
  return v!;
}

/** Starts an OPP from the pupil page, with the dossier's current handelingsadviezen as a first draft of the plan's. */
export async function createOpp(ctx: StaffContext, pupilId: string, kind: 'full' | 'light') {
  return transaction(ctx.sql, async (tx) => {
    const pupil = await pupilFor(tx, ctx, pupilId, 'read');
    const [pm] = await tx<{ caseManagerId: string | null; openPlan: boolean }[]>`
      select case_manager_id as "caseManagerId", exists (select 1 from opps where pupil_id = ${pupilId} and status <> 'closed') as "openPlan"
      from pupils where id = ${pupilId}`;
    planPolicy.authorize(ctx.principal, 'create', planToMake(pupil, pm!.caseManagerId, pm!.openPlan));
    const advices = (await tx<{ advice: string }[]>`select advice from handelingsadviezen where pupil_id = ${pupilId} and active order by created_at`).map((a) => a.advice);
    const content = OppContent.parse({ handelingsadviezen: advices.slice(0, 20) });
    const [opp] = await tx<{ id: string }[]>`
      insert into opps (partnership_id, school_id, pupil_id, kind, created_by)
      values (${ctx.scope.partnershipId}, ${pupil.schoolId}, ${pupilId}, ${kind}, ${ctx.principal.userId}) returning id`;
    await tx`insert into opp_versions (partnership_id, opp_id, number, kind, content, updated_by)
             values (${ctx.scope.partnershipId}, ${opp!.id}, 1, ${kind}, ${tx.json(content as never)}, ${ctx.principal.userId})`;
    await audit(tx, ctx.actor, { action: 'opp.create', entityType: 'opp', entityId: opp!.id, pupilId, schoolId: pupil.schoolId, details: { kind } });
    return { id: opp!.id };
  });
}

/**
 * Saves the draft. Two editors: the one who saves over a newer revision gets
 * a conflict naming who saved when — never a silent overwrite.
 */
export async function saveDraft(ctx: StaffContext, oppId: string, input: z.infer<typeof SaveDraftInput>) {
  return transaction(ctx.sql, async (tx) => {
    const plan = await planFor(tx, ctx, oppId, 'edit', true);
    const v = await currentVersion(tx, oppId, plan.currentVersion);
    if (v.revision !== input.revision) {
      fail('CONFLICT', `${v.updatedByName} heeft het plan intussen opgeslagen (${formatDateTime(v.updatedAt)}). Uw wijzigingen zijn niet opgeslagen: kopieer ze, herlaad het plan en voeg ze opnieuw toe.`);
    }
    const logbook = input.content.facts.filter((f) => f.source === 'logbook').map((f) => f.sourceId);
    const [confidential] = logbook.length ? await tx`select 1 from logbook_entries where id = any(${logbook}::uuid[]) and confidential` : [];
    if (confidential) fieldError('facts', CONFIDENTIAL_STAYS);
    const [row] = await tx<{ revision: number }[]>`
      update opp_versions set content = ${tx.json(input.content as never)}, revision = revision + 1, updated_by = ${ctx.principal.userId}, updated_at = now()
      where id = ${v.id} returning revision`;
    await audit(tx, ctx.actor, { action: 'opp.save', entityType: 'opp', entityId: oppId, pupilId: plan.pupilId, schoolId: plan.schoolId, details: { version: plan.currentVersion, revision: row!.revision } });
    return { revision: row!.revision };
  });
}

/** A new draft version from the current one (after a disagreement, or to adjust an agreed plan). */
export async function revise(ctx: StaffContext, oppId: string) {
  return transaction(ctx.sql, async (tx) => {
    const plan = await planFor(tx, ctx, oppId, 'revise', true);
    const v = await currentVersion(tx, oppId, plan.currentVersion);
    // Already a draft: that is the version to work on.
    if (v.status === 'draft') return { number: plan.currentVersion };
    return { number: await newVersion(tx, ctx, plan, v) };
  });
}

async function newVersion(tx: Tx, ctx: StaffContext, plan: { id: string; currentVersion: number; pupilId: string; schoolId: string }, v: { id: string; status: string; kind: 'full' | 'light'; content: object }, kind = v.kind) {
  const number = plan.currentVersion + 1;
  // A version still waiting for answers is replaced; agreed and disagreed versions keep their status as a record.
  if (v.status === 'with_parents') await tx`update opp_versions set status = 'superseded' where id = ${v.id}`;
  await revokeVersionLinks(tx, v.id);
  await tx`insert into opp_versions (partnership_id, opp_id, number, kind, content, updated_by)
           values (${ctx.scope.partnershipId}, ${plan.id}, ${number}, ${kind}, ${tx.json(v.content as never)}, ${ctx.principal.userId})`;
  await tx`update opps set current_version = ${number}, kind = ${kind}, status = 'draft' where id = ${plan.id}`;
  await audit(tx, ctx.actor, { action: 'opp.new_version', entityType: 'opp', entityId: plan.id, pupilId: plan.pupilId, schoolId: plan.schoolId, details: { number } });
  return number;
}

/** OPP light → full OPP, keeping everything already written. */
export async function upgrade(ctx: StaffContext, oppId: string, revision: number) {
  return transaction(ctx.sql, async (tx) => {
    const plan = await planFor(tx, ctx, oppId, 'upgrade', true);
    const v = await currentVersion(tx, oppId, plan.currentVersion);
    if (v.status !== 'draft') return { number: await newVersion(tx, ctx, plan, v, 'full') };
    if (v.revision !== revision) fail('CONFLICT', `${v.updatedByName} heeft het plan intussen opgeslagen (${formatDateTime(v.updatedAt)}). Herlaad het plan.`);
    await tx`update opp_versions set kind = 'full', revision = revision + 1, updated_by = ${ctx.principal.userId}, updated_at = now() where id = ${v.id}`;
    await tx`update opps set kind = 'full' where id = ${oppId}`;
    await audit(tx, ctx.actor, { action: 'opp.upgrade', entityType: 'opp', entityId: oppId, pupilId: plan.pupilId, schoolId: plan.schoolId });
    return { number: plan.currentVersion };
  });
}

/**
 * Sends the draft to the parents (and the pupil) for consultation: the
 * version is frozen from here on; each recipient gets a personal link.
 */
export async function send(ctx: StaffContext, oppId: string, input: z.infer<typeof SendInput>) {
  return transaction(ctx.sql, async (tx) => {
    const plan = await planFor(tx, ctx, oppId, 'send', true);
    const v = await currentVersion(tx, oppId, plan.currentVersion);
    const missing = missingParts(v.kind, v.content);
    if (missing.length) fail('VALIDATION', `Het plan is nog niet compleet: ${missing.join(' ')}`, missing.map((m) => ({ path: 'content', message: m })));
    const [info] = await tx<{ birthDate: string; settings: object; firstName: string; schoolName: string; caseManager: string | null }[]>`
      select p.birth_date as "birthDate", pa.settings, p.first_name as "firstName", s.name as "schoolName", cm.name as "caseManager"
      from pupils p join partnerships pa on pa.id = p.partnership_id join schools s on s.id = p.school_id left join users cm on cm.id = p.case_manager_id
      where p.id = ${plan.pupilId}`;
    const needed = requiredSigners(info!.birthDate, today(), signingRuleOf(info!.settings));
    for (const signer of needed) {
      if (!input.recipients.some((r) => r.signer === signer)) {
        fieldError('recipients', signer === 'pupil' ? 'De leerling is 16 of ouder en tekent zelf: voeg de leerling toe.' : 'Voeg een ouder of verzorger toe.');
      }
    }
    await tx`update opp_versions set status = 'with_parents', sent_at = now() where id = ${v.id}`;
    await tx`update opps set status = 'with_parents' where id = ${oppId}`;
    for (const r of input.recipients) {
      const url = await createLink(tx, ctx, { kind: 'opp', id: oppId, versionId: v.id }, r);
      await queueMail(tx, oppSentMail(r, info!, url));
    }
    await audit(tx, ctx.actor, { action: 'opp.send', entityType: 'opp', entityId: oppId, pupilId: plan.pupilId, schoolId: plan.schoolId, details: { version: plan.currentVersion, recipients: input.recipients.map((r) => r.signer) } });
    return { id: oppId };
  });
}

export async function recordConsultation(ctx: StaffContext, oppId: string, input: z.infer<typeof ConsultationInput>) {
  return transaction(ctx.sql, async (tx) => {
    const plan = await planFor(tx, ctx, oppId, 'recordConsultation');
    const v = await currentVersion(tx, oppId, plan.currentVersion);
    const [row] = await tx<{ id: string }[]>`
      insert into opp_consultations (partnership_id, opp_id, version_id, held_on, participants, notes, pupil_view, recorded_by)
      values (${ctx.scope.partnershipId}, ${oppId}, ${v.id}, ${input.heldOn}, ${input.participants}, ${input.notes}, ${input.pupilView}, ${ctx.principal.userId})
      returning id`;
    await audit(tx, ctx.actor, { action: 'opp.consultation', entityType: 'opp', entityId: oppId, pupilId: plan.pupilId, schoolId: plan.schoolId });
    return { id: row!.id };
  });
}

/** A paper signature (or refusal), with the uploaded scan and who recorded it. */
export async function recordPaperResponse(ctx: StaffContext, oppId: string, input: z.infer<typeof PaperResponseInput>) {
  return transaction(ctx.sql, async (tx) => {
    const plan = await planFor(tx, ctx, oppId, 'recordResponse', true);
    const [doc] = await tx`select 1 from documents where id = ${input.documentId} and pupil_id = ${plan.pupilId} and deleted_at is null`;
    if (!doc) fieldError('documentId', 'Voeg eerst de scan toe aan de documenten van deze leerling.');
    const v = await currentVersion(tx, oppId, plan.currentVersion);
    return recordResponse(tx, ctx.actor, {
      oppId, versionId: v.id, signer: input.signer, signerName: input.signerName, decision: input.decision, comment: input.comment,
      method: 'paper', documentId: input.documentId, recordedBy: ctx.principal.userId,
    });
  });
}

/**
 * Evaluation (at least yearly, with the parents): per goal and per measure;
 * leads to a new version or closes the plan (back to basic support).
 */
export async function evaluate(ctx: StaffContext, oppId: string, input: z.infer<typeof EvaluationInput>) {
  return transaction(ctx.sql, async (tx) => {
    const plan = await planFor(tx, ctx, oppId, 'evaluate', true);
    const v = await currentVersion(tx, oppId, plan.currentVersion);
    const goalIds = new Set(v.content.goals.map((g) => g.id));
    input.goalResults.forEach((g, i) => goalIds.has(g.goalId) || fieldError(`goalResults.${i}.goalId`, 'Onbekend doel.'));
    const measureIds = new Set(v.content.measures.map((m) => m.id));
    input.measureResults.forEach((m, i) => measureIds.has(m.measureId) || fieldError(`measureResults.${i}.measureId`, 'Onbekende maatregel.'));
    await tx`insert into opp_evaluations (partnership_id, opp_id, version_id, held_on, goal_results, measure_results, outcome, notes, created_by)
             values (${ctx.scope.partnershipId}, ${oppId}, ${v.id}, ${input.heldOn}, ${tx.json(input.goalResults as never)}, ${tx.json(input.measureResults as never)},
                     ${input.outcome}, ${input.notes}, ${ctx.principal.userId})`;
    await audit(tx, ctx.actor, { action: 'opp.evaluate', entityType: 'opp', entityId: oppId, pupilId: plan.pupilId, schoolId: plan.schoolId, details: { outcome: input.outcome } });
    if (input.outcome === 'close') {
      await tx`update opps set status = 'closed', closed_at = now(), closed_reason = 'evaluatie', next_evaluation_on = null where id = ${oppId}`;
      await tx`update handelingsadviezen set active = false, ended_at = now() where pupil_id = ${plan.pupilId} and source = 'opp' and active`;
      return { number: plan.currentVersion, closed: true };
    }
    return { number: await newVersion(tx, ctx, plan, v), closed: false };
  });
}

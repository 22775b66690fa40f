import type { Tx } from '../../db/index.ts';
import { audit, type AuditActor } from '../../platform/audit.ts';
import { fail } from '../../platform/errors.ts';
import { today } from '../../platform/time.ts';
import { requiredSigners, signingRuleOf } from './signing.ts';

export interface ResponseInput {
  oppId: string;
  versionId: string;
  signer: 'parent' | 'pupil';
  signerName: string;
  decision: 'agree' | 'disagree';
  comment: string;
  method: 'online' | 'paper';
  documentId?: string | null;
  recordedBy?: string | null;
  linkId?: string | null;
}

/**
 * Records one response (consent or refusal on the handelingsdeel) to the
 * version that is with the parents, then settles the plan: when every
 * required signer has answered, it is agreed (all agree) or disagreed (any
 * refusal) — the plan never pretends to be agreed. Used by the author's
 * "paper signature" and by the parent's own page; runs in the caller's
 * transaction.
 */
export async function recordResponse(tx: Tx, actor: AuditActor, r: ResponseInput): Promise<{ status: string }> {
  const [v] = await tx<{ status: string; authorId: string; oppId: string; pupilId: string; schoolId: string; birthDate: string; settings: object; partnershipId: string; content: { handelingsadviezen?: string[]; evaluationDates?: string[] } }[]>`
    select v.status, v.updated_by as "authorId", o.id as "oppId", o.pupil_id as "pupilId", o.school_id as "schoolId", p.birth_date as "birthDate",
      pa.settings, o.partnership_id as "partnershipId", v.content
    from opp_versions v join opps o on o.id = v.opp_id join pupils p on p.id = o.pupil_id join partnerships pa on pa.id = o.partnership_id
    where v.id = ${r.versionId} and v.opp_id = ${r.oppId} for update of v, o`;
  if (!v) fail('NOT_FOUND');
  // The author's paper response met this rule in the plan policy ('recordResponse'); the parent's own answer comes
  // by a link, not a principal, so the version as locked here is what decides (a newer version may have replaced it).
  if (v!.status !== 'with_parents') fail('CONFLICT', 'Deze versie van het plan wacht niet (meer) op een reactie.');
  await tx`
    insert into opp_responses (partnership_id, opp_id, version_id, signer, signer_name, decision, comment, method, document_id, recorded_by, link_id)
    values (${v!.partnershipId}, ${r.oppId}, ${r.versionId}, ${r.signer}, ${r.signerName}, ${r.decision}, ${r.comment}, ${r.method},
            ${r.documentId ?? null}, ${r.recordedBy ?? null}, ${r.linkId ?? null})`;
  await audit(tx, actor, { action: `opp.response_${r.decision}`, entityType: 'opp', entityId: r.oppId, pupilId: v!.pupilId, schoolId: v!.schoolId, details: { signer: r.signer, method: r.method, versionId: r.versionId } });

  const needed = requiredSigners(v!.birthDate, today(), signingRuleOf(v!.settings));
  const answers = await tx<{ signer: 'parent' | 'pupil'; decision: string }[]>`
    select distinct on (signer) signer, decision from opp_responses where version_id = ${r.versionId} order by signer, created_at desc`;
  if (answers.some((a) => a.decision === 'disagree')) {
    await tx`update opp_versions set status = 'disagreed' where id = ${r.versionId}`;
    await tx`update opps set status = 'disagreed' where id = ${r.oppId}`;
    return { status: 'disagreed' };
  }
  if (!needed.every((s) => answers.some((a) => a.signer === s && a.decision === 'agree'))) return { status: 'with_parents' };

  // Agreed: the plan is in force. Its handelingsadviezen replace earlier OPP advice in the klassenscan.
  const nextEvaluation = [...(v!.content.evaluationDates ?? [])].sort().find((d) => d >= today()) ?? null;
  await tx`update opp_versions set status = 'agreed', agreed_at = now() where id = ${r.versionId}`;
  await tx`update opps set status = 'agreed',
             next_evaluation_on = coalesce(${nextEvaluation}::date, (current_date + interval '1 year')::date) where id = ${r.oppId}`;
  await tx`update handelingsadviezen set active = false, ended_at = now() where pupil_id = ${v!.pupilId} and source = 'opp' and active`;
  const advices = v!.content.handelingsadviezen ?? [];
  if (advices.length) {
    await tx`insert into handelingsadviezen ${tx(advices.map((advice) => ({
      partnership_id: v!.partnershipId, school_id: v!.schoolId, pupil_id: v!.pupilId, advice, source: 'opp', source_id: r.oppId,
      // Advice comes from the plan, so its author (who sent it) stands as its maker, also when a parent's consent puts it in force.
      created_by: v!.authorId,
    })) as never)}`;
  }
  await audit(tx, actor, { action: 'opp.agreed', entityType: 'opp', entityId: r.oppId, pupilId: v!.pupilId, schoolId: v!.schoolId, details: { versionId: r.versionId } });
  return { status: 'agreed' };
}

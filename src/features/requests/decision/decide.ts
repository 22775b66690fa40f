import { transaction } from '../../../db/index.ts';
import { fail } from '../../../platform/errors.ts';
import type { StaffContext } from '../../../platform/http/context.ts';
import { addWeeks, daysBetween, today } from '../../../platform/time.ts';
import { requestFor } from '../reveal-request.ts';
import { auditRequest } from '../audit-request.ts';
import { outcomeLabels, type DecisionInput } from '../schema.ts';
import { mailDecisionToParents } from '../parents/mail-decision-to-parents.ts';
import { addStatusMessage } from '../thread/add-status-message.ts';
import { issueTlv, validTlvPeriod } from '../../tlv-register/api.ts';

type Kind = 'arrangement' | 'tlv' | 'opdc' | 'consultation';

/** What each kind of decision must say, as field errors; a refusal needs only its motivation. */
export function decisionProblems(kind: Kind, d: DecisionInput, maxWeeks: number | null): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  if (d.outcome === 'refused') return problems;
  const need = (path: string, message: string) => problems.push({ path, message });
  if (!d.startsOn) need('startsOn', 'Vul de begindatum in.');
  if (!d.endsOn) need('endsOn', 'Vul de einddatum in.');
  if (kind === 'tlv') {
    if (!d.schoolKind) need('schoolKind', 'Kies de soort school: sbo, so of vso.');
    if (d.schoolKind && d.schoolKind !== 'sbo') {
      if (!d.category) need('category', 'Kies de bekostigingscategorie: laag, midden of hoog.');
      if (!d.cluster) need('cluster', 'Kies het cluster.');
    }
    if (d.schoolKind === 'sbo' && (d.category || d.cluster)) need('category', 'Een TLV voor het sbo heeft geen categorie of cluster.');
    if (d.startsOn && d.endsOn) for (const message of validTlvPeriod(d.startsOn, d.endsOn)) need('endsOn', message);
  } else {
    if (d.startsOn && d.endsOn && d.endsOn <= d.startsOn) need('endsOn', 'De einddatum moet na de begindatum liggen.');
    if (kind === 'arrangement' && d.amountEur === null && d.hours === null) need('amountEur', 'Vul het bedrag of het aantal uren in.');
    if (maxWeeks && d.startsOn && d.endsOn && daysBetween(d.startsOn, d.endsOn) > maxWeeks * 7) need('endsOn', `Dit arrangement duurt hoogstens ${maxWeeks} weken.`);
  }
  return problems;
}

/**
 * The decision (director, or staff mandated as director). A TLV gets the
 * partnership's next number and enters the register; a granted arrangement
 * or OPDC place is committed with its first evaluation date.
 */
export async function decide(ctx: StaffContext, id: string, d: DecisionInput) {
  return transaction(ctx.sql, async (tx) => {
    const r = await requestFor(tx, ctx, id, 'decide', true);
    const [info] = await tx<{ maxWeeks: number | null; evaluationWeeks: number | null; arrangementKindId: string | null }[]>`
      select ak.max_weeks as "maxWeeks", ak.evaluation_weeks as "evaluationWeeks", r.arrangement_kind_id as "arrangementKindId"
      from requests r left join arrangement_kinds ak on ak.id = r.arrangement_kind_id where r.id = ${id}`;
    const problems = decisionProblems(r.kind, d, info!.maxWeeks);
    if (problems.length) fail('VALIDATION', undefined, problems);
    const granted = d.outcome !== 'refused';
    const isTlv = r.kind === 'tlv';
    await tx`
      insert into request_decisions (request_id, partnership_id, outcome, motivation, amount_eur, hours, starts_on, ends_on, school_kind, category, cluster, decided_by, decided_on)
      values (${id}, ${ctx.scope.partnershipId}, ${d.outcome}, ${d.motivation}, ${granted ? d.amountEur : null}, ${granted ? d.hours : null},
              ${granted ? d.startsOn : null}, ${granted ? d.endsOn : null}, ${granted && isTlv ? d.schoolKind : null},
              ${granted && isTlv ? d.category : null}, ${granted && isTlv ? d.cluster : null}, ${ctx.principal.userId}, ${today()})`;
    let tlvNumber: number | null = null;
    if (granted && isTlv) tlvNumber = await issueTlv(tx, ctx, r, d);
    if (granted && (r.kind === 'arrangement' || r.kind === 'opdc')) {
      const evaluation = info!.evaluationWeeks ? addWeeks(d.startsOn!, info!.evaluationWeeks) : null;
      await tx`
        insert into arrangements (partnership_id, request_id, school_id, pupil_id, kind, arrangement_kind_id, amount_eur, hours, starts_on, ends_on, next_evaluation_on)
        values (${ctx.scope.partnershipId}, ${id}, ${r.schoolId}, ${r.pupilId}, ${r.kind}, ${info!.arrangementKindId}, ${d.amountEur}, ${d.hours},
                ${d.startsOn!}, ${d.endsOn!}, ${evaluation})`;
    }
    await tx`update requests set status = 'decided', decided_at = now(), waiting_since = null where id = ${id}`;
    await addStatusMessage(tx, ctx, id, 'partnership', `Besluit: ${outcomeLabels[d.outcome].toLowerCase()}${tlvNumber ? ` (TLV nr. ${tlvNumber})` : ''}.`);
    await mailDecisionToParents(tx, ctx, id);
    await auditRequest(tx, ctx, r, 'decide', { outcome: d.outcome, tlvNumber });
    return { outcome: d.outcome, tlvNumber };
  });
}

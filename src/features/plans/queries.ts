import type { z } from 'zod';
import { transaction, type Db } from '../../db/index.ts';
import { auditMany } from '../../platform/audit.ts';
import { fail } from '../../platform/errors.ts';
import type { StaffContext } from '../../platform/http/context.ts';
import { ageOn, today } from '../../platform/time.ts';
import { parentRecipients, pupilFor, PUPIL_NAME, readsConfidential } from '../pupils/api.ts';
import { agreementPolicy } from '../support-route/api.ts';
import { planFor } from './access.ts';
import { missingParts } from './completeness.ts';
import { planPolicy, planToMake } from './policy.ts';
import type { FactOption, OppPage, OppVersion, PupilPlans } from './schema.ts';
import { DISAGREEMENT_ROUTES, requiredSigners, signingRuleOf } from './signing.ts';

type Page = z.infer<typeof OppPage>;
type Version = z.infer<typeof OppVersion>;

const selectVersion = (db: Db, oppId: string, number: number) => db<Version[]>`
  select v.id, v.number, v.kind, v.status, v.revision, v.content, json_build_object('id', u.id, 'name', u.name) as "updatedBy",
    v.updated_at as "updatedAt", v.sent_at as "sentAt", v.agreed_at as "agreedAt",
    coalesce((select json_agg(json_build_object('signer', r.signer, 'signerName', r.signer_name, 'decision', r.decision, 'comment', r.comment,
               'method', r.method, 'recordedBy', case when ru.id is null then null else json_build_object('id', ru.id, 'name', ru.name) end,
               'at', r.created_at) order by r.created_at)
              from opp_responses r left join users ru on ru.id = r.recorded_by where r.version_id = v.id), '[]') as responses
  from opp_versions v join users u on u.id = v.updated_by where v.opp_id = ${oppId} and v.number = ${number}`;

/** JSON dates come back as strings; the response schema wants instants. */
const withDates = (v: Version): Version => ({ ...v, responses: v.responses.map((r) => ({ ...r, at: new Date(r.at) })) });

export async function getOppPage(ctx: StaffContext, oppId: string): Promise<Page> {
  return transaction(ctx.sql, async (tx) => {
    const plan = await planFor(tx, ctx, oppId, 'read');
    const [head] = await tx<{ nextEvaluationOn: string | null; pupil: Page['pupil']; school: Page['school']; caseManager: Page['caseManager']; settings: object }[]>`
      select o.next_evaluation_on as "nextEvaluationOn",
        json_build_object('id', p.id, 'name', ${tx.unsafe(PUPIL_NAME)}, 'birthDate', p.birth_date, 'age', 0, 'className', c.name) as pupil,
        json_build_object('id', s.id, 'name', s.name, 'kind', s.kind) as school,
        case when cm.id is null then null else json_build_object('id', cm.id, 'name', cm.name) end as "caseManager", pa.settings
      from opps o join pupils p on p.id = o.pupil_id join schools s on s.id = o.school_id join partnerships pa on pa.id = o.partnership_id
      left join users cm on cm.id = p.case_manager_id
      left join enrolments e on e.pupil_id = p.id and e.end_date is null left join classes c on c.id = e.class_id
      where o.id = ${oppId}`;
    const [[current], versions, consultations, evaluations] = await Promise.all([
      selectVersion(tx, oppId, plan.currentVersion),
      tx<Page['versions']>`
        select id, number, status, sent_at as "sentAt", agreed_at as "agreedAt" from opp_versions where opp_id = ${oppId} order by number desc`,
      tx<Page['consultations']>`
        select c.id, c.held_on as "heldOn", c.participants, c.notes, c.pupil_view as "pupilView", json_build_object('id', u.id, 'name', u.name) as "recordedBy"
        from opp_consultations c join users u on u.id = c.recorded_by where c.opp_id = ${oppId} order by c.held_on desc`,
      tx<Page['evaluations']>`
        select id, held_on as "heldOn", outcome, notes, goal_results as "goalResults", measure_results as "measureResults"
        from opp_evaluations where opp_id = ${oppId} order by held_on desc`,
    ]);
    const a = planPolicy.allowed(ctx.principal, plan);
    // Whom the plan is sent to by default: the parents with parental authority from the dossier, for who sends it.
    const parents = a.send ? await parentRecipients(tx, plan.pupilId) : [];
    await auditMany(tx, ctx.actor, [{ action: 'opp.read', entityType: 'opp', entityId: oppId, pupilId: plan.pupilId, schoolId: plan.schoolId }]);
    return {
      id: oppId,
      pupil: { ...head!.pupil, age: ageOn(head!.pupil.birthDate) },
      school: head!.school,
      caseManager: head!.caseManager,
      kind: plan.kind,
      status: plan.status as Page['status'],
      nextEvaluationOn: head!.nextEvaluationOn,
      current: withDates(current!),
      versions,
      consultations,
      evaluations,
      requiredSigners: requiredSigners(head!.pupil.birthDate, today(), signingRuleOf(head!.settings)),
      parents,
      missing: missingParts(current!.kind, current!.content),
      disagreementRoutes: [...DISAGREEMENT_ROUTES],
      allowed: {
        // The page's "edit": the plan is open to work on (write in its draft, or make a new version to do so).
        edit: a.revise,
        send: a.send,
        recordResponse: a.recordResponse,
        evaluate: a.evaluate,
        upgrade: a.upgrade,
        downloadPdf: a.downloadPdf,
      },
    };
  });
}

/** One version as it was, for comparing side by side. */
export async function getVersion(ctx: StaffContext, oppId: string, number: number): Promise<Version> {
  return transaction(ctx.sql, async (tx) => {
    const plan = await planFor(tx, ctx, oppId, 'read');
    const [v] = await selectVersion(tx, oppId, number);
    if (!v) fail('NOT_FOUND');
    await auditMany(tx, ctx.actor, [{ action: 'opp.read_version', entityType: 'opp', entityId: oppId, pupilId: plan.pupilId, schoolId: plan.schoolId, details: { number } }]);
    return withDates(v!);
  });
}

/** The pupil's plans, for the pupil page, and whether the viewer may start one. */
export async function pupilPlans(ctx: StaffContext, pupilId: string): Promise<z.infer<typeof PupilPlans>> {
  return transaction(ctx.sql, async (tx) => {
    const pupil = await pupilFor(tx, ctx, pupilId, 'read');
    const plans = await tx<z.infer<typeof PupilPlans>['plans']>`
      select id, kind, status, current_version as "currentVersion", created_at as "createdAt", next_evaluation_on as "nextEvaluationOn"
      from opps where pupil_id = ${pupilId} order by created_at desc`;
    const [pm] = await tx<{ caseManagerId: string | null }[]>`select case_manager_id as "caseManagerId" from pupils where id = ${pupilId}`;
    await auditMany(tx, ctx.actor, [{ action: 'opp.list', entityType: 'pupil', entityId: pupilId, pupilId, schoolId: pupil.schoolId }]);
    const create = planPolicy.can(ctx.principal, 'create', planToMake(pupil, pm!.caseManagerId, plans.some((o) => o.status !== 'closed')));
    return { plans, allowed: { create } };
  });
}

/**
 * What the dossier already knows, offered as facts for the onderbouwing:
 * kwadrant results, logbook entries (confidential ones only to the support
 * team, and flagged: they stay out of the plan), meeting decisions,
 * the agreements the reader may read (the agreement policy's read scope) and
 * needs. Pick, don't retype.
 */
export async function factOptions(ctx: StaffContext, pupilId: string): Promise<z.infer<typeof FactOption>[]> {
  return transaction(ctx.sql, async (tx) => {
    const pupil = await pupilFor(tx, ctx, pupilId, 'read');
    const confidential = readsConfidential(ctx.principal, pupil);
    const facts = await tx<z.infer<typeof FactOption>[]>`
      select 'kwadrant' as source, id as "sourceId", measured_on::text as date,
        concat(instrument, ': ', score, case when interpretation <> '' then ' — ' || interpretation else '' end) as text,
        concat('Kwadrant ', quadrant) as label, false as confidential
      from kwadrant_results where pupil_id = ${pupilId}
      union all
      select 'logbook', id, occurred_on::text, body, 'Logboek', confidential from logbook_entries where pupil_id = ${pupilId} and (not confidential or ${confidential})
      union all
      select 'meeting_decision', d.id, d.created_at::date::text, concat(d.kind, case when d.value <> '' then ': ' || d.value else '' end, case when d.note <> '' then ' — ' || d.note else '' end), 'Besluit overleg', false
      from meeting_decisions d where d.pupil_id = ${pupilId} and d.kind <> 'case_manager'
      union all
      select 'agreement', a.id, a.due_on::text, a.what, 'Afspraak', false from agreements a where a.pupil_id = ${pupilId} and ${agreementPolicy.scope(tx, ctx.principal, 'read')}
      union all
      select 'need', id, created_at::date::text, description, 'Ondersteuningsbehoefte', false from pupil_needs where pupil_id = ${pupilId} and active
      order by date desc limit 200`;
    await auditMany(tx, ctx.actor, [{ action: 'opp.facts', entityType: 'pupil', entityId: pupilId, pupilId, schoolId: pupil.schoolId }]);
    return facts;
  });
}

import { addDays, formatDay } from '../../platform/time.ts';
import { schoolsWhere, urgencyOf, type WorkItem, type WorkRead, type WorkSource } from '../../platform/work.ts';
import { autumnDue, nextSchoolYear, planningYear, springDue } from './plans.ts';
import { actionPlanPolicy, auditRoundPolicy, peerAuditPolicy, qualityPolicy } from './policy.ts';

/**
 * What waits in the quality cycle (docs/decisions/0012-work-and-menu.md;
 * seed 001). At the school, for whoever writes the plan: the plan for the
 * coming school year, until it is handed in (spring round, due end of June),
 * and the evaluation of the year just ended (autumn round, due end of
 * November). For the partnership's round holders: each handed-in plan whose
 * discussion is not recorded yet.
 */

const anyPlan = { submittedAt: null, evaluatedAt: null };
const writesAt = (p: Parameters<WorkSource['applies']>[0]) => schoolsWhere(p, (schoolId) => actionPlanPolicy.permits(p, 'edit', { schoolId, ...anyPlan }));

/** The spring round: the reader's schools without a handed-in plan for the year being planned (from January the coming one; in the autumn a missing plan of the running year is overdue). */
const springPlans: WorkSource = {
  kind: 'action_plan.spring',
  menu: 'quality',
  applies: (p) => writesAt(p).length > 0,
  async read(o: WorkRead) {
    const year = planningYear(o.now);
    const due = springDue(year);
    const rows = await o.db<{ schoolId: string; schoolName: string; planId: string | null }[]>`
      select s.id as "schoolId", s.name as "schoolName", p.id as "planId"
      from schools s left join action_plans p on p.school_id = s.id and p.school_year = ${year}
      where s.partnership_id = ${o.partnershipId} and s.active and s.id = any(${writesAt(o.principal)}::uuid[]) and p.submitted_at is null
      order by s.name`;
    const items = rows.map((r): WorkItem => ({
      kind: 'action_plan.spring',
      title: `Actieplan ${year} nog niet ingediend`,
      detail: `${r.schoolName}: ${r.planId ? 'er is een concept' : 'nog niet begonnen'}; voorjaarsronde, uiterlijk ${formatDay(due)}`,
      link: r.planId ? `/kwaliteit/actieplannen/${r.planId}` : `/kwaliteit/actieplannen?schooljaar=${year}`,
      dueOn: due,
      urgency: urgencyOf(due, o.today),
      subject: { entityType: r.planId ? 'action_plan' : 'school', entityId: r.planId ?? r.schoolId, pupilId: null, schoolId: r.schoolId },
    }));
    return { items, count: items.length };
  },
};

/** The autumn round: each handed-in plan of a school year that has ended and is not evaluated yet. */
const autumnEvaluations: WorkSource = {
  kind: 'action_plan.autumn',
  menu: 'quality',
  applies: (p) => writesAt(p).length > 0,
  async read(o: WorkRead) {
    const rows = await o.db<{ id: string; schoolId: string; schoolName: string; schoolYear: string }[]>`
      select p.id, s.id as "schoolId", s.name as "schoolName", p.school_year as "schoolYear"
      from action_plans p join schools s on s.id = p.school_id
      where p.partnership_id = ${o.partnershipId} and p.submitted_at is not null and p.evaluated_at is null
        and s.id = any(${writesAt(o.principal)}::uuid[])
      order by p.school_year, s.name`;
    // Only years that have ended: the plan's last day (31 July) lies before today.
    const ended = rows.filter((r) => `${r.schoolYear.slice(5)}-07-31` < o.today && actionPlanPolicy.can(o.principal, 'evaluate', { schoolId: r.schoolId, submittedAt: new Date(0), evaluatedAt: null }));
    const items = ended.map((r): WorkItem => {
      const due = autumnDue(r.schoolYear);
      return {
        kind: 'action_plan.autumn',
        title: `Doelen van het actieplan ${r.schoolYear} evalueren`,
        detail: `${r.schoolName}: najaarsronde, uiterlijk ${formatDay(due)}`,
        link: `/kwaliteit/actieplannen/${r.id}`,
        dueOn: due,
        urgency: urgencyOf(due, o.today),
        subject: { entityType: 'action_plan', entityId: r.id, pupilId: null, schoolId: r.schoolId },
      };
    });
    return { items, count: items.length };
  },
};

/** The partnership's round holders: each handed-in, unevaluated plan whose spring-round discussion is not recorded. */
const discussionsToRecord: WorkSource = {
  kind: 'action_plan.discussion',
  menu: 'quality',
  applies: (p) => qualityPolicy.can(p, 'followRounds', {}),
  async read(o: WorkRead) {
    const rows = await o.db<{ id: string; schoolId: string; schoolName: string; schoolYear: string }[]>`
      select p.id, s.id as "schoolId", s.name as "schoolName", p.school_year as "schoolYear"
      from action_plans p join schools s on s.id = p.school_id
      where p.partnership_id = ${o.partnershipId} and p.submitted_at is not null and p.discussion_at is null and p.evaluated_at is null
      order by p.school_year, s.name`;
    const items = rows
      .filter((r) => actionPlanPolicy.can(o.principal, 'discuss', { schoolId: r.schoolId, submittedAt: new Date(0), evaluatedAt: null }))
      .map((r): WorkItem => {
        const due = springDue(r.schoolYear);
        return {
          kind: 'action_plan.discussion',
          title: `Gesprek over het actieplan ${r.schoolYear} vastleggen`,
          detail: `${r.schoolName}: ingediend, het gesprek van de voorjaarsronde staat nog niet vast`,
          link: `/kwaliteit/actieplannen/${r.id}`,
          dueOn: due,
          urgency: urgencyOf(due, o.today),
          subject: { entityType: 'action_plan', entityId: r.id, pupilId: null, schoolId: r.schoolId },
        };
      });
    return { items, count: items.length };
  },
};

/**
 * The audited school after the chair's report: its improvement points, due
 * by the spring round in which they go into the next action plan (seed 000:
 * the school "intern aan verbeterpunten werkt").
 */
const improvementsDue: WorkSource = {
  kind: 'peer_audit.improvements',
  menu: 'quality',
  applies: (p) => writesAt(p).length > 0,
  async read(o: WorkRead) {
    const rows = await o.db<{ id: string; schoolId: string; schoolName: string; schoolYear: string; auditorSchoolId: string; auditorUserIds: string[]; plannedOn: string | null; reportAt: Date }[]>`
      select a.id, a.school_id as "schoolId", s.name as "schoolName", r.school_year as "schoolYear", a.auditor_school_id as "auditorSchoolId",
        a.auditor_user_ids::text[] as "auditorUserIds", a.planned_on::text as "plannedOn", a.report_at as "reportAt"
      from peer_audits a join audit_rounds r on r.id = a.round_id join schools s on s.id = a.school_id
      where a.partnership_id = ${o.partnershipId} and a.report_at is not null and a.improvements_at is null and a.school_id = any(${writesAt(o.principal)}::uuid[])`;
    const items = rows
      .filter((r) => peerAuditPolicy.can(o.principal, 'improve', { ...r, drawnAt: null }))
      .map((r): WorkItem => {
        const due = springDue(nextSchoolYear(r.schoolYear));
        return {
          kind: 'peer_audit.improvements',
          title: `Verbeterpunten na de audit ${r.schoolYear} schrijven`,
          detail: `${r.schoolName}: het verslag van de voorzitter is er; de verbeterpunten gaan mee in het volgende actieplan`,
          link: `/kwaliteit/audits/${r.id}`,
          dueOn: due,
          urgency: urgencyOf(due, o.today),
          subject: { entityType: 'peer_audit', entityId: r.id, pupilId: null, schoolId: r.schoolId },
        };
      });
    return { items, count: items.length };
  },
};

/** The auditors named on an audit in the coming two weeks: where and when, and on the day the drawn pupil to open. */
const auditsComing: WorkSource = {
  kind: 'peer_audit.coming',
  menu: 'quality',
  // Auditors are school leaders, OCOs and the director: all of them see the rounds.
  applies: (p) => auditRoundPolicy.can(p, 'list', {}),
  async read(o: WorkRead) {
    const rows = await o.db<{ id: string; schoolName: string; plannedOn: string }[]>`
      select a.id, s.name as "schoolName", a.planned_on::text as "plannedOn"
      from peer_audits a join schools s on s.id = a.school_id
      where a.partnership_id = ${o.partnershipId} and ${o.principal.userId}::uuid = any(a.auditor_user_ids)
        and a.planned_on between ${o.today} and ${addDays(o.today, 14)}
      order by a.planned_on`;
    const items = rows.map((r): WorkItem => ({
      kind: 'peer_audit.coming',
      title: `Audit bij ${r.schoolName}`,
      detail: r.plannedOn === o.today ? 'Vandaag: het dossier van de getrokken leerling is vandaag open' : `Op ${formatDay(r.plannedOn)}, 2,5 uur`,
      link: `/kwaliteit/audits/${r.id}`,
      dueOn: r.plannedOn,
      urgency: urgencyOf(r.plannedOn, o.today),
      subject: { entityType: 'peer_audit', entityId: r.id, pupilId: null, schoolId: null },
    }));
    return { items, count: items.length };
  },
};

export const qualityWork: WorkSource[] = [springPlans, autumnEvaluations, discussionsToRecord, improvementsDue, auditsComing];

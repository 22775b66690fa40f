import { formatDay, addWeeks } from '../../platform/time.ts';
import { schoolsWhere, urgencyOf, type WorkItem, type WorkSource } from '../../platform/work.ts';
import { ANSWER_WAIT_WEEKS, EVALUATION_DUE_SOON_WEEKS } from './deadlines.ts';
import { planClocks, statusOf } from './overview.ts';
import { anyPlan, planPolicy } from './policy.ts';

/**
 * What waits in the plans (docs/decisions/0012-work-and-menu.md): OPPs whose
 * evaluation is due (within 6 weeks) or overdue, and plans the parents have
 * not answered for 4 weeks, by the same clocks as the school's overview
 * (deadlines.ts). For whoever keeps the school's overview and may evaluate
 * the plan: the support team.
 */
const oppsDue: WorkSource = {
  kind: 'opp.due',
  menu: 'opp',
  applies: (p) => schoolsWhere(p, (schoolId) => planPolicy.can(p, 'overview', { ...anyPlan, schoolId })).length > 0,
  async read(o) {
    const schools = schoolsWhere(o.principal, (schoolId) => planPolicy.can(o.principal, 'overview', { ...anyPlan, schoolId }));
    const rows = (await Promise.all(schools.map((schoolId) => planClocks(o.db, { schoolId, openOnly: true })))).flat();
    const items: WorkItem[] = [];
    for (const r of rows) {
      // Whose the plan's follow-up is (the rule alone: calling the parents is no evaluation, whatever the status allows now).
      if (!planPolicy.permits(o.principal, 'evaluate', { ...anyPlan, schoolId: r.schoolId, caseManagerId: r.caseManager?.id ?? null })) continue;
      const s = statusOf(r, o.today);
      const subject = { entityType: 'opp', entityId: r.id, pupilId: r.pupilId, schoolId: r.schoolId };
      if (s.status === 'overdue' && s.reason === 'answer' && r.sentOn) {
        const dueOn = addWeeks(r.sentOn, ANSWER_WAIT_WEEKS);
        items.push({
          kind: 'opp.answer_overdue',
          title: `OPP van ${r.pupilName}: de ouders hebben nog niet geantwoord`,
          detail: `Verstuurd op ${formatDay(r.sentOn)}; bel of mail de ouders`,
          link: `/opp/${r.id}`,
          dueOn,
          urgency: 'overdue',
          subject,
        });
      } else if ((s.status === 'overdue' || s.status === 'evaluation_due') && s.dueOn) {
        items.push({
          kind: 'opp.evaluation_due',
          title: s.status === 'overdue' ? `OPP van ${r.pupilName}: de evaluatie is te laat` : `OPP van ${r.pupilName}: evalueren vóór ${formatDay(s.dueOn)}`,
          detail: r.className ? `Klas ${r.className}` : null,
          link: `/opp/${r.id}`,
          dueOn: s.dueOn,
          urgency: urgencyOf(s.dueOn, o.today, EVALUATION_DUE_SOON_WEEKS * 7),
          subject,
        });
      }
    }
    return { items, count: items.length };
  },
};

export const planWork: WorkSource[] = [oppsDue];

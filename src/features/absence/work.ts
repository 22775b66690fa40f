import { formatDay, shiftDay } from '../../platform/time.ts';
import { schoolsWhere, urgencyOf, type WorkItem, type WorkRead, type WorkSource } from '../../platform/work.ts';
import { loadSchoolCalendars } from '../organisation/api.ts';
import { PUPIL_NAME } from '../pupils/api.ts';
import { loadAbsenceSettings, loadFacts, type FactRow } from './absence.ts';
import { absencePolicy } from './policy.ts';
import { assess, type AbsenceState } from './rules.ts';

/**
 * What absence asks of the OCO (docs/decisions/0012-work-and-menu.md), per
 * pupil of the OCO's schools, from the rules on the records (rules.ts):
 * a 16-hour report that is due and not recorded as made (it is due "onverwijld",
 * Leerplichtwet art. 21a: overdue from the day after), an early warning, worrying
 * sick absence, and a thuiszitter.
 */

const followsUpAt = (p: Parameters<WorkSource['applies']>[0]) => schoolsWhere(p, (schoolId) => absencePolicy.can(p, 'report', { schoolId, classId: null }) && absencePolicy.can(p, 'followUp', { schoolId, classId: null }));

/** The rules for every pupil of the school with absence in the last school year. */
async function statesAt(o: WorkRead, schoolId: string) {
  const from = shiftDay(o.today, -366);
  const pupils = await o.db<{ pupilId: string; name: string; reports: number }[]>`
    select p.id as "pupilId", ${o.db.unsafe(PUPIL_NAME)} as name,
      (select count(*)::int from absence_reports r where r.pupil_id = p.id and r.school_id = ${schoolId} and r.kind = '16_uur') as reports
    from pupils p where p.school_id = ${schoolId} and p.partnership_id = ${o.partnershipId}
      and exists (select 1 from absences a where a.pupil_id = p.id and a.school_id = ${schoolId} and a.day >= ${from})`;
  if (pupils.length === 0) return [];
  const [facts, calendars, settings] = await Promise.all([
    loadFacts(o.db, schoolId, pupils.map((p) => p.pupilId), from),
    loadSchoolCalendars(o.db, [schoolId]),
    loadAbsenceSettings(o.db, o.partnershipId),
  ]);
  const cal = calendars.get(schoolId);
  if (!cal) return [];
  const byPupil = new Map<string, FactRow[]>();
  for (const f of facts) byPupil.set(f.pupilId, [...(byPupil.get(f.pupilId) ?? []), f]);
  return pupils.map((p) => ({ ...p, schoolId, state: assess(cal, byPupil.get(p.pupilId) ?? [], o.today, p.reports, settings) }));
}

function itemsFor(o: WorkRead, r: { pupilId: string; name: string; schoolId: string; state: AbsenceState }): WorkItem[] {
  const s = r.state;
  const link = `/leerlingen/${r.pupilId}#verzuim`;
  const subject = { entityType: 'pupil', entityId: r.pupilId, pupilId: r.pupilId, schoolId: r.schoolId };
  const items: WorkItem[] = [];
  if (s.reportDue) {
    items.push({
      kind: 'absence.report_due',
      title: `Verzuimmelding nodig voor ${r.name}: ${s.reportDue.hours} uur ongeoorloofd in 4 schoolweken`,
      detail: `Sinds ${formatDay(s.reportDue.day)}; meld het bij de leerplichtambtenaar (DUO Verzuimloket) en leg de melding vast.`,
      link,
      dueOn: s.reportDue.day,
      urgency: urgencyOf(s.reportDue.day, o.today),
      subject,
    });
  } else if (s.earlyWarning) {
    items.push({
      kind: 'absence.early_warning',
      title: `${r.name} nadert de 16 uur ongeoorloofd verzuim: ${s.unreportedHours} uur in 4 schoolweken`,
      detail: 'Neem contact op met de leerling en de ouders voordat een melding nodig is.',
      link,
      dueOn: null,
      urgency: 'soon',
      subject,
    });
  }
  if (s.long?.thuiszitter) {
    items.push({
      kind: 'absence.thuiszitter',
      title: `${r.name} is al ${s.long.schoolWeeks} schoolweken niet op school${s.long.sick ? ' (ziek gemeld)' : ''}`,
      detail: `Sinds ${formatDay(s.long.since)}. Meld deze thuiszitter bij de consulent van het samenwerkingsverband.`,
      link,
      dueOn: s.long.since,
      urgency: 'overdue',
      subject,
    });
  }
  if (s.sick.flagged && !s.long?.thuiszitter) {
    items.push({
      kind: 'absence.sick',
      title: `Zorgwekkend ziekteverzuim bij ${r.name}`,
      detail: `${s.sick.reports} ziekmeldingen in de laatste schoolweken, langste ${s.sick.longestSpell} schooldagen achter elkaar.`,
      link,
      dueOn: null,
      urgency: 'soon',
      subject,
    });
  }
  return items;
}

const absenceSignals: WorkSource = {
  kind: 'absence',
  menu: 'pupils',
  applies: (p) => followsUpAt(p).length > 0,
  async read(o) {
    const states = (await Promise.all(followsUpAt(o.principal).map((s) => statesAt(o, s)))).flat();
    const items = states.flatMap((r) => itemsFor(o, r));
    return { items, count: items.length };
  },
};

export const absenceWork: WorkSource[] = [absenceSignals];

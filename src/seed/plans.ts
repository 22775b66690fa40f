import type { Tx } from '../db/index.ts';
import { addDays, today } from '../platform/time.ts';
import * as rows from './factories/index.ts';

/** A plan's content as a school writes it (the demo's OPPs, and the demand behind the gap map). */
export const planContent = (firstName: string, evaluation: string) => ({
  perspective: { destination: 'mbo-3', grounds: `${firstName} leert het best in de praktijk; de capaciteiten passen bij mbo niveau 3.` },
  facts: [],
  factors: [
    { kind: 'supporting', category: 'werkhouding', description: 'Gemotiveerd bij praktische opdrachten.', factSourceId: null },
    { kind: 'hindering', category: 'sociaal_emotioneel', description: 'Faalangst bij toetsen.', factSourceId: null },
  ],
  goals: [{ id: 'g1', what: 'Maakt toetsen af zonder paniek', howWeSee: 'Alle toetsen van een periode zijn gemaakt', by: evaluation }],
  measures: [
    { id: 'm1', aspect: 'ruimte', description: 'Toetsen in de stilteruimte met 25% extra tijd', who: 'Toetscoördinator', hoursPerWeek: 1, where: 'stilteruimte' },
    { id: 'm2', aspect: 'expertise', description: 'Faalangstreductietraining', who: 'Orthopedagoog', hoursPerWeek: 1, where: 'school' },
  ],
  curriculumDeviations: '',
  evaluationDates: [evaluation],
  handelingsadviezen: ['Geef toetsen in de stilteruimte met 25% extra tijd.'],
  pupilView: 'Ik wil rustig kunnen werken.',
  summary: {
    whatWeSee: `${firstName} wordt erg zenuwachtig van toetsen.`,
    whatWeAim: 'Dat toetsen maken rustiger gaat.',
    whatSchoolDoes: 'Een rustige plek, extra tijd en een training.',
    whatWeAsk: 'Help thuis met plannen van het leren.',
    nextTalk: evaluation,
  },
});

/**
 * Demo OPPs at the first school, one in every status (draft, with the
 * parents, agreed with an evaluation due soon, agreed and overdue, disagreed,
 * closed), for pupils with extra support; agreed plans put their advice in
 * the klassenscan like the real flow does.
 */
export async function seedPlans(tx: Tx, partnershipId: string) {
  const pupils = await tx<{ id: string; schoolId: string; firstName: string; ocoId: string }[]>`
    select p.id, p.school_id as "schoolId", p.first_name as "firstName",
      (select r.user_id from role_assignments r join users u on u.id = r.user_id where r.school_id = p.school_id and r.role = 'oco' order by u.email limit 1) as "ocoId"
    from pupils p
    where p.partnership_id = ${partnershipId} and p.support_level = 'extra'
      and p.school_id = (select r.school_id from role_assignments r join users u on u.id = r.user_id
                         where r.partnership_id = ${partnershipId} and r.role = 'oco' order by u.email limit 1)
    order by p.student_number limit 6`;
  const now = today();
  const states = [
    { status: 'draft', version: 'draft', evaluation: addDays(now, 120) },
    { status: 'with_parents', version: 'with_parents', evaluation: addDays(now, 150) },
    { status: 'agreed', version: 'agreed', evaluation: addDays(now, 14) },
    { status: 'agreed', version: 'agreed', evaluation: addDays(now, -10) },
    { status: 'disagreed', version: 'disagreed', evaluation: addDays(now, 90) },
    { status: 'closed', version: 'agreed', evaluation: addDays(now, -200) },
  ] as const;
  for (const [i, p] of pupils.entries()) {
    const s = states[i]!;
    const content = planContent(p.firstName, s.evaluation);
    const kind = i === 1 ? 'light' : 'full';
    const o = await rows.opp(tx, {
      partnership_id: partnershipId, school_id: p.schoolId, pupil_id: p.id, kind, status: s.status, next_evaluation_on: s.status === 'agreed' ? s.evaluation : null,
      created_by: p.ocoId, closed_at: s.status === 'closed' ? new Date() : null, closed_reason: s.status === 'closed' ? 'evaluatie' : null,
    });
    const sent = s.version !== 'draft';
    const v = await rows.oppVersion(tx, {
      partnership_id: partnershipId, opp_id: o.id, number: 1, kind, content, status: s.version, updated_by: p.ocoId,
      sent_at: sent ? new Date() : null, agreed_at: s.version === 'agreed' ? new Date() : null,
    });
    if (s.version === 'agreed' || s.version === 'disagreed') {
      await rows.oppResponse(tx, {
        partnership_id: partnershipId, opp_id: o.id, version_id: v.id, signer: 'parent', signer_name: `Ouder van ${p.firstName}`, decision: s.version === 'agreed' ? 'agree' : 'disagree',
        comment: s.version === 'agreed' ? '' : 'Wij willen meer begeleiding in de klas.', method: 'paper', recorded_by: p.ocoId,
      });
    }
    if (s.status === 'agreed') {
      await rows.handelingsadvies(tx, {
        partnership_id: partnershipId, school_id: p.schoolId, pupil_id: p.id, advice: content.handelingsadviezen[0]!, source: 'opp', source_id: o.id, created_by: p.ocoId,
      });
    }
  }
}

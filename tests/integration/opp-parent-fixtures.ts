import type { Sql } from '../../src/db/index.ts';
import { OppContent } from '../../src/features/plans/schema.ts';
import * as f from '../helpers/factories.ts';
import { insertLink } from '../helpers/parent-client.ts';

/**
 * A plan that went to the parents, made straight in the database (the
 * author's "send" is another feature's; these tests start where its mail
 * ends). The parent's client is tests/helpers/parent-client.ts.
 */
export async function planWithParents(sql: Sql, o: { birthDate?: string; firstName?: string; words?: string } = {}) {
  const p = await f.partnership(sql);
  const b = await f.board(sql, p.id);
  const s = await f.school(sql, p.id, b.id);
  const author = await f.user(sql, p.id, { roles: [{ role: 'oco', schoolId: s.id }] });
  const caseManager = await f.user(sql, p.id, { roles: [{ role: 'ondersteuner', schoolId: s.id }] });
  const [cm] = await sql<{ name: string }[]>`update users set name = 'Fatima El Amrani' where id = ${caseManager.id} returning name`;
  const pupil = await f.pupil(sql, p.id, s.id, null);
  const firstName = o.firstName ?? 'Noor';
  await sql`update pupils set first_name = ${firstName}, birth_date = ${o.birthDate ?? '2013-05-04'}, case_manager_id = ${caseManager.id} where id = ${pupil.id}`;
  const words = o.words ?? 'rustige plek';
  const content = OppContent.parse({
    perspective: { destination: 'mbo-3', grounds: `Onderbouwing met ${words}` },
    factors: [{ kind: 'supporting', category: 'leren', description: 'Leest graag' }],
    goals: [{ id: 'g1', what: `Werkt 20 minuten zelfstandig op een ${words}`, howWeSee: 'Mentor ziet het in de les', by: '2027-06-30' }],
    measures: [{ id: 'm1', aspect: 'ruimte', description: `Een ${words} in het leerplein`, who: 'Mentor', hoursPerWeek: 2, where: 'Leerplein' }],
    curriculumDeviations: 'Geen Frans in leerjaar 2',
    evaluationDates: ['2027-01-15', '2027-06-15'],
    handelingsadviezen: ['Geef instructie in kleine stappen'],
    pupilView: `${firstName} wil graag rust in de klas.`,
    summary: {
      whatWeSee: `${firstName} raakt snel afgeleid in een drukke klas (${words}).`,
      whatWeAim: 'Zelfstandig werken, 20 minuten achter elkaar.',
      whatSchoolDoes: 'Een vaste plek in het leerplein, twee uur per week.',
      whatWeAsk: 'Praat thuis over hoe het gaat.',
      nextTalk: '15 januari 2027',
    },
  });
  const opp = await f.opp(sql, { partnership_id: p.id, school_id: s.id, pupil_id: pupil.id, status: 'with_parents', created_by: author.id });
  const v = await f.oppVersion(sql, { partnership_id: p.id, opp_id: opp.id, content, status: 'with_parents', updated_by: author.id, sent_at: new Date() });
  return { partnershipId: p.id, schoolId: s.id, pupilId: pupil.id, oppId: opp.id, versionId: v.id, authorId: author.id, caseManagerName: cm!.name, firstName, words };
}

export type Plan = Awaited<ReturnType<typeof planWithParents>>;

/** One link, as the author's send makes it: 14 days. */
export const link = (sql: Sql, plan: Plan, o: { signer?: 'parent' | 'pupil'; name?: string } = {}) =>
  insertLink(sql, { partnershipId: plan.partnershipId, kind: 'opp', subjectId: plan.oppId, versionId: plan.versionId, createdBy: plan.authorId, days: 14 }, o);

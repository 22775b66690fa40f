import { addDays, today } from '../../src/platform/time.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { signIn } from '../helpers/client.ts';
import * as f from '../helpers/factories.ts';

/**
 * Plans written straight to the database, for opp-overview.test.ts (the school
 * overview, reminders, numbers) and opp-overview-pdf.test.ts (the OPP on
 * paper). Each test file gets its own app and partnership.
 */

let t: TestApp;
let p: { id: string };
let school: { id: string; name: string };
let oco: f.TestUser;
let klass: { id: string };

export const now = today();
export const day = (offset: number, from = now) => addDays(from, offset);
/** Noon UTC on a day: the same calendar day in Dutch time. */
export const at = (d: string) => `${d}T11:00:00Z`;

const content = (o: Record<string, unknown> = {}) => ({
  perspective: { destination: 'mbo-2', grounds: 'Leert het best in kleine stappen met veel herhaling.' },
  facts: [],
  factors: [
    { kind: 'supporting', category: 'leren', description: 'Gemotiveerd en nieuwsgierig', factSourceId: null },
    { kind: 'hindering', category: 'gedrag', description: 'Snel afgeleid in drukke ruimtes', factSourceId: null },
  ],
  goals: [{ id: 'g1', what: 'Leest op AVI-niveau E5', howWeSee: 'AVI-toets in juni', by: '2027-06-01' }],
  measures: [{ id: 'm1', aspect: 'aandacht', description: 'Twee keer per week extra leesbegeleiding', who: 'Remedial teacher', hoursPerWeek: 1.5, where: 'Leslokaal 4' }],
  curriculumDeviations: 'Vrijstelling Frans.',
  evaluationDates: [],
  handelingsadviezen: ['Geef instructie in kleine stappen'],
  pupilView: 'Ik werk liever in een rustige ruimte.',
  summary: { whatWeSee: '', whatWeAim: '', whatSchoolDoes: '', whatWeAsk: '', nextTalk: '' },
  ...o,
});

interface V {
  status: 'draft' | 'with_parents' | 'agreed' | 'disagreed' | 'superseded';
  sentOn?: string;
  agreedOn?: string;
  evaluationDates?: string[];
  updatedBy?: string;
}

/** A plan written straight to the database: the state a test starts from. */
export async function opp(o: { schoolId?: string; pupilId: string; kind?: 'full' | 'light'; status: string; createdOn?: string; closedOn?: string; versions: V[]; createdBy?: string }) {
  const createdBy = o.createdBy ?? oco.id;
  const row = await f.opp(t.sql, {
    partnership_id: p.id, school_id: o.schoolId ?? school.id, pupil_id: o.pupilId, kind: o.kind, status: o.status, current_version: o.versions.length, created_by: createdBy,
    created_at: o.createdOn ? at(o.createdOn) : undefined, closed_at: o.closedOn ? at(o.closedOn) : null,
  });
  const versionIds: string[] = [];
  for (const [i, v] of o.versions.entries()) {
    const vr = await f.oppVersion(t.sql, {
      partnership_id: p.id, opp_id: row.id, number: i + 1, kind: o.kind, content: content({ evaluationDates: v.evaluationDates ?? [] }), status: v.status,
      updated_by: v.updatedBy ?? createdBy, sent_at: v.sentOn ? at(v.sentOn) : null, agreed_at: v.agreedOn ? at(v.agreedOn) : null,
    });
    versionIds.push(vr.id);
  }
  return { id: row.id, versionIds };
}

export async function respond(oppId: string, versionId: string, r: { signer: 'parent' | 'pupil'; name: string; decision: 'agree' | 'disagree'; method: 'online' | 'paper'; comment?: string; recordedBy?: string }) {
  await f.oppResponse(t.sql, {
    partnership_id: p.id, opp_id: oppId, version_id: versionId, signer: r.signer, signer_name: r.name, decision: r.decision, comment: r.comment, method: r.method,
    recorded_by: r.recordedBy ?? null,
  });
}

export const pupilIn = (schoolId: string, o: { lastName?: string; classId?: string | null; placedOn?: string } = {}) =>
  f.pupil(t.sql, p.id, schoolId, o.classId === undefined ? klass.id : o.classId, { lastName: o.lastName }).then(async (pu) => {
    if (o.placedOn) await t.sql`update enrolments set start_date = ${o.placedOn} where pupil_id = ${pu.id}`;
    return pu;
  });

/** The app, a partnership with a school, its OCO, school leader and mentor (with a class), and an OCO of another school. */
export async function startOppWorld() {
  t = await createTestApp();
  p = await f.partnership(t.sql);
  const boardId = (await f.board(t.sql, p.id)).id;
  school = await f.school(t.sql, p.id, boardId, { name: 'Het Baken College' });
  const other = await f.school(t.sql, p.id, boardId);
  oco = await f.user(t.sql, p.id, { roles: [{ role: 'oco', schoolId: school.id }] });
  const leader = await f.user(t.sql, p.id, { roles: [{ role: 'schoolleider', schoolId: school.id }] });
  const mentor = await f.user(t.sql, p.id, { roles: [{ role: 'mentor', schoolId: school.id }] });
  const otherOco = await f.user(t.sql, p.id, { roles: [{ role: 'oco', schoolId: other.id }] });
  klass = await f.klass(t.sql, p.id, school.id, [{ userId: mentor.id }]);
  const ocoC = await signIn(t.app, oco);
  return { t, p, boardId, school, oco, leader, mentor, otherOco, klass, ocoC };
}

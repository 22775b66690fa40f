import { randomUUID } from 'node:crypto';
import { today } from '../../../src/platform/time.ts';
import * as f from '../../helpers/factories.ts';
import { staffOnly } from './expect.ts';
import type { Entry } from './matrix.ts';
import type { World } from './world.ts';

/**
 * Quality of support: the spearheads and the schools' action plans. The
 * spearheads: every staff member reads them, the director and the admin set
 * them. A school's plan: its school leader and OCO write, hand in and
 * evaluate it, its support team reads it; the partnership's director,
 * consultants and admin read every plan, and the director and consultants
 * record the spring round's discussion. Other schools and roles do not see
 * the plan at all (404). School-level data: no route here is pupil data.
 */
const READERS = { swv_director: 403, swv_consultant: 403, swv_admin: 403, ondersteuner: 403 } as const;
const WRITERS = { oco: 200, schoolleider: 200 } as const;

/** A goal under A's spearhead, with one indicator: enough to hand a plan in. */
const goal = (spearheadId: string) => ({
  id: randomUUID(),
  spearheadId,
  goal: 'Elke leerling met een OPP wordt twee keer per jaar geëvalueerd.',
  actions: 'Evaluatiemomenten in de jaarplanning.',
  owner: 'OCO',
  budgetLine: 'care_staff',
  indicators: [{ name: "OPP's op tijd geëvalueerd", target: '90%' }],
  origin: 'new',
  carriedFrom: null,
});

interface Fixture {
  spearheadId: string;
  draftId: string;
  submittedId: string;
}
const fixtures = new WeakMap<World, Promise<Fixture>>();
let years = 2400;
/** A school year no other plan of A1 has: plans are one per school and year. */
const freshYear = () => `${++years}-${years + 1}`;

/** A's spearhead, a draft plan of A1 with last year's plan behind it (for carrying over), and a handed-in plan of A1. */
function fixture(w: World): Promise<Fixture> {
  let made = fixtures.get(w);
  if (!made) {
    made = (async () => {
      const pid = w.a.partnershipId;
      const s = await f.rows.qualitySpearhead(w.sql, { partnership_id: pid, label: `Matrix ${randomUUID().slice(0, 8)}` });
      const by = w.users.oco.id;
      await f.rows.actionPlan(w.sql, { partnership_id: pid, school_id: w.a.schoolId, school_year: '2029-2030', content: { summary: '', goals: [goal(s.id)] }, submitted_at: new Date(), submitted_by: by });
      const draft = await f.rows.actionPlan(w.sql, { partnership_id: pid, school_id: w.a.schoolId, school_year: '2030-2031' });
      const submitted = await f.rows.actionPlan(w.sql, {
        partnership_id: pid, school_id: w.a.schoolId, school_year: '2031-2032', content: { summary: '', goals: [goal(s.id)] }, submitted_at: new Date(), submitted_by: by,
      });
      return { spearheadId: s.id, draftId: draft.id, submittedId: submitted.id };
    })();
    fixtures.set(w, made);
  }
  return made;
}
const revision = async (w: World, id: string) => (await w.sql<{ revision: number }[]>`select revision from action_plans where id = ${id}`)[0]!.revision;

/** A fresh draft of A1 with one complete goal: what a school hands in. */
async function freshDraft(w: World) {
  const { spearheadId } = await fixture(w);
  const p = await f.rows.actionPlan(w.sql, { partnership_id: w.a.partnershipId, school_id: w.a.schoolId, school_year: freshYear(), content: { summary: '', goals: [goal(spearheadId)] } });
  return p.id;
}


/* ------------------------------------------------------------ peer audits */

interface AuditFixture {
  /** A1 audited by A2 today: its OCO and the director are the auditors, a pupil of A1 with an arrangement is drawn, the chair's report is in. */
  auditId: string;
  /** Four more schools of A: with A1 and A2 six, the fewest for a rotation an adjustment can change into another one. */
  extra: string[];
}
const auditFixtures = new WeakMap<World, Promise<AuditFixture>>();
function auditFixture(w: World): Promise<AuditFixture> {
  let made = auditFixtures.get(w);
  if (!made) {
    made = (async () => {
      const pid = w.a.partnershipId;
      const extra = [];
      for (let i = 0; i < 4; i++) extra.push((await f.school(w.sql, pid, w.a.boardId)).id);
      // Not the world's pupil: the OCO of A2 may see this one, as its auditor, and never the world's.
      const drawn = await f.pupil(w.sql, pid, w.a.schoolId, null);
      const round = await f.rows.auditRound(w.sql, { partnership_id: pid, school_year: freshYear() });
      const a = await f.rows.peerAudit(w.sql, {
        partnership_id: pid, round_id: round.id, school_id: w.a.schoolId, auditor_school_id: w.a.otherSchoolId, planned_on: today(),
        auditor_user_ids: [w.users.oco_other_school.id, w.users.swv_director.id], chair_name: 'Gerda Heringa',
        drawn_pupil_id: drawn.id, draw_seed: 'abc', draw_list: [drawn.id], drawn_at: new Date(),
        report: { answers: { successful: 'Goed', difficult: '', drawnPupil: '', budgets: '', absence: '', advice: '' }, findings: [] }, report_at: new Date(),
      });
      return { auditId: a.id, extra };
    })();
    auditFixtures.set(w, made);
  }
  return made;
}
/** A fresh audit of A1 by A2 in a round of its own, planned for today, nothing drawn yet. */
async function freshAudit(w: World) {
  await auditFixture(w);
  const round = await f.rows.auditRound(w.sql, { partnership_id: w.a.partnershipId, school_year: freshYear() });
  const a = await f.rows.peerAudit(w.sql, { partnership_id: w.a.partnershipId, round_id: round.id, school_id: w.a.schoolId, auditor_school_id: w.a.otherSchoolId, planned_on: today() });
  return a.id;
}
/** A fresh round of six schools in one cycle, A1 → A2 → X1 → … → X4 → A1; the adjustment A1 → X3 makes two cycles of three. */
async function freshRound(w: World) {
  const { extra } = await auditFixture(w);
  const cycle = [w.a.schoolId, w.a.otherSchoolId, ...extra];
  const round = await f.rows.auditRound(w.sql, { partnership_id: w.a.partnershipId, school_year: freshYear() });
  for (const [i, auditor] of cycle.entries()) {
    await f.rows.peerAudit(w.sql, { partnership_id: w.a.partnershipId, round_id: round.id, auditor_school_id: auditor, school_id: cycle[(i + 1) % cycle.length]! });
  }
  return { id: round.id, auditor: w.a.schoolId, audited: extra[2]! };
}

/** Who reads an audit of A1 by A2: the partnership's readers, the leader and OCO of A1, the OCO of A2 (also an auditor). */
const AUDIT_READERS = { swv_director: 403, swv_consultant: 403, swv_admin: 403, oco: 403, schoolleider: 403, oco_other_school: 403 } as const;
const DIRECTOR_ONLY = { default: 404, ...staffOnly, ...AUDIT_READERS, swv_director: 200 } as const;

const ROUND_TABLE_READERS = { swv_director: 200, swv_consultant: 200, swv_admin: 200, oco: 200, schoolleider: 200, oco_other_school: 200 } as const;
const roundTableBody = () => ({
  title: 'Thematafel directeuren',
  heldOn: '2027-03-10',
  audiences: ['directors'],
  content: { statements: [{ text: 'De school regisseert, het samenwerkingsverband ondersteunt.', reactions: '' }], themes: [{ theme: 'Basisondersteuning', keep: ['Scholingsaanbod'], drop: [], miss: [] }] },
});
const roundTables = new WeakMap<World, Promise<string>>();
/** A round table of A. */
function roundTableOf(w: World): Promise<string> {
  let made = roundTables.get(w);
  if (!made) {
    made = f.rows.roundTable(w.sql, { partnership_id: w.a.partnershipId, held_on: '2027-02-11' }).then((r) => r.id);
    roundTables.set(w, made);
  }
  return made;
}

export const rows: Record<string, Entry> = {
  'GET /api/quality/spearheads': { call: () => ({ url: '/api/quality/spearheads' }), expect: { default: 200, ...staffOnly } },
  // B's admin names A's spearhead: unknown in B, a field error.
  'PUT /api/quality/spearheads': {
    call: async (w) => ({ url: '/api/quality/spearheads', body: { spearheads: [{ id: (await fixture(w)).spearheadId, label: 'Versterken van de zorgstructuur', description: '', active: true }] } }),
    expect: { default: 403, ...staffOnly, swv_director: 200, swv_admin: 200, swv_admin_other_partnership: 400 },
  },
  // The list: the partnership's readers, and a school's leader, OCO and support team (their own school only).
  'GET /api/quality/plans': {
    call: () => ({ url: '/api/quality/plans?schoolYear=2030-2031' }),
    expect: {
      default: 403, ...staffOnly, swv_director: 200, swv_consultant: 200, swv_admin: 200, ...WRITERS, ondersteuner: 200,
      oco_other_school: 200, swv_admin_other_partnership: 200, oco_other_partnership: 200,
    },
  },
  // The spring round's summary report: who holds the rounds.
  'GET /api/quality/plans/report.pdf': { call: () => ({ url: '/api/quality/plans/report.pdf?schoolYear=2031-2032' }), expect: { default: 403, ...staffOnly, swv_director: 200, swv_consultant: 200 } },
  // B's callers name A's school: unknown in B, a field error.
  'POST /api/quality/plans': {
    call: (w) => ({ url: '/api/quality/plans', body: { schoolId: w.a.schoolId, schoolYear: '2030-2031' } }),
    expect: { default: 403, ...staffOnly, ...WRITERS, swv_admin_other_partnership: 400, oco_other_partnership: 400 },
  },
  'GET /api/quality/plans/:id': {
    call: async (w) => ({ url: `/api/quality/plans/${(await fixture(w)).draftId}` }),
    expect: { default: 404, ...staffOnly, swv_director: 200, swv_consultant: 200, swv_admin: 200, ...WRITERS, ondersteuner: 200 },
  },
  'PUT /api/quality/plans/:id': {
    call: async (w) => {
      const { draftId, spearheadId } = await fixture(w);
      return { url: `/api/quality/plans/${draftId}`, body: { revision: await revision(w, draftId), content: { summary: 'Waar de school staat.', goals: [goal(spearheadId)] } } };
    },
    expect: { default: 404, ...staffOnly, ...READERS, ...WRITERS },
  },
  // Carrying over twice adds nothing the second time: still a 200.
  'POST /api/quality/plans/:id/carry-over': {
    call: async (w) => {
      const { draftId } = await fixture(w);
      return { url: `/api/quality/plans/${draftId}/carry-over`, body: { revision: await revision(w, draftId) } };
    },
    expect: { default: 404, ...staffOnly, ...READERS, ...WRITERS },
  },
  'POST /api/quality/plans/:id/submit': {
    call: async (w) => {
      const id = await freshDraft(w);
      return { url: `/api/quality/plans/${id}/submit`, body: { revision: await revision(w, id) } };
    },
    expect: { default: 404, ...staffOnly, ...READERS, ...WRITERS },
  },
  'PUT /api/quality/plans/:id/discussion': {
    call: async (w) => ({ url: `/api/quality/plans/${(await fixture(w)).submittedId}/discussion`, body: { heldOn: '2031-05-12', attendees: ['leader', 'coordinator', 'parents'], notes: 'Afspraken gemaakt.' } }),
    expect: { default: 404, ...staffOnly, swv_director: 200, swv_consultant: 200, swv_admin: 403, oco: 403, schoolleider: 403, ondersteuner: 403 },
  },
  'PUT /api/quality/plans/:id/evaluation': {
    call: async (w) => {
      const { submittedId } = await fixture(w);
      const [p] = await w.sql<{ content: { goals: { id: string }[] } }[]>`select content from action_plans where id = ${submittedId}`;
      return { url: `/api/quality/plans/${submittedId}/evaluation`, body: { goals: [{ goalId: p!.content.goals[0]!.id, result: 'partly', learnt: 'Planning bleek lastig.' }], close: false } };
    },
    expect: { default: 404, ...staffOnly, ...READERS, ...WRITERS },
  },
  // The indicators: the director and consultants (every school), a school's leader and OCO (their own beside the median).
  'GET /api/quality/indicators': {
    call: () => ({ url: '/api/quality/indicators?schoolYear=2026-2027' }),
    expect: { default: 403, ...staffOnly, swv_director: 200, swv_consultant: 200, ...WRITERS, oco_other_school: 200, oco_other_partnership: 200 },
  },
  // The shared guide: every staff member of the partnership, its own partnership's findings.
  'GET /api/quality/guide': { call: () => ({ url: '/api/quality/guide?q=leerplicht&theme=Angst%20en%20schoolweigering' }), expect: { default: 200, ...staffOnly } },
  // Peer audits. The round: whoever may list plans sees it (their own partnership's); the director draws and adjusts.
  'GET /api/quality/audit-rounds': {
    call: () => ({ url: '/api/quality/audit-rounds?schoolYear=2031-2032' }),
    expect: {
      default: 403, ...staffOnly, swv_director: 200, swv_consultant: 200, swv_admin: 200, ...WRITERS,
      oco_other_school: 200, swv_admin_other_partnership: 200, oco_other_partnership: 200,
    },
  },
  'POST /api/quality/audit-rounds': {
    call: async (w) => {
      await auditFixture(w);
      return { url: '/api/quality/audit-rounds', body: { schoolYear: freshYear() } };
    },
    expect: { default: 403, ...staffOnly, swv_director: 200 },
  },
  'POST /api/quality/audit-rounds/:id/adjustments': {
    call: async (w) => {
      const r = await freshRound(w);
      return { url: `/api/quality/audit-rounds/${r.id}/adjustments`, body: { auditorSchoolId: r.auditor, auditedSchoolId: r.audited, reason: 'Belangenverstrengeling: de teamleider werkte vorig jaar op die school.' } };
    },
    expect: { default: 403, ...staffOnly, swv_director: 200 },
  },
  'GET /api/quality/audits/:id': {
    call: async (w) => ({ url: `/api/quality/audits/${(await auditFixture(w)).auditId}` }),
    expect: { default: 404, ...staffOnly, swv_director: 200, swv_consultant: 200, swv_admin: 200, oco: 200, schoolleider: 200, oco_other_school: 200 },
  },
  'PUT /api/quality/audits/:id/plan': {
    call: async (w) => ({
      url: `/api/quality/audits/${await freshAudit(w)}/plan`,
      body: { plannedOn: '2031-03-10', plannedMinutes: 150, auditorUserIds: [w.users.oco_other_school.id, w.users.swv_director.id], chairName: 'Gerda Heringa', successfulDossier: 'Leerling met ASS, klas 2.', difficultDossier: 'Schoolweigering, klas 3.' },
    }),
    expect: DIRECTOR_ONLY,
  },
  'POST /api/quality/audits/:id/pupil-draw': { call: async (w) => ({ url: `/api/quality/audits/${await freshAudit(w)}/pupil-draw` }), expect: DIRECTOR_ONLY },
  // Pupil data: the auditors named, on the audit day; everyone else finds nothing (and that is audited).
  'GET /api/quality/audits/:id/drawn-pupil': {
    call: async (w) => ({ url: `/api/quality/audits/${(await auditFixture(w)).auditId}/drawn-pupil` }),
    expect: { default: 404, ...staffOnly, swv_director: 200, oco_other_school: 200 },
  },
  'PUT /api/quality/audits/:id/report': {
    call: async (w) => ({
      url: `/api/quality/audits/${(await auditFixture(w)).auditId}/report`,
      body: { answers: { successful: 'Snel geschakeld met ketenpartners.', difficult: '', drawnPupil: 'Herkenbaar.', budgets: '', absence: '', advice: '' }, findings: [{ kind: 'success', theme: 'Angst en schoolweigering', text: 'Snel de leerplichtambtenaar betrekken.' }] },
    }),
    expect: DIRECTOR_ONLY,
  },
  'PUT /api/quality/audits/:id/improvements': {
    call: async (w) => ({
      url: `/api/quality/audits/${(await auditFixture(w)).auditId}/improvements`,
      body: { points: [{ text: 'Intakechecklist voor zij-instromers invoeren.', spearheadId: (await fixture(w)).spearheadId }] },
    }),
    expect: { default: 404, ...staffOnly, ...AUDIT_READERS, ...WRITERS },
  },

  // Round tables (seed 003): the partnership's staff and the schools' leaders and OCOs read them (B's, for B's callers); the director and consultants record them.
  'GET /api/quality/round-tables': {
    call: () => ({ url: '/api/quality/round-tables?schoolYear=2026-2027' }),
    expect: { default: 403, ...staffOnly, ...ROUND_TABLE_READERS, swv_admin_other_partnership: 200, oco_other_partnership: 200 },
  },
  'GET /api/quality/round-tables/export': {
    call: () => ({ url: '/api/quality/round-tables/export?schoolYear=2026-2027&format=csv' }),
    expect: { default: 403, ...staffOnly, ...ROUND_TABLE_READERS, swv_admin_other_partnership: 200, oco_other_partnership: 200 },
  },
  'POST /api/quality/round-tables': {
    call: () => ({ url: '/api/quality/round-tables', body: roundTableBody() }),
    expect: { default: 403, ...staffOnly, swv_director: 200, swv_consultant: 200 },
  },
  'GET /api/quality/round-tables/:id': {
    call: async (w) => ({ url: `/api/quality/round-tables/${await roundTableOf(w)}` }),
    expect: { default: 403, ...staffOnly, ...ROUND_TABLE_READERS, swv_admin_other_partnership: 404, oco_other_partnership: 404 },
  },
  'PUT /api/quality/round-tables/:id': {
    call: async (w) => {
      const id = await roundTableOf(w);
      const [{ revision }] = await w.sql<[{ revision: number }]>`select revision from quality_round_tables where id = ${id}`;
      return { url: `/api/quality/round-tables/${id}`, body: { ...roundTableBody(), revision } };
    },
    expect: { default: 403, ...staffOnly, swv_director: 200, swv_consultant: 200 },
  },
};

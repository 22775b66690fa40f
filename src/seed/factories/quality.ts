import { builder } from './row.ts';

/** Row builders for the quality cycle (see organisation.ts). */
type Tenant = { partnership_id: string };

export const qualitySpearhead = builder<Tenant>('quality_spearheads', () => ({ label: `Speerpunt ${Math.random().toString(36).slice(2, 8)}`, description: '' }));

/** An empty draft plan unless told otherwise; give `submitted_by` with `submitted_at`. */
export const actionPlan = builder<Tenant & { school_id: string; school_year: string }>(
  'action_plans',
  () => ({ content: { summary: '', goals: [] }, evaluation: {} }),
  ['content', 'discussion', 'evaluation'],
);

/** A drawn round; its pairs as given (the peer_audits rows are written apart). */
export const auditRound = builder<Tenant & { school_year: string }>(
  'audit_rounds',
  () => ({ seed: 'seed', schools: [], history: [], drawn_pairs: [], adjustments: [] }),
  ['schools', 'history', 'drawn_pairs', 'adjustments'],
);

/** One audit of a round: `school_id` is audited by `auditor_school_id`. Give `draw_seed` and `drawn_at` together. */
export const peerAudit = builder<Tenant & { round_id: string; school_id: string; auditor_school_id: string }>(
  'peer_audits',
  () => ({ improvements: [] }),
  ['draw_list', 'report', 'improvements'],
);

/** A round table with one statement and one theme unless told otherwise. */
export const roundTable = builder<Tenant & { held_on: string }>(
  'quality_round_tables',
  () => ({
    title: `Thematafel ${Math.random().toString(36).slice(2, 8)}`,
    audiences: ['ib', 'directors'],
    content: { statements: [{ text: 'Het ondersteuningsplan helpt ons.', reactions: 'Grotendeels eens.' }], themes: [{ theme: 'Basisondersteuning', keep: ['Scholingsaanbod'], drop: [], miss: ['Cursus OT'] }] },
  }),
  ['content'],
);

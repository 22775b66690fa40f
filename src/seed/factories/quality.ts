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

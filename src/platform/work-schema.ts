import { z } from 'zod';

/**
 * The reader's work list as the browser gets it (GET /api/work): shared by the
 * server (src/server/work.ts) and the start page and menu (src/app). Lives in
 * platform because it is no one feature's: every feature adds its items
 * (docs/decisions/0012-work-and-menu.md).
 */
export const urgencies = ['overdue', 'now', 'soon', 'later'] as const;
export type Urgency = (typeof urgencies)[number];

export const urgencyLabels: Record<Urgency, string> = {
  overdue: 'Te laat',
  now: 'Deze week',
  soon: 'Binnenkort',
  later: 'Open',
};

export const WorkItemOut = z.object({
  kind: z.string(),
  title: z.string(),
  detail: z.string().nullable(),
  link: z.string(),
  dueOn: z.string().nullable(),
  urgency: z.enum(urgencies),
});
export type WorkItemOut = z.infer<typeof WorkItemOut>;

export const WorkFigureOut = z.object({
  kind: z.string(),
  label: z.string(),
  total: z.number(),
  link: z.string().nullable(),
  /** A count under 5 is null: shown as "minder dan 5". */
  bySchool: z.array(z.object({ schoolId: z.string(), schoolName: z.string(), count: z.number().nullable() })),
});
export type WorkFigureOut = z.infer<typeof WorkFigureOut>;

export const Work = z.object({
  today: z.string(),
  items: z.array(WorkItemOut),
  /** How many items there are in all (the list shows the most urgent). */
  total: z.number(),
  /** Per menu entry (its `count` key), how many items wait there. */
  counts: z.record(z.string(), z.number()),
  figures: z.array(WorkFigureOut),
});
export type Work = z.infer<typeof Work>;

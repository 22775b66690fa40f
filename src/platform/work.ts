import type { Db } from '../db/index.ts';
import type { Principal } from './access/principal.ts';
import { addDays, daysBetween } from './time.ts';
import { urgencies, type Urgency } from './work-schema.ts';

/**
 * The reader's work list (werkvoorraad) and the counts in the menu come from
 * work sources: each feature says, in its own `work.ts`, what waits for whom
 * (docs/decisions/0012-work-and-menu.md). A source asks its feature's policy
 * which rows the reader may see and which of them are theirs to act on, so
 * the start page never shows what the reader may not open.
 */

export { urgencies, type Urgency } from './work-schema.ts';

/** Due within this many days counts as "now" (this week); within the source's own window as "soon". */
export const NOW_DAYS = 7;

/** The urgency of something due on a day: overdue, due this week, or later. */
export function urgencyOf(dueOn: string | null, today: string, soonDays = 28): Urgency {
  if (dueOn === null) return 'later';
  if (dueOn < today) return 'overdue';
  if (dueOn <= addDays(today, NOW_DAYS)) return 'now';
  return daysBetween(today, dueOn) <= soonDays ? 'soon' : 'later';
}

export interface WorkItem {
  /** The source's kind, e.g. 'request.addition_asked'. */
  kind: string;
  /** One line in Dutch that says what waits ("Aanvulling gevraagd bij de aanvraag TLV voor Sam de Vries"). */
  title: string;
  /** A second line: school, who, since when. */
  detail: string | null;
  /** Where it is done (an app path). */
  link: string;
  /** The day it is due ('YYYY-MM-DD'), from the feature's own clocks (platform/time.ts). */
  dueOn: string | null;
  urgency: Urgency;
  /** What the item shows, for the audit row of the read: a pupil named is an audited read. */
  subject: { entityType: string; entityId: string; pupilId: string | null; schoolId: string | null };
}

/** A number the reader oversees (the director's numbers at a glance), with its split per school. */
export interface WorkFigure {
  kind: string;
  label: string;
  total: number;
  link: string | null;
  /** Per school; a count under SMALL_COUNT is not shown (null), so a number never points at a pupil. */
  bySchool: { schoolId: string; schoolName: string; count: number | null }[];
}

/** Counts per school below this are withheld ("minder dan 5"): small cells identify pupils. */
export const SMALL_COUNT = 5;
export const withholdSmall = (n: number): number | null => (n < SMALL_COUNT ? null : n);

/** Counts per school as a figure's split, by school name, small counts withheld. */
export async function figureBySchool(db: Db, partnershipId: string, counts: { schoolId: string; n: number }[]): Promise<WorkFigure['bySchool']> {
  const schools = await db<{ id: string; name: string }[]>`select id, name from schools where partnership_id = ${partnershipId} order by name`;
  const by = new Map(counts.map((c) => [c.schoolId, c.n]));
  return schools.filter((s) => by.has(s.id)).map((s) => ({ schoolId: s.id, schoolName: s.name, count: withholdSmall(by.get(s.id)!) }));
}

export interface WorkRead {
  db: Db;
  principal: Principal;
  partnershipId: string;
  today: string;
  now: Date;
}

export interface WorkSource {
  kind: string;
  /**
   * The menu entry whose count this source adds to (a key the browser's menu
   * names, e.g. 'requests'); none: the items show on the start page only.
   */
  menu?: string;
  /** Whether the source can have anything for this reader, asked of the feature's policy; false skips the query. */
  applies(p: Principal): boolean;
  /** Every item waiting for the reader (the registry sorts them and shows the most urgent) and how many there are. */
  read(o: WorkRead): Promise<{ items: WorkItem[]; count: number }>;
}

export interface FigureSource {
  kind: string;
  applies(p: Principal): boolean;
  read(o: WorkRead): Promise<WorkFigure>;
}

/** Most urgent first; then the earliest due; then by title. */
export function byUrgency(a: WorkItem, b: WorkItem): number {
  const u = urgencies.indexOf(a.urgency) - urgencies.indexOf(b.urgency);
  if (u !== 0) return u;
  if (a.dueOn !== b.dueOn) return a.dueOn === null ? 1 : b.dueOn === null ? -1 : a.dueOn < b.dueOn ? -1 : 1;
  return a.title.localeCompare(b.title, 'nl');
}

/** The schools where a school-scoped rule of a policy holds for the reader: the school set a source may look in. */
export const schoolsWhere = (p: Principal, holds: (schoolId: string) => boolean): string[] =>
  [...new Set(p.roles.map((r) => r.schoolId).filter((s): s is string => s !== null))].filter(holds);

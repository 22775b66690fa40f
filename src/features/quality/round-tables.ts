import type { z } from 'zod';
import { transaction, type Db } from '../../db/index.ts';
import { audit } from '../../platform/audit.ts';
import { fail } from '../../platform/errors.ts';
import type { StaffContext } from '../../platform/http/context.ts';
import { auditExport, type ExportSheet } from '../../platform/list-export.ts';
import { schoolYearOf } from '../../platform/time.ts';
import { qualityPolicy } from './policy.ts';
import { verdictLabels, verdicts, type RoundTableContent, type RoundTableExportQuery, type RoundTableInput, type RoundTableList, type RoundTableQuery, type RoundTableView, type SaveRoundTableInput } from './round-table-schema.ts';

type Row = Omit<z.infer<typeof RoundTableView>, 'allowed'>;

/** A school year runs from 1 August to 31 July (WVO art. 1): its first and last day. */
const yearBounds = (schoolYear: string) => [`${schoolYear.slice(0, 4)}-08-01`, `${schoolYear.slice(5)}-07-31`] as const;

/**
 * The year's round tables and, per theme across them, what the field said to
 * keep, drop and miss (seed 003's feedback, grouped for the evaluation of the
 * support plan). A theme is the same theme whatever its capitals or spaces.
 */
export async function listRoundTables(ctx: StaffContext, q: z.output<typeof RoundTableQuery>): Promise<z.infer<typeof RoundTableList>> {
  qualityPolicy.authorize(ctx.principal, 'readRoundTables', {});
  const pid = ctx.scope.partnershipId;
  const schoolYear = q.schoolYear ?? schoolYearOf(new Date());
  const [from, to] = yearBounds(schoolYear);
  const [rows, years] = await Promise.all([
    ctx.sql<(Row & { audiences: string[] })[]>`
      select t.id, t.title, t.held_on::text as "heldOn", t.audiences, t.content
      from quality_round_tables t
      where t.partnership_id = ${pid} and t.held_on between ${from} and ${to}
      order by t.held_on desc, t.title`,
    ctx.sql<{ start: number }[]>`
      select distinct case when extract(month from held_on) >= 8 then extract(year from held_on) else extract(year from held_on) - 1 end::int as start
      from quality_round_tables where partnership_id = ${pid}`,
  ]);
  const needle = q.q?.toLowerCase() ?? null;
  const themes = new Map<string, { theme: string; points: z.infer<typeof RoundTableList>['themes'][number]['points'] }>();
  // In the order the tables were held: a theme is named as it was named first.
  for (const t of [...rows].reverse()) {
    for (const th of t.content.themes) {
      const key = th.theme.toLowerCase().replace(/\s+/g, ' ');
      const entry = themes.get(key) ?? themes.set(key, { theme: th.theme, points: [] }).get(key)!;
      for (const verdict of verdicts) {
        for (const text of th[verdict]) {
          if (needle && !text.toLowerCase().includes(needle) && !key.includes(needle)) continue;
          entry.points.push({ verdict, text, tableId: t.id, tableTitle: t.title, heldOn: t.heldOn });
        }
      }
    }
  }
  const schoolYears = [...new Set([schoolYear, ...years.map((y) => `${y.start}-${y.start + 1}`)])].sort().reverse();
  return {
    schoolYear,
    schoolYears,
    tables: rows.map((t) => ({ id: t.id, title: t.title, heldOn: t.heldOn, audiences: t.audiences, statements: t.content.statements.length, themes: t.content.themes.length })),
    themes: [...themes.values()].filter((t) => t.points.length > 0).sort((a, b) => a.theme.localeCompare(b.theme, 'nl')),
    allowed: { manage: qualityPolicy.can(ctx.principal, 'manageRoundTables', {}) },
  };
}

/** The summary per theme as a sheet: one row per point, with the table it was said at (no person is named in it). */
export async function exportRoundTables(ctx: StaffContext, q: z.output<typeof RoundTableExportQuery>): Promise<ExportSheet> {
  const list = await listRoundTables(ctx, q);
  const rows = list.themes.flatMap((t) => t.points.map((p) => [t.theme, verdictLabels[p.verdict], p.text, p.tableTitle, p.heldOn]));
  await auditExport(ctx.sql, ctx.actor, { list: 'round_tables', format: q.format, count: rows.length, pupils: [] });
  return {
    name: `thematafels-${list.schoolYear}`,
    title: `Thematafels ${list.schoolYear}`,
    columns: [{ header: 'Thema', width: 30 }, { header: 'Oordeel', width: 12 }, { header: 'Punt', width: 60 }, { header: 'Thematafel', width: 30 }, { header: 'Datum', kind: 'day', width: 12 }],
    rows,
  };
}

async function loadRoundTable(db: Db, partnershipId: string, id: string, lock = false): Promise<Row> {
  const [row] = await db<Row[]>`
    select t.id, t.title, t.held_on::text as "heldOn", t.audiences, t.content, t.revision, t.updated_at as "updatedAt", u.name as "updatedBy"
    from quality_round_tables t left join users u on u.id = t.updated_by
    where t.id = ${id} and t.partnership_id = ${partnershipId}
    ${lock ? db`for update of t` : db``}`;
  return row ?? fail('NOT_FOUND', 'Deze thematafel bestaat niet (meer).');
}

export async function getRoundTable(ctx: StaffContext, id: string): Promise<z.infer<typeof RoundTableView>> {
  qualityPolicy.authorize(ctx.principal, 'readRoundTables', {});
  const row = await loadRoundTable(ctx.sql, ctx.scope.partnershipId, id);
  return { ...row, allowed: { manage: qualityPolicy.can(ctx.principal, 'manageRoundTables', {}) } };
}

const counts = (c: RoundTableContent) => ({ statements: c.statements.length, themes: c.themes.length });

export async function createRoundTable(ctx: StaffContext, input: z.output<typeof RoundTableInput>) {
  qualityPolicy.authorize(ctx.principal, 'manageRoundTables', {});
  return transaction(ctx.sql, async (tx) => {
    const [row] = await tx<{ id: string }[]>`
      insert into quality_round_tables (partnership_id, title, held_on, audiences, content, created_by, updated_by)
      values (${ctx.scope.partnershipId}, ${input.title}, ${input.heldOn}, ${input.audiences}, ${tx.json(input.content as never)}, ${ctx.principal.userId}, ${ctx.principal.userId})
      returning id`;
    await audit(tx, ctx.actor, { action: 'round_table.create', entityType: 'round_table', entityId: row!.id, details: counts(input.content) });
    return { id: row!.id };
  });
}

/** Saves the whole record; refused when someone else saved since the editor loaded it (the revision), so nobody's notes are overwritten unseen. */
export async function saveRoundTable(ctx: StaffContext, id: string, input: z.output<typeof SaveRoundTableInput>) {
  qualityPolicy.authorize(ctx.principal, 'manageRoundTables', {});
  return transaction(ctx.sql, async (tx) => {
    const current = await loadRoundTable(tx, ctx.scope.partnershipId, id, true);
    if (current.revision !== input.revision) fail('CONFLICT', 'Iemand anders heeft dit verslag intussen opgeslagen. Vernieuw de pagina; kopieer eerst wat u schreef.');
    const [row] = await tx<{ revision: number }[]>`
      update quality_round_tables set title = ${input.title}, held_on = ${input.heldOn}, audiences = ${input.audiences}, content = ${tx.json(input.content as never)},
        revision = revision + 1, updated_by = ${ctx.principal.userId}, updated_at = now()
      where id = ${id} returning revision`;
    await audit(tx, ctx.actor, { action: 'round_table.update', entityType: 'round_table', entityId: id, details: counts(input.content) });
    return { revision: row!.revision };
  });
}

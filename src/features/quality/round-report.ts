import type { z } from 'zod';
import { a4Document, h2, h3, para, renderPdf, table, type PdfNode } from '../../platform/pdf.ts';
import type { StaffContext } from '../../platform/http/context.ts';
import { formatDay, today } from '../../platform/time.ts';
import { planningYear, previousSchoolYear } from './plans.ts';
import { qualityPolicy } from './policy.ts';
import { attendeeKinds, attendeeLabels, budgetLineLabels, goalResultLabels, goalResults, type PlanContent, type PlanListQuery, type PlanView } from './schema.ts';
import { loadSpearheads } from './spearheads.ts';

/**
 * The spring round's summary report (seed 001, "Samenvattend verslag van de
 * Voorjaarsronde"), made from the handed-in plans of a school year: who sat
 * at the tables, the action points ordered by the spearheads, the indicators
 * the schools chose, where the support budget goes, and how last year's
 * goals came out in the autumn round. Like seed 001's report it names the
 * action points, not the schools that wrote them. School-level data only.
 */
export async function renderRoundReport(ctx: StaffContext, q: z.infer<typeof PlanListQuery>): Promise<{ pdf: Buffer; schoolYear: string }> {
  qualityPolicy.authorize(ctx.principal, 'followRounds', {});
  const schoolYear = q.schoolYear ?? planningYear();
  const pid = ctx.scope.partnershipId;
  const [[partnership], [{ schools }], plans, lastYear, spearheads] = await Promise.all([
    ctx.sql<{ name: string }[]>`select name from partnerships where id = ${pid}`,
    ctx.sql<[{ schools: number }]>`select count(*)::int as schools from schools where partnership_id = ${pid} and active`,
    ctx.sql<{ content: PlanContent; discussion: { attendees: string[] } | null }[]>`
      select content, discussion from action_plans where partnership_id = ${pid} and school_year = ${schoolYear} and submitted_at is not null`,
    ctx.sql<{ content: PlanContent; evaluation: PlanView['evaluation'] }[]>`
      select content, evaluation from action_plans where partnership_id = ${pid} and school_year = ${previousSchoolYear(schoolYear)} and evaluated_at is not null`,
    loadSpearheads(ctx.sql, pid),
  ]);
  const goals = plans.flatMap((p) => p.content.goals);
  const discussed = plans.filter((p) => p.discussion);
  const count = <K extends string>(keys: K[]) => keys.reduce((m, k) => m.set(k, (m.get(k) ?? 0) + 1), new Map<K, number>());
  const attended = count(discussed.flatMap((p) => p.discussion!.attendees));
  const indicators = count(goals.flatMap((g) => g.indicators.map((i) => i.name.trim())));
  const budget = count(goals.flatMap((g) => (g.budgetLine ? [g.budgetLine] : [])));

  const content: PdfNode[] = [
    { text: partnership!.name, style: 'school' },
    { text: `Samenvattend verslag van de voorjaarsronde, actieplannen ${schoolYear}`, style: 'title' },
    para(
      `${plans.length} van de ${schools} scholen hebben hun actieplan voor ${schoolYear} ingediend, met samen ${goals.length} doelen; met ${discussed.length} ${discussed.length === 1 ? 'school is' : 'scholen is'} het plan besproken.`,
    ),
    h2('Aanwezig bij de gesprekken'),
    table(['*', 60], ['Wie', 'Gesprekken'], attendeeKinds.map((k) => [attendeeLabels[k], String(attended.get(k) ?? 0)]), 'Nog geen gesprekken vastgelegd.'),
    h2('Actiepunten, geordend naar de speerpunten'),
  ];
  for (const s of spearheads) {
    const under = [...new Set(goals.filter((g) => g.spearheadId === s.id).map((g) => g.goal.trim()))];
    if (!under.length && !s.active) continue;
    content.push(h3(s.label), under.length ? { ul: under, margin: [0, 0, 0, 6] } : para(null, 'Geen doelen bij dit speerpunt.'));
  }
  content.push(
    h2('Indicatoren die de scholen kozen'),
    table(['*', 60], ['Indicator', 'Doelen'], [...indicators].sort((a, b) => b[1] - a[1]).map(([name, n]) => [name, String(n)]), 'Nog geen indicatoren.'),
    h2('Inzet van de ondersteuningsmiddelen'),
    table(['*', 60], ['Begrotingspost', 'Doelen'], [...budget].sort((a, b) => b[1] - a[1]).map(([line, n]) => [budgetLineLabels[line], String(n)]), 'Geen begrotingsposten genoemd.'),
    h2(`Najaarsronde: de doelen van ${previousSchoolYear(schoolYear)}`),
  );
  const results = lastYear.flatMap((p) => p.content.goals.map((g) => ({ spearheadId: g.spearheadId, result: p.evaluation[g.id]?.result })));
  content.push(
    table(
      ['*', 50, 50, 50],
      ['Speerpunt', ...goalResults.map((r) => goalResultLabels[r])],
      spearheads
        .filter((s) => results.some((r) => r.spearheadId === s.id))
        .map((s) => [s.label, ...goalResults.map((r) => String(results.filter((x) => x.spearheadId === s.id && x.result === r).length))]),
      `Nog geen geëvalueerde actieplannen van ${previousSchoolYear(schoolYear)}.`,
    ),
  );
  const doc = a4Document({
    title: `Voorjaarsronde ${schoolYear}`,
    author: partnership!.name,
    header: partnership!.name,
    footer: `Samenvattend verslag voorjaarsronde ${schoolYear}, gemaakt op ${formatDay(today())}`,
    content,
    styles: { h2: { fontSize: 11, bold: true, margin: [0, 8, 0, 2] }, h3: { fontSize: 10, bold: true, margin: [0, 6, 0, 2] } },
  });
  return { pdf: await renderPdf(doc), schoolYear };
}

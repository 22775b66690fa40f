import type { z } from 'zod';
import type { StaffContext } from '../../../platform/http/context.ts';
import { likeTerm } from '../../../platform/http/schemas.ts';
import { guideThemes, type findingKinds, type GuideQuery } from '../audit-schema.ts';
import { qualityPolicy } from '../policy.ts';

/**
 * The shared guide (seed 000: "Deze handreiking is een groeidocument. Na elke
 * auditronde wordt het aangevuld."): the success factors and pitfalls of
 * every chair's report, by theme, with the school year they were found in.
 * Computed from the reports, so it grows with each round without a copy.
 * It names neither the school nor a pupil: it is for every school to read.
 */
export async function getGuide(ctx: StaffContext, q: z.infer<typeof GuideQuery>) {
  qualityPolicy.authorize(ctx.principal, 'readGuide', {});
  const rows = await ctx.sql<{ kind: (typeof findingKinds)[number]; theme: string; text: string; schoolYear: string }[]>`
    select f->>'kind' as kind, f->>'theme' as theme, f->>'text' as text, r.school_year as "schoolYear"
    from peer_audits a join audit_rounds r on r.id = a.round_id, jsonb_array_elements(a.report->'findings') f
    where a.partnership_id = ${ctx.scope.partnershipId} and a.report_at is not null
      ${q.theme ? ctx.sql`and f->>'theme' = ${q.theme}` : ctx.sql``}
      ${q.q ? ctx.sql`and (lower(f->>'text') like ${likeTerm(q.q)} or lower(f->>'theme') like ${likeTerm(q.q)})` : ctx.sql``}
    order by r.school_year desc, f->>'kind' desc, f->>'text'`;
  // In seed 000's order of themes; a theme no longer in the list comes last.
  const order = (t: string) => {
    const i = (guideThemes as readonly string[]).indexOf(t);
    return i < 0 ? guideThemes.length : i;
  };
  const themes = [...new Set(rows.map((r) => r.theme))].sort((a, b) => order(a) - order(b) || a.localeCompare(b, 'nl'));
  return {
    themes: themes.map((theme) => ({ theme, entries: rows.filter((r) => r.theme === theme).map(({ kind, text, schoolYear }) => ({ kind, text, schoolYear })) })),
    total: rows.length,
  };
}

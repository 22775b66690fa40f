import type { z } from 'zod';
import { transaction } from '../../../db/index.ts';
import { auditMany } from '../../../platform/audit.ts';
import { fieldError } from '../../../platform/errors.ts';
import type { StaffContext } from '../../../platform/http/context.ts';
import { pupilPolicy } from '../../pupils/api.ts';
import { offerPolicy } from '../policy.ts';
import { currentSchoolYear } from '../profiles.ts';
import { loadNeeds } from '../settings.ts';
import { demandRows } from './demand.ts';
import type { CasesQuery, CoverageCases } from '../coverage-schema.ts';

/**
 * The cases behind a cell of the gap map, pseudonymous: initials, birth year
 * and school, enough for the director and the consultants to recognise the
 * pupils they are searching a place for, and a link to the dossier only
 * where the reader may open it anyway. Every pupil shown is an audited read
 * ('coverage.cases'), all in one statement, with the cell in its details.
 */
export async function getCases(ctx: StaffContext, q: z.output<typeof CasesQuery>): Promise<z.output<typeof CoverageCases>> {
  offerPolicy.authorize(ctx.principal, 'cases', {});
  const pid = ctx.scope.partnershipId;
  const schoolYear = q.schoolYear ?? currentSchoolYear();
  const need = (await loadNeeds(ctx.sql, pid)).find((n) => n.id === q.needId);
  if (!need) fieldError('needId', 'Deze ondersteuningsbehoefte kent het samenwerkingsverband niet.');
  return transaction(ctx.sql, async (tx) => {
    const demand = (await demandRows(tx, pid, schoolYear, q.area || null)).filter((r) => r.level === q.level && r.needId === q.needId);
    const sources = new Map(demand.map((r) => [r.pupilId, r.sources]));
    const rows = await tx<{ id: string; initials: string; birthYear: number; schoolId: string; school: string; classId: string | null }[]>`
      select p.id, left(p.first_name, 1) || '.' || left(p.last_name, 1) || '.' as initials, extract(year from p.birth_date)::int as "birthYear",
        p.school_id as "schoolId", s.name as school, e.class_id as "classId"
      from pupils p join schools s on s.id = p.school_id left join enrolments e on e.pupil_id = p.id and e.end_date is null
      where p.partnership_id = ${pid} and p.id = any(${[...sources.keys()]}::uuid[]) and ${offerPolicy.scope(tx, ctx.principal, 'cases')}
      order by s.name, p.birth_date, p.id`;
    await auditMany(
      tx,
      ctx.actor,
      rows.map((r) => ({ action: 'coverage.cases', entityType: 'pupil', entityId: r.id, pupilId: r.id, schoolId: r.schoolId, details: { schoolYear, level: q.level, needId: q.needId, area: q.area || null } })),
    );
    return {
      level: q.level,
      need: { id: need!.id, label: need!.label },
      schoolYear,
      cases: rows.map((r) => ({
        initials: r.initials,
        birthYear: r.birthYear,
        school: r.school,
        sources: sources.get(r.id) ?? [],
        pupilId: pupilPolicy.can(ctx.principal, 'read', { schoolId: r.schoolId, classId: r.classId }) ? r.id : null,
      })),
    };
  });
}

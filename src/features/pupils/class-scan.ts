import type { z } from 'zod';
import { transaction } from '../../db/index.ts';
import { auditMany } from '../../platform/audit.ts';
import { reveal } from '../../platform/access/reveal.ts';
import type { StaffContext } from '../../platform/http/context.ts';
import { pupilPolicy } from './policy.ts';
import { PUPIL_NAME } from './names.ts';
import type { ClassScan, MyClass } from './schema.ts';

/** The classes the user teaches or mentors, this and earlier school years, newest first. */
export async function myClasses(ctx: StaffContext): Promise<z.infer<typeof MyClass>[]> {
  return ctx.sql<z.infer<typeof MyClass>[]>`
    select c.id, c.name, json_build_object('id', s.id, 'name', s.name) as school, c.school_year as "schoolYear",
      (select count(*)::int from enrolments e where e.class_id = c.id and e.end_date is null) as "pupilCount",
      cs.is_mentor as "isMentor"
    from class_staff cs join classes c on c.id = cs.class_id join schools s on s.id = c.school_id
    where cs.user_id = ${ctx.principal.userId} and c.partnership_id = ${ctx.scope.partnershipId}
    order by c.school_year desc, c.name`;
}

/**
 * The klassenscan: every pupil of the class with support level,
 * active needs and the handelingsadviezen teachers must follow. Computed on
 * read, so it is always current. Each pupil shown is an audited read.
 */
export async function classScan(ctx: StaffContext, classId: string): Promise<z.infer<typeof ClassScan>> {
  return transaction(ctx.sql, async (tx) => {
    const [klass] = await tx<(z.infer<typeof ClassScan>['class'] & { schoolId: string })[]>`
      select c.id, c.name, c.school_year as "schoolYear", c.level, json_build_object('id', s.id, 'name', s.name) as school, s.id as "schoolId"
      from classes c join schools s on s.id = c.school_id where c.id = ${classId} and c.partnership_id = ${ctx.scope.partnershipId}`;
    reveal(ctx.principal, pupilPolicy, 'read', { id: classId, row: klass && { schoolId: klass.schoolId, classId }, entity: 'class', pupilId: null });
    const pupils = await tx<z.infer<typeof ClassScan>['pupils']>`
      select p.id, ${tx.unsafe(PUPIL_NAME)} as name, p.support_level as "supportLevel", cm.name as "caseManager",
        coalesce((select json_agg(json_build_object('category', n.category, 'description', n.description) order by n.created_at)
                  from pupil_needs n where n.pupil_id = p.id and n.active), '[]') as needs,
        coalesce((select json_agg(h.advice order by h.created_at) from handelingsadviezen h where h.pupil_id = p.id and h.active), '[]') as advices
      from enrolments e join pupils p on p.id = e.pupil_id left join users cm on cm.id = p.case_manager_id
      where e.class_id = ${classId} and e.end_date is null
      order by lower(p.last_name), lower(p.first_name)`;
    await auditMany(tx, ctx.actor, pupils.map((p) => ({ action: 'pupil.class_scan', entityType: 'pupil', entityId: p.id, pupilId: p.id, schoolId: klass!.schoolId, details: { classId } })));
    const { schoolId: _s, ...cls } = klass!;
    return { class: cls, pupils, generatedAt: new Date() };
  });
}

import { randomUUID } from 'node:crypto';
import { runImport } from '../../../src/features/pupil-import/commands.ts';
import { toEdexml, type EdexmlGroup, type EdexmlPupil } from '../../../src/features/pupil-import/edexml.ts';
import { schoolYearOf } from '../../../src/platform/time.ts';
import * as f from '../../helpers/factories.ts';
import type { Entry } from './matrix.ts';
import type { World } from './world.ts';

/**
 * Pupil import: the OCO and the school admin of the school, nobody else (403);
 * another partnership does not see the school or the import (404).
 */
const importers = { default: 403, anonymous: 401, swv_admin_other_partnership: 404, oco_other_partnership: 404 } as const;
const ok = { ...importers, oco: 200, school_admin: 200 } as const;

/**
 * An import of school A1, parsed and previewed (status ready), as the
 * background job leaves it. `keepAll`: the file holds every pupil A1 has now
 * plus one new pupil (applying it ends nobody's enrolment); otherwise it holds
 * only one new pupil, so the preview lists A1's pupils as leavers.
 */
async function readyImport(w: World, o: { keepAll: boolean }) {
  const current = o.keepAll
    ? await w.sql<{ studentNumber: string; firstName: string; prefix: string; lastName: string; birthDate: string; className: string | null }[]>`
        select p.student_number as "studentNumber", p.first_name as "firstName", p.name_prefix as prefix, p.last_name as "lastName",
          p.birth_date as "birthDate", c.name as "className"
        from pupils p join enrolments e on e.pupil_id = p.id and e.end_date is null and e.school_id = p.school_id
        left join classes c on c.id = e.class_id
        where p.school_id = ${w.a.schoolId}`
    : [];
  const groups = new Map<string, EdexmlGroup>();
  const pupils: EdexmlPupil[] = current.map((p) => {
    if (p.className && !groups.has(p.className)) groups.set(p.className, { key: `g${groups.size}`, name: p.className, jaargroep: '12' });
    return { key: p.studentNumber, firstName: p.firstName, prefix: p.prefix, lastName: p.lastName, birthDate: p.birthDate, groupKey: p.className ? groups.get(p.className)!.key : null };
  });
  pupils.push({ key: `n-${randomUUID().slice(0, 8)}`, firstName: 'Noor', lastName: 'Nieuw', birthDate: '2014-02-03' });
  const xml = Buffer.from(toEdexml({ schoolYear: schoolYearOf(new Date()), groups: [...groups.values()], pupils }));
  const job = await f.importJob(w.sql, {
    partnership_id: w.a.partnershipId, school_id: w.a.schoolId, format: 'edexml', filename: 'export.xml', file_sha256: 'x', file_content: xml, created_by: w.users.oco.id,
  });
  await runImport(w.sql, job.id);
  return job.id;
}

/** One previewed import per world for the read: reading changes nothing. */
const readable = new WeakMap<World, Promise<string>>();
const readableImport = (w: World) => {
  if (!readable.has(w)) readable.set(w, readyImport(w, { keepAll: false }));
  return readable.get(w)!;
};

const mapping = { studentNumber: 'Leerlingnummer', firstName: 'Roepnaam', lastName: 'Achternaam', birthDate: 'Geboortedatum' };

export const rows: Record<string, Entry> = {
  // Authorised callers get past the policy and then need a multipart upload (tested in pupil-import.test.ts): 400.
  'POST /api/schools/:id/imports': { call: (w) => ({ url: `/api/schools/${w.a.schoolId}/imports`, body: {} }), expect: { ...importers, oco: 400, school_admin: 400 } },
  'GET /api/schools/:id/imports': { call: (w) => ({ url: `/api/schools/${w.a.schoolId}/imports` }), expect: ok },
  'GET /api/imports/:id': { call: async (w) => ({ url: `/api/imports/${await readableImport(w)}` }), expect: ok },
  'POST /api/imports/:id/apply': { call: async (w) => ({ url: `/api/imports/${await readyImport(w, { keepAll: true })}/apply` }), expect: ok },
  'POST /api/imports/:id/cancel': { call: async (w) => ({ url: `/api/imports/${await readyImport(w, { keepAll: false })}/cancel` }), expect: ok },
  'GET /api/schools/:id/import-mapping': { call: (w) => ({ url: `/api/schools/${w.a.schoolId}/import-mapping` }), expect: ok },
  'PUT /api/schools/:id/import-mapping': { call: (w) => ({ url: `/api/schools/${w.a.schoolId}/import-mapping`, body: mapping }), expect: ok },
};

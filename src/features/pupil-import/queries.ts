import type { z } from 'zod';
import { transaction } from '../../db/index.ts';
import { audit, auditMany } from '../../platform/audit.ts';
import { fail } from '../../platform/errors.ts';
import type { StaffContext } from '../../platform/http/context.ts';
import { schoolFor } from './commands.ts';
import { importPolicy } from './policy.ts';
import { CsvMapping, type ImportJob, type ImportSummary, type Preview } from './schema.ts';

type Status = z.infer<typeof ImportJob>['status'];
interface Row {
  id: string;
  schoolId: string;
  format: 'edexml' | 'csv';
  status: Status;
  filename: string;
  progress: number;
  total: number;
  errors: z.infer<typeof ImportJob>['errors'];
  preview: Preview | null;
  expired: { counts: Preview['counts'] } | null;
  createdAt: Date;
  appliedAt: Date | null;
  applyError: string | null;
  createdBy: string;
}

const allowedOf = (ctx: StaffContext, r: { schoolId: string; status: Status }) => ({
  apply: r.status === 'ready' && importPolicy.can(ctx.principal, 'apply', r),
  cancel: ['queued', 'parsing', 'ready'].includes(r.status) && importPolicy.can(ctx.principal, 'cancel', r),
});

/**
 * One import: its progress, the problems with the file, and the preview. The
 * preview names pupils: reading it is an audited read of each existing pupil
 * shown (new pupils have no record yet; the job's own row covers them).
 */
export async function getImport(ctx: StaffContext, id: string): Promise<z.infer<typeof ImportJob>> {
  return transaction(ctx.sql, async (tx) => {
    const [row] = await tx<Row[]>`
      select j.id, j.school_id as "schoolId", j.format, j.status, j.filename, j.progress, j.total, j.errors,
        -- Expiry (expireStaleImports) keeps only the counts of the preview: its lists are what names pupils.
        case when j.preview ? 'newPupils' then j.preview end as preview,
        case when j.preview is not null and not j.preview ? 'newPupils' then jsonb_build_object('counts', j.preview->'counts') end as expired,
        j.created_at as "createdAt", j.applied_at as "appliedAt", j.apply_error as "applyError", u.name as "createdBy"
      from import_jobs j join users u on u.id = j.created_by
      where j.id = ${id} and j.partnership_id = ${ctx.scope.partnershipId}`;
    if (!row) fail('NOT_FOUND');
    importPolicy.authorize(ctx.principal, 'read', row!);
    const p = row!.preview;
    if (p) {
      await audit(tx, ctx.actor, { action: 'pupil_import.read', entityType: 'import_job', entityId: id, schoolId: row!.schoolId, details: { status: row!.status } });
      const shown = new Set([...p.classChanges, ...p.leavers, ...p.updated].map((l) => l.pupilId).filter((x): x is string => !!x));
      await auditMany(tx, ctx.actor, [...shown].map((pupilId) => ({ action: 'pupil.import_preview', entityType: 'pupil', entityId: pupilId, pupilId, schoolId: row!.schoolId, details: { importId: id } })));
    }
    return { ...row!, allowed: allowedOf(ctx, row!) };
  });
}

/** The school's imports, newest first: counts only, no pupil names. */
export async function listImports(ctx: StaffContext, schoolId: string): Promise<{ imports: z.infer<typeof ImportSummary>[]; allowed: { create: boolean } }> {
  await schoolFor(ctx.sql, ctx, schoolId, 'list');
  const rows = await ctx.sql<(Omit<Row, 'errors' | 'preview' | 'expired' | 'applyError'> & { counts: Preview['counts'] | null; errorCount: number })[]>`
    select j.id, j.school_id as "schoolId", j.format, j.status, j.filename, j.progress, j.total,
      j.preview->'counts' as counts, jsonb_array_length(j.errors)::int as "errorCount",
      j.created_at as "createdAt", j.applied_at as "appliedAt", u.name as "createdBy"
    from import_jobs j join users u on u.id = j.created_by
    where j.school_id = ${schoolId} and j.partnership_id = ${ctx.scope.partnershipId}
    order by j.created_at desc limit 50`;
  return {
    imports: rows.map((r) => ({ ...r, allowed: allowedOf(ctx, r) })),
    allowed: { create: importPolicy.can(ctx.principal, 'create', { schoolId }) },
  };
}

export async function getMapping(ctx: StaffContext, schoolId: string) {
  await schoolFor(ctx.sql, ctx, schoolId, 'editMapping');
  const [row] = await ctx.sql<{ mapping: unknown }[]>`select mapping from import_csv_mappings where school_id = ${schoolId}`;
  const parsed = row ? CsvMapping.safeParse(row.mapping) : null;
  return { mapping: parsed?.success ? parsed.data : null, allowed: { edit: true } };
}

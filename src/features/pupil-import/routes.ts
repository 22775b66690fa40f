import type { FastifyRequest } from 'fastify';
import type { Sql } from '../../db/index.ts';
import { withTenant } from '../../db/tenant.ts';
import { forEachTenant, tenantOfImportJob } from '../../platform/tenant-lookups.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { fieldError } from '../../platform/errors.ts';
import { staffContext } from '../../platform/http/context.ts';
import { Created, Id } from '../../platform/http/schemas.ts';
import { today } from '../../platform/time.ts';
import { IMPORT_APPLY_JOB, requestApply, runApply } from './apply.ts';
import { cancelImport, createImport, expireStaleImports, IMPORT_EXPIRY_CRON, IMPORT_EXPIRY_JOB, IMPORT_JOB, runImport, saveMapping, schoolFor } from './commands.ts';
import { getImport, getMapping, listImports } from './queries.ts';
import { parseDay } from './records.ts';
import { ApplyInput, CsvMapping, ImportJob, ImportList, importFormats, MappingResponse } from './schema.ts';

const staff = { auth: 'staff' } as const;
/** Routes that return or change pupils: each call writes audit rows naming them (tested). */
const pupilData = { auth: 'staff', pupilData: true } as const;
/** 50 MiB: a 40,000-pupil EDEXML export is ~20 MB. */
const MAX_FILE_BYTES = 50 * 1024 * 1024;
/** Reading or applying a 40,000-pupil file took 9-30 s (bench/RESULTS.md); after 5 minutes a job is taken to be lost with its process and runs again elsewhere. */
const IMPORT_JOB_OPTIONS = { expireInSeconds: 300 };

async function readUpload(req: FastifyRequest) {
  if (!req.isMultipart()) fieldError('file', 'Kies een bestand om in te lezen.');
  const file = await req.file({ limits: { fileSize: MAX_FILE_BYTES } });
  if (!file) fieldError('file', 'Kies een bestand om in te lezen.');
  let bytes: Buffer;
  try {
    bytes = await file!.toBuffer();
  } catch (e) {
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') fieldError('file', 'Het bestand is groter dan 50 MB.');
    throw e;
  }
  const raw = (file!.fields.format as { value?: unknown } | undefined)?.value;
  // The format field should come before the file; without it, the first byte tells.
  const sniffed = bytes.subarray(0, 200).toString('utf8').replace(/^\uFEFF/, '').trimStart().startsWith('<') ? 'edexml' : 'csv';
  const format = raw === undefined ? sniffed : String(raw);
  if (!(importFormats as readonly string[]).includes(format)) fieldError('format', 'Kies EDEXML of CSV.');
  // A CSV has no date of its own: the importer confirms the export's date (the page fills in today). EDEXML says it in its header.
  const rawDate = (file!.fields.referenceDate as { value?: unknown } | undefined)?.value;
  let referenceDate: string | null = null;
  if (format === 'csv' && rawDate !== undefined && rawDate !== '') {
    referenceDate = parseDay(String(rawDate).slice(0, 20));
    if (!referenceDate || referenceDate > today()) fieldError('referenceDate', 'Vul de datum van de export in (niet later dan vandaag).');
  }
  return { filename: file!.filename || 'bestand', bytes, format: format as (typeof importFormats)[number], referenceDate };
}

export const pupilImportRoutes: FastifyPluginAsyncZod = async (app) => {
  // Jobs run on the tenant pool as the partnership of their import (docs/decisions/0009-row-level-security.md).
  const asImport = async (jobId: string, fn: (sql: Sql) => Promise<unknown>) => {
    await withTenant(app.tenantPool, await tenantOfImportJob(app.ownerSql, jobId), fn);
  };
  app.jobs.register<{ jobId: string }>(IMPORT_JOB, (data) => asImport(data.jobId, (sql) => runImport(sql, data.jobId)), IMPORT_JOB_OPTIONS);
  app.jobs.register<{ jobId: string }>(IMPORT_APPLY_JOB, (data) => asImport(data.jobId, (sql) => runApply(sql, data.jobId)), IMPORT_JOB_OPTIONS);
  app.jobs.register(IMPORT_EXPIRY_JOB, () => forEachTenant(app, expireStaleImports));
  app.jobs.schedule(IMPORT_EXPIRY_JOB, IMPORT_EXPIRY_CRON);

  app.post('/api/schools/:id/imports', { config: staff, schema: { params: Id, response: { 200: Created } } }, async (req) => {
    const ctx = staffContext(req);
    // Who may import is settled before the upload is read.
    await schoolFor(ctx.sql, ctx, req.params.id, 'create');
    const file = await readUpload(req);
    return createImport(ctx, req.params.id, file, (jobId) => app.jobs.send(IMPORT_JOB, { jobId }));
  });
  app.get('/api/schools/:id/imports', { config: staff, schema: { params: Id, response: { 200: ImportList } } }, (req) => listImports(staffContext(req), req.params.id));
  app.get('/api/imports/:id', { config: pupilData, schema: { params: Id, response: { 200: ImportJob } } }, (req) => getImport(staffContext(req), req.params.id));
  // The request changes no pupil: the background job does, with an audit row per pupil in its transaction.
  app.post('/api/imports/:id/apply', { config: staff, schema: { params: Id, body: ApplyInput, response: { 200: Created } } }, (req) =>
    requestApply(staffContext(req), req.params.id, req.body?.confirmLeavers, (jobId) => app.jobs.send(IMPORT_APPLY_JOB, { jobId })),
  );
  app.post('/api/imports/:id/cancel', { config: staff, schema: { params: Id, response: { 200: Created } } }, (req) => cancelImport(staffContext(req), req.params.id));
  app.get('/api/schools/:id/import-mapping', { config: staff, schema: { params: Id, response: { 200: MappingResponse } } }, (req) => getMapping(staffContext(req), req.params.id));
  app.put('/api/schools/:id/import-mapping', { config: staff, schema: { params: Id, body: CsvMapping, response: { 200: Created } } }, (req) =>
    saveMapping(staffContext(req), req.params.id, req.body),
  );
};

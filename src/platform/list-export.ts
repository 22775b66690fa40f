import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import type { Db } from '../db/index.ts';
import { auditMany, type AuditActor, type AuditEvent } from './audit.ts';
import type { ExportedList } from './audit-actions.ts';
import { csvExport } from './csv.ts';
import type { ExportFormat } from './http/schemas.ts';
import { formatDayNumeric, today } from './time.ts';

/**
 * One way to take a list away as a file (the request queue, the TLV register,
 * arrangements, the OPP overview): CSV for anything that reads text, XLSX for
 * Excel. The rows are exactly those the reader may see with the current
 * filter, all pages: the feature's list query builds them with its policy
 * scope, this helper only writes them out and audits the read.
 *
 * CSV: UTF-8 with a byte-order mark and ';' (Dutch Excel opens it right),
 * days as dd-mm-jjjj, a text that starts like a formula neutralised
 * (platform/csv.ts). XLSX: days are real dates shown as dd-mm-jjjj, so Excel
 * sorts and filters them; texts are texts (a cell is never a formula).
 */

/** An export holds at most this many rows: more than any partnership's list, fewer than a runaway query. */
export const EXPORT_LIMIT = 20_000;

export type ExportCell = string | number | null | undefined;
export interface ExportColumn {
  header: string;
  /** 'day': a 'YYYY-MM-DD' text, written as dd-mm-jjjj (CSV) or as a date (XLSX). */
  kind?: 'text' | 'number' | 'day';
  /** Excel column width in characters. */
  width?: number;
}
export interface ExportSheet {
  /** The file's name without extension and day: 'aanvragen' → 'aanvragen-2026-12-02.csv'. */
  name: string;
  /** The worksheet's title in Excel. */
  title: string;
  columns: ExportColumn[];
  rows: ExportCell[][];
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The CSV as text, ready to download (BOM, ';', dd-mm-jjjj). */
export async function csvOf(sheet: ExportSheet): Promise<Buffer> {
  const rows = sheet.rows.map((row) =>
    row.map((cell, i) => (sheet.columns[i]?.kind === 'day' && typeof cell === 'string' && DAY.test(cell) ? formatDayNumeric(cell) : (cell ?? ''))),
  );
  const chunks: Buffer[] = [];
  for await (const chunk of csvExport(
    sheet.columns.map((c) => c.header),
    rows,
  ))
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks);
}

/** The workbook: one sheet, a bold frozen header row and an autofilter. */
export async function xlsxOf(sheet: ExportSheet): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Leerrecht';
  const ws = book.addWorksheet(sheet.title.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = sheet.columns.map((c) => ({ header: c.header, width: c.width ?? Math.max(10, c.header.length + 2), style: c.kind === 'day' ? { numFmt: 'dd-mm-yyyy' } : {} }));
  ws.getRow(1).font = { bold: true };
  for (const row of sheet.rows) {
    ws.addRow(
      row.map((cell, i) => {
        if (cell === null || cell === undefined || cell === '') return null;
        if (sheet.columns[i]?.kind === 'day' && typeof cell === 'string' && DAY.test(cell)) return new Date(`${cell}T00:00:00Z`);
        // A text is a text: ExcelJS writes a string as a string, never as a formula.
        return cell;
      }),
    );
  }
  if (sheet.rows.length) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columns.length } };
  return Buffer.from(await book.xlsx.writeBuffer());
}

const MIME: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * Audit the export: one row per pupil in it (so the privacy officer finds the
 * export when a parent asks who looked at their child), and one row for the
 * export itself naming the list and the count (`list.export`).
 */
export async function auditExport(db: Db, actor: AuditActor, e: { list: ExportedList; format: ExportFormat; count: number; pupils: AuditEvent[] }): Promise<void> {
  const { list, format, count, pupils } = e;
  await auditMany(db, actor, [
    { action: 'list.export', entityType: 'list', entityId: list, details: { list, count, format } },
    ...pupils.map((e) => ({ ...e, details: { ...e.details, list, format } })),
  ]);
}

/** Send the sheet as a download: never cached, it names pupils. */
export async function sendExport(reply: FastifyReply, format: ExportFormat, sheet: ExportSheet) {
  const body = format === 'csv' ? await csvOf(sheet) : await xlsxOf(sheet);
  return reply
    .type(MIME[format])
    .header('content-disposition', `attachment; filename="${sheet.name}-${today()}.${format}"`)
    .header('cache-control', 'no-store')
    .send(body);
}

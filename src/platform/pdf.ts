import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Documents on paper (the OPP, a request's commission summary, a decision
 * letter). pdfmake (pure JavaScript, on pdfkit) lays them out; its bundled
 * Roboto fonts are loaded once into its virtual file system, and every disk
 * and network access of the library is refused, so a document can never pull
 * in anything from outside. Builders return plain document definitions, so a
 * test or a later HTML view can read the same structure.
 */
interface PdfDocument {
  getBuffer(): Promise<Buffer>;
}
interface PdfMake {
  virtualfs: { writeFileSync(name: string, content: Buffer): void };
  setFonts(fonts: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(cb: (url: string) => boolean): void;
  setLocalAccessPolicy(cb: (path: string) => boolean): void;
  createPdf(doc: object): PdfDocument;
}
export type PdfNode = string | { [k: string]: unknown } | PdfNode[];

const require = createRequire(import.meta.url);
let engine: PdfMake | null = null;
function pdfmake(): PdfMake {
  if (engine) return engine;
  const pm = require('pdfmake') as PdfMake;
  const fontDir = path.join(path.dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
  const files = { normal: 'Roboto-Regular.ttf', bold: 'Roboto-Medium.ttf', italics: 'Roboto-Italic.ttf', bolditalics: 'Roboto-MediumItalic.ttf' };
  for (const f of Object.values(files)) pm.virtualfs.writeFileSync(f, fs.readFileSync(path.join(fontDir, f)));
  pm.setFonts({ Roboto: files });
  pm.setUrlAccessPolicy(() => false);
  pm.setLocalAccessPolicy(() => false);
  engine = pm;
  return pm;
}

export async function renderPdf(doc: object): Promise<Buffer> {
  return pdfmake().createPdf(doc).getBuffer();
}

/** Renders and reports the number of pages (read from the footer pdfmake calls for every page). */
export async function renderPdfCountingPages(doc: { footer?: unknown }): Promise<{ pdf: Buffer; pages: number }> {
  let pages = 0;
  const footer = doc.footer;
  const counted = {
    ...doc,
    footer: (page: number, total: number, size: unknown) => {
      pages = total;
      return typeof footer === 'function' ? footer(page, total, size) : (footer ?? null);
    },
  };
  const pdf = await renderPdf(counted);
  return { pdf, pages };
}

/** 'sam-de-vries': ASCII, so every browser and file system keeps a file name made of it. */
export function asciiSlug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export const orDash = (s: string | null | undefined) => (s && s.trim() ? s : '—');
export const h2 = (text: string): PdfNode => ({ text, style: 'h2' });
export const h3 = (text: string): PdfNode => ({ text, style: 'h3' });
export const para = (text: string | null | undefined, empty = 'Niet ingevuld.'): PdfNode =>
  text && text.trim() ? { text, margin: [0, 0, 0, 6] } : { text: empty, style: 'muted' };
export const table = (widths: (string | number)[], header: string[], body: PdfNode[][], emptyText: string): PdfNode =>
  body.length === 0
    ? { text: emptyText, style: 'muted' }
    : { table: { headerRows: 1, widths, dontBreakRows: true, body: [header.map((t) => ({ text: t, style: 'th' })), ...body] }, layout: 'lightHorizontalLines', margin: [0, 2, 0, 8] };
/** Label and value in two columns without lines: the facts at the top of a document. */
export const facts = (rows: [string, string][], labelWidth = 130): PdfNode => ({
  table: { widths: [labelWidth, '*'], body: rows.map(([k, v]) => [{ text: k, bold: true }, v]) },
  layout: 'noBorders',
  margin: [0, 0, 0, 10],
});

const grey = '#555555';

/**
 * An A4 document in the house style: a confidential header, a footer with
 * what it is and the page number, Roboto 10 pt, and the shared styles.
 */
export function a4Document(o: { title: string; author: string; header: string; footer: string; content: PdfNode[]; watermark?: string; styles?: Record<string, object> }): object {
  return {
    pageSize: 'A4',
    pageMargins: [48, 56, 48, 56],
    info: { title: o.title, author: o.author, creator: 'Leerrecht' },
    ...(o.watermark ? { watermark: { text: o.watermark, opacity: 0.08, bold: true } } : {}),
    header: { text: o.header, alignment: 'right', fontSize: 8, color: grey, margin: [48, 24, 48, 0] },
    footer: (page: number, pages: number) => ({
      columns: [
        { text: o.footer, fontSize: 8, color: grey },
        { text: `Pagina ${page} van ${pages}`, alignment: 'right', fontSize: 8, color: grey },
      ],
      margin: [48, 16, 48, 0],
    }),
    content: o.content,
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.2 },
    styles: {
      school: { fontSize: 10, color: grey, margin: [0, 0, 0, 2] },
      title: { fontSize: 20, bold: true, margin: [0, 0, 0, 2] },
      subtitle: { fontSize: 12, margin: [0, 0, 0, 10] },
      h2: { fontSize: 13, bold: true, margin: [0, 10, 0, 4] },
      h3: { fontSize: 11, bold: true, margin: [0, 6, 0, 2] },
      th: { bold: true, fillColor: '#eeeeee' },
      muted: { italics: true, color: grey, margin: [0, 0, 0, 6] },
      ...o.styles,
    },
  };
}

import type { FastifyReply } from 'fastify';
import type { Readable } from 'node:stream';

/**
 * A file the school uploaded, as a download: never kept in a cache, it holds pupil data. The name
 * is sent encoded (RFC 5987), so a school's file name with accents or quotes
 * arrives as it was.
 */
export const sendDownload = (reply: FastifyReply, file: { filename: string; mimeType: string; bytes: Buffer }) =>
  reply
    .type(file.mimeType)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
    .header('cache-control', 'no-store')
    .send(file.bytes);

/** A document on paper as a download (the OPP, a request's summary, a decision letter); its name is made by us, plain ASCII. */
export const sendPdf = (reply: FastifyReply, filename: string, pdf: Buffer) =>
  reply.type('application/pdf').header('content-disposition', `attachment; filename="${filename}"`).header('cache-control', 'no-store').send(pdf);

/** An export (platform/csv.ts) as a download: never cached, it names pupils or staff. */
export const sendCsv = (reply: FastifyReply, filename: string, csv: Readable) =>
  reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${filename}"`).header('cache-control', 'no-store').send(csv);

import type { FastifyReply } from 'fastify';

/** A document on paper as a download (the OPP, a request's summary, a decision letter): never kept in a cache, it holds pupil data. */
export const sendPdf = (reply: FastifyReply, filename: string, pdf: Buffer) =>
  reply.type('application/pdf').header('content-disposition', `attachment; filename="${filename}"`).header('cache-control', 'no-store').send(pdf);

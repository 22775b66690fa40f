import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fs from 'node:fs';
import path from 'node:path';
import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { formatDateTime } from '../../platform/time.ts';
import { DirectoryParams, DirectoryQuery, DirectorySchoolParams, type DirectoryList, type DirectorySchool, type FreePlacesOverview } from './directory-schema.ts';
import { DirectoryPage, FreePlacesPage, NotFoundView, SchoolPage, type Frame } from './ui/directory-view.tsx';

/**
 * The public directory as pages, rendered on the server: a search engine
 * reads the schools, a phone shows the list before any script runs, and
 * the search form works without JavaScript (GET). The data comes from the
 * directory's own /api routes (app.inject), so the pages pass the same gate,
 * tenant lookup and response schemas as the JSON, and nothing else is read
 * here. The page frame (styles and the map's script, hashed by Vite) is
 * dist/web/aanbod.html; without a build the page comes without them.
 */
const FALLBACK = '<!doctype html><html lang="nl"><head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" /><title><!--app-title--></title><!--app-head--></head><body><!--app-html--></body></html>';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export const directoryPages = async (app: FastifyInstance) => {
  let template: string | null = null;
  const frameHtml = () => (template ??= app.webDir && fs.existsSync(path.join(app.webDir, 'aanbod.html')) ? fs.readFileSync(path.join(app.webDir, 'aanbod.html'), 'utf8') : FALLBACK);
  const tiles = app.config.MAP_TILE_URL === 'off' ? null : app.config.MAP_TILE_URL;

  function send(reply: FastifyReply, status: number, title: string, description: string, body: ReactElement) {
    const html = frameHtml()
      .replace('<!--app-title-->', escape(title))
      .replace('<!--app-head-->', `<meta name="description" content="${escape(description)}" />`)
      .replace('<!--app-html-->', renderToStaticMarkup(body));
    // Public, published data: a browser may keep it for a few minutes; free places change by the day, not the minute.
    return reply.status(status).header('cache-control', status === 200 ? 'public, max-age=300' : 'no-store').type('text/html; charset=utf-8').send(html);
  }

  async function api<T>(req: FastifyRequest, url: string): Promise<{ ok: true; data: T } | { ok: false; status: number; message: string }> {
    const res = await app.inject({ method: 'GET', url, headers: { 'x-forwarded-for': req.ip } });
    if (res.statusCode === 200) return { ok: true, data: res.json() as T };
    const message = (res.json() as { error?: { message?: string } }).error?.message ?? 'Niet gevonden.';
    return { ok: false, status: res.statusCode === 400 ? 404 : res.statusCode, message };
  }

  const frameOf = (code: string, name: string): Frame => ({ base: `/aanbod/${encodeURIComponent(code.toLowerCase())}`, partnership: name });
  const failed = (reply: FastifyReply, code: string, r: { status: number; message: string }) =>
    send(reply, r.status, 'Niet gevonden', r.message, createElement(NotFoundView, { frame: frameOf(code, ''), message: r.message }));
  const codeOf = (req: FastifyRequest) => {
    const p = DirectoryParams.safeParse(req.params);
    return p.success ? p.data.partnership : null;
  };

  app.get('/aanbod/:partnership', async (req, reply) => {
    const code = codeOf(req);
    const query = DirectoryQuery.safeParse(req.query);
    if (!code) return failed(reply, 'onbekend', { status: 404, message: 'Dit samenwerkingsverband kennen we niet.' });
    const q = query.success ? query.data : {};
    const search = new URLSearchParams(Object.entries(q).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]));
    const r = await api<DirectoryList>(req, `/api/directory/${encodeURIComponent(code)}?${search}`);
    if (!r.ok) return failed(reply, code, r);
    const d = r.data;
    return send(
      reply,
      200,
      `Scholen en ondersteuning – ${d.partnership.name}`,
      `Zoek een school in de regio van ${d.partnership.name}: welke extra hulp elke school biedt, en waar plek is.`,
      createElement(DirectoryPage, { frame: frameOf(d.partnership.code, d.partnership.name), data: d, query: q, tiles }),
    );
  });

  app.get('/aanbod/:partnership/school/:id', async (req, reply) => {
    const p = DirectorySchoolParams.safeParse(req.params);
    if (!p.success) return failed(reply, codeOf(req) ?? 'onbekend', { status: 404, message: 'Deze school kennen we niet.' });
    const r = await api<DirectorySchool>(req, `/api/directory/${encodeURIComponent(p.data.partnership)}/schools/${p.data.id}`);
    if (!r.ok) return failed(reply, p.data.partnership, r);
    const s = r.data;
    const name = `${s.entry.name}${s.entry.location !== s.entry.name ? `, ${s.entry.location}` : ''}`;
    return send(
      reply,
      200,
      `${name}: ondersteuning – ${s.partnership.name}`,
      s.summary || `Wat ${name} biedt aan extra hulp, en of er plek is.`,
      createElement(SchoolPage, {
        frame: frameOf(s.partnership.code, s.partnership.name),
        s,
        published: formatDateTime(new Date(s.publishedAt)),
        freeAt: s.freePlacesAt ? formatDateTime(new Date(s.freePlacesAt)) : null,
      }),
    );
  });

  app.get('/aanbod/:partnership/vrije-plaatsen', async (req, reply) => {
    const code = codeOf(req);
    if (!code) return failed(reply, 'onbekend', { status: 404, message: 'Dit samenwerkingsverband kennen we niet.' });
    const r = await api<FreePlacesOverview>(req, `/api/directory/${encodeURIComponent(code)}/free-places`);
    if (!r.ok) return failed(reply, code, r);
    const d = r.data;
    return send(
      reply,
      200,
      `Vrije plaatsen speciaal onderwijs en opdc – ${d.partnership.name}`,
      `Waar is nu plek in het sbo, so, vso en het opdc in de regio van ${d.partnership.name}?`,
      createElement(FreePlacesPage, { frame: frameOf(d.partnership.code, d.partnership.name), data: d, at: (x) => (x ? formatDateTime(new Date(x)) : null) }),
    );
  });
};

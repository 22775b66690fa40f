import * as f from '../../helpers/factories.ts';
import { multipart, tinyPdf } from '../../helpers/multipart.ts';
import { staffOnly } from './expect.ts';
import type { Entry } from './matrix.ts';
import type { World } from './world.ts';

/**
 * The dossier: mentors see their own classes; OCO, support team and school
 * leader the whole school; the support team steers (support level, case
 * manager, needs, advices, deleting documents). Partnership staff see nothing.
 * Not visible is 404 (a pupil's existence is pupil data); visible but not
 * theirs to do is 403.
 */
const SEES = { oco: 200, mentor: 200, schoolleider: 200, ondersteuner: 200 } as const;
const STEERS = { oco: 200, ondersteuner: 200, mentor: 403, schoolleider: 403 } as const;
const hidden = { default: 404, ...staffOnly };
const pupil = (w: World) => `/api/pupils/${w.a.pupilId}`;
// Each call really changes something (a change to the same value is no change, and writes nothing).
const current = async (w: World) =>
  (await w.sql<{ level: string; manager: string | null }[]>`select support_level as level, case_manager_id as manager from pupils where id = ${w.a.pupilId}`)[0]!;

const grant = (w: World, documentId: string, userId: string) =>
  f.documentAccessGrant(w.sql, { partnership_id: w.a.partnershipId, document_id: documentId, user_id: userId, granted_by: w.users.oco.id });
const newDocument = async (w: World, category = 'verslag') => {
  const d = await f.document(w.sql, {
    partnership_id: w.a.partnershipId, school_id: w.a.schoolId, pupil_id: w.a.pupilId, size_bytes: 5, sha256: 'x', category, content: Buffer.from('%PDF-'), uploaded_by: w.users.oco.id,
  });
  return d.id;
};
const newItem = async (w: World, table: 'pupil_needs' | 'handelingsadviezen') => {
  const of = { partnership_id: w.a.partnershipId, school_id: w.a.schoolId, pupil_id: w.a.pupilId, created_by: w.users.oco.id };
  const row =
    table === 'pupil_needs'
      ? await f.pupilNeed(w.sql, { ...of, category: 'leren', description: 'Extra instructie' })
      : await f.handelingsadvies(w.sql, { ...of, advice: 'Vooraan zetten', source: 'manual' });
  return row.id;
};

export const rows: Record<string, Entry> = {
  'GET /api/pupils': {
    call: () => ({ url: '/api/pupils' }),
    expect: { default: 403, ...staffOnly, ...SEES, oco_other_school: 200, oco_other_partnership: 200 },
  },
  'GET /api/pupils/:id': { call: (w) => ({ url: pupil(w) }), expect: { ...hidden, ...SEES } },
  'GET /api/pupils/:id/case-manager-candidates': { call: (w) => ({ url: `${pupil(w)}/case-manager-candidates` }), expect: { ...hidden, ...STEERS } },
  'POST /api/pupils/:id/logbook': {
    call: (w) => ({ url: `${pupil(w)}/logbook`, body: { kind: 'observation', occurredOn: '2026-11-20', body: 'Kwam te laat in de les.' } }),
    expect: { ...hidden, ...SEES },
  },
  'POST /api/pupils/:id/signals': { call: (w) => ({ url: `${pupil(w)}/signals`, body: { note: 'Maakt zich zorgen over thuis.' } }), expect: { ...hidden, ...SEES } },
  'POST /api/pupils/:id/kwadrant': {
    call: (w) => ({ url: `${pupil(w)}/kwadrant`, body: { quadrant: 'kunnen', instrument: 'NIO', measuredOn: '2026-10-01', score: 'IQ 104' } }),
    expect: { ...hidden, ...SEES },
  },
  'PUT /api/pupils/:id/support-level': {
    call: async (w) => ({ url: `${pupil(w)}/support-level`, body: { level: (await current(w)).level === 'extra' ? 'basisplus' : 'extra', reason: 'Besproken in leerlingbespreking.' } }),
    expect: { ...hidden, ...STEERS },
  },
  'PUT /api/pupils/:id/case-manager': {
    call: async (w) => ({
      url: `${pupil(w)}/case-manager`,
      body: { userId: (await current(w)).manager === w.users.oco.id ? w.users.ondersteuner.id : w.users.oco.id, reason: 'Wisseling van regie.' },
    }),
    expect: { ...hidden, ...STEERS },
  },
  'GET /api/pupils/:id/contacts': { call: (w) => ({ url: `${pupil(w)}/contacts` }), expect: { ...hidden, ...SEES } },
  'PUT /api/pupils/:id/contacts': {
    // A fresh name per caller, so each allowed call really changes the list.
    call: (w) => ({ url: `${pupil(w)}/contacts`, body: { contacts: [{ name: `Ouder ${Math.random().toString(36).slice(2, 8)}`, relation: 'moeder', parentalAuthority: true, email: '', phone: '' }] } }),
    expect: { ...hidden, oco: 200, ondersteuner: 200, schoolleider: 200, mentor: 403 },
  },
  'POST /api/pupils/:id/needs': { call: (w) => ({ url: `${pupil(w)}/needs`, body: { category: 'gedrag', description: 'Structuur bij overgangen.' } }), expect: { ...hidden, ...STEERS } },
  'POST /api/pupils/:id/needs/:itemId/end': { call: async (w) => ({ url: `${pupil(w)}/needs/${await newItem(w, 'pupil_needs')}/end` }), expect: { ...hidden, ...STEERS } },
  'POST /api/pupils/:id/advices': { call: (w) => ({ url: `${pupil(w)}/advices`, body: { advice: 'Geef vooraf de planning van de les.' } }), expect: { ...hidden, ...STEERS } },
  'POST /api/pupils/:id/advices/:itemId/end': {
    call: async (w) => ({ url: `${pupil(w)}/advices/${await newItem(w, 'handelingsadviezen')}/end` }),
    expect: { ...hidden, ...STEERS },
  },
  'POST /api/pupils/:id/documents': {
    call: async (w) => ({
      url: `${pupil(w)}/documents`,
      raw: await multipart({ category: 'verslag' }, { filename: 'verslag.pdf', type: 'application/pdf', content: tinyPdf() }),
    }),
    expect: { ...hidden, ...SEES },
  },
  'GET /api/documents/:id/download': { call: async (w) => ({ url: `/api/documents/${await newDocument(w)}/download` }), expect: { ...hidden, ...SEES } },
  // Medical documents: the support team, and who the OCO names (here the mentor, for one document); the OCO names and revokes.
  'POST /api/documents/:id/access': {
    call: async (w) => ({ url: `/api/documents/${await newDocument(w, 'medisch')}/access`, body: { userId: w.users.mentor.id } }),
    expect: { ...hidden, oco: 200, ondersteuner: 403, mentor: 403, schoolleider: 403 },
  },
  'DELETE /api/documents/:id/access/:userId': {
    call: async (w) => {
      const id = await newDocument(w, 'medisch');
      await grant(w, id, w.users.mentor.id);
      return { url: `/api/documents/${id}/access/${w.users.mentor.id}` };
    },
    expect: { ...hidden, oco: 200, ondersteuner: 403, mentor: 403, schoolleider: 403 },
  },
  'POST /api/documents/:id/delete': {
    call: async (w) => ({ url: `/api/documents/${await newDocument(w)}/delete`, body: { reason: 'Verkeerde leerling.' } }),
    expect: { ...hidden, ...STEERS },
  },
  'GET /api/schools/:id/signals': {
    call: (w) => ({ url: `/api/schools/${w.a.schoolId}/signals` }),
    expect: { default: 403, ...staffOnly, oco: 200, schoolleider: 200, ondersteuner: 200, swv_admin_other_partnership: 404, oco_other_partnership: 404 },
  },
  'POST /api/signals/:id/close': {
    call: async (w) => {
      const s = await f.signal(w.sql, { partnership_id: w.a.partnershipId, school_id: w.a.schoolId, pupil_id: w.a.pupilId, note: 'Zorg', raised_by: w.users.mentor.id });
      return { url: `/api/signals/${s.id}/close` };
    },
    expect: { ...hidden, oco: 200, ondersteuner: 200, schoolleider: 403 },
  },
  'GET /api/my/classes': { call: () => ({ url: '/api/my/classes' }), expect: { default: 200, ...staffOnly } },
  'GET /api/classes/:id/scan': { call: (w) => ({ url: `/api/classes/${w.a.classId}/scan` }), expect: { ...hidden, ...SEES } },
};

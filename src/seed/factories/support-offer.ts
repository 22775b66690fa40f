import type { Db } from '../../db/index.ts';
import { insertRow, type Cols } from './row.ts';

/** Row builders for the support offer (see organisation.ts). */
type Tenant = { partnership_id: string };

export const supportNeed = (db: Db, r: Tenant & Cols) =>
  insertRow(db, 'support_needs', { label: `Behoefte ${Math.random().toString(36).slice(2, 8)}`, description: '' }, r);

/** An empty profile for this school year unless told otherwise; `published_content` makes it public (give `published_at` with it). */
export const supportProfile = (db: Db, r: Tenant & { school_id: string; location_id: string; school_year: string } & Cols) =>
  insertRow(
    db,
    'support_profiles',
    { content: { summary: '', offers: [], provisions: [], expertise: '', limits: '', capacity: [], contact: { name: '', phone: '', email: '', website: '' }, coordinates: null } },
    r,
    ['content', 'published_content', 'free_places'],
  );

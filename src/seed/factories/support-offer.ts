import { builder } from './row.ts';

/** Row builders for the support offer (see organisation.ts). */
type Tenant = { partnership_id: string };

export const supportNeed = builder<Tenant>('support_needs', () => ({ label: `Behoefte ${Math.random().toString(36).slice(2, 8)}`, description: '' }));

/** An empty profile for this school year unless told otherwise; `published_content` makes it public (give `published_at` with it). */
export const supportProfile = builder<Tenant & { school_id: string; location_id: string; school_year: string }>(
  'support_profiles',
  () => ({ content: { summary: '', offers: [], provisions: [], expertise: '', limits: '', capacity: [], contact: { name: '', phone: '', email: '', website: '' }, coordinates: null } }),
  ['content', 'published_content', 'free_places'],
);

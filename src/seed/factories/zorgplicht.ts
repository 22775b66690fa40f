import { addDays, today } from '../../platform/time.ts';
import { builder } from './row.ts';

/** Row builders for the zorgplicht (see organisation.ts). */
type Tenant = { partnership_id: string };

/** An open registration received today of a child the system does not know yet, with a suspected support need. */
export const zorgplichtRegistration = builder<Tenant & { school_id: string; created_by: string }>('zorgplicht_registrations', () => ({
  first_name: 'Noor',
  last_name: `Aangemeld ${Math.random().toString(36).slice(2, 8)}`,
  birth_date: '2014-03-01',
  parent_names: 'Ouder van Noor',
  support_suspected: true,
  received_on: today(),
  desired_start: addDays(today(), 70),
  level: 'havo',
  year_group: 1,
}));

export const zorgplichtPlacementRequest = builder<Tenant & { registration_id: string; school_id: string; asked_by: string }>('zorgplicht_placement_requests');

/** A registration on the placement table, nothing planned yet. */
export const zorgplichtTableCase = builder<Tenant & { registration_id: string; put_by: string }>('zorgplicht_table_cases', () => ({
  reason: 'Twee scholen wezen de leerling af; de ouders weten niet waar zij heen kunnen.',
}), ['meeting_parties']);

/** One action of a binding advice: who does what by when. */
export const zorgplichtTableAction = builder<Tenant & { case_id: string }>('zorgplicht_table_actions', () => ({
  position: 1,
  party: 'Samenwerkingsverband',
  description: 'Arrangement regelen voor de eerste 6 weken.',
  due_on: addDays(today(), 14),
}));

import { inIds } from '../../db/index.ts';
import { anyOf, definePolicy, partnershipRole, schoolRole, type Rule } from '../../platform/access/policy.ts';
import { hasPartnershipRole, hasSchoolRole, schoolsWithRole, type Principal } from '../../platform/access/principal.ts';
import type { Role } from '../../platform/access/roles.ts';
import { decisionDueOn, extensionRefusal } from '../../platform/calendar/zorgplicht-clock.ts';
import { today } from '../../platform/time.ts';
import type { RegistrationStatus } from './schema.ts';

/** At a school, admissions are the OCO's and the school leader's (seed 002 §4.1.1: "Elke schoollocatie beschikt over een toelatingscommissie"). */
export const ADMISSIONS: Role[] = ['oco', 'schoolleider'];
/** The partnership's staff who watch the zorgplicht: the consultants search places, the director answers for the dekkend aanbod. */
export const WATCHERS: Role[] = ['swv_consultant', 'swv_director'];

export interface RegistrationResource {
  schoolId: string | null;
  pupilId: string | null;
  supportSuspected: boolean;
  status: RegistrationStatus;
  receivedOn: string;
  extendedTo: string | null;
  /** Schools asked to take the pupil (placement search), the request not withdrawn. */
  askedSchoolIds: string[];
}

const atSchool = schoolRole<RegistrationResource>(...ADMISSIONS);
/** Partnership staff see a registration only when the school suspects a support need: the others are the school's own business. */
const watches: Rule<RegistrationResource> = (p, r) => r.supportSuspected && hasPartnershipRole(p, ...WATCHERS);
/** A school asked to take the pupil sees the case from the moment it is asked, not before. */
const asked: Rule<RegistrationResource> = (p, r) => r.askedSchoolIds.some((s) => hasSchoolRole(p, s, ...ADMISSIONS));

const open = (r: RegistrationResource) => (r.status === 'open' ? null : 'Over deze aanmelding is al besloten.');

/**
 * A registration (aanmelding) is pupil data: the school registered at keeps
 * it (OCO, school leader); the partnership's consultants and director read
 * those with a suspected support need; a school asked in the placement search
 * reads it once asked.
 */
export const registrationPolicy = definePolicy<RegistrationResource, 'read' | 'record' | 'extend' | 'decide' | 'askPlacement'>(
  'zorgplicht_registration',
  {
    read: anyOf(atSchool, watches, asked),
    record: atSchool,
    extend: atSchool,
    decide: atSchool,
    // The placement search is for the zorgplicht: a suspected support need the school cannot meet.
    askPlacement: atSchool,
  },
  {
    pupilData: true,
    notNow: {
      // Once, within the 6 weeks (platform/calendar/zorgplicht-clock.ts); the day asked for is checked when it is given.
      extend: (r) => open(r) ?? (r.extendedTo !== null || today() > decisionDueOn(r.receivedOn) ? extensionRefusal({ ...r, today: today() }, decisionDueOn(r.receivedOn)) : null),
      decide: open,
      askPlacement: (r) => open(r) ?? (r.supportSuspected ? null : 'Zoeken naar een plaats elders hoort bij de zorgplicht: alleen als de school een ondersteuningsbehoefte vermoedt.'),
    },
    scopes: {
      // Over `zorgplicht_registrations z`.
      read: (db, p) => {
        const schools = schoolsWithRole(p, ...ADMISSIONS);
        const partnership = hasPartnershipRole(p, ...WATCHERS);
        return db`(${inIds(db, 'z.school_id', schools)} or ${partnership ? db`z.support_suspected` : db`false`}
          or exists (select 1 from zorgplicht_placement_requests q where q.registration_id = z.id and q.status <> 'withdrawn' and ${inIds(db, 'q.school_id', schools)}))`;
      },
    },
  },
);

export interface PlacementResource {
  /** The school asked. */
  schoolId: string | null;
  status: 'asked' | 'accepted' | 'declined' | 'withdrawn';
}

/** The asked school's OCO or leader answers: accepts the pupil or declines with a reason. */
export const placementPolicy = definePolicy<PlacementResource, 'answer'>(
  'zorgplicht_placement',
  { answer: schoolRole(...ADMISSIONS) },
  { notNow: { answer: (r) => (r.status === 'asked' ? null : 'Op deze vraag is al geantwoord.') } },
);

/** Rules about the reader alone: the lists and the numbers. */
export const zorgplichtPolicy = definePolicy<object, 'list' | 'board' | 'numbers'>('zorgplicht', {
  // The school's list: admissions at some school, or the partnership's watchers (who see the suspected ones).
  list: anyOf(partnershipRole(...WATCHERS), (p: Principal) => schoolsWithRole(p, ...ADMISSIONS).length > 0),
  board: partnershipRole(...WATCHERS),
  // Numbers per school for the director's start page (withholdSmall).
  numbers: partnershipRole('swv_director'),
});

/** A registration as the placement table sees it: the registration, whether it is at the table, and where the case stands. */
export interface TableResource extends RegistrationResource {
  atTable: boolean;
  /** The pupil has a place: the registration was decided admitted, or with a place at a school that accepted the pupil. */
  placed: boolean;
  adviceRecorded: boolean;
  decisionRecorded: boolean;
  /** The partnership's setting: its director has doorzettingsmacht (partnerships.settings.zorgplicht). */
  doorzettingsmacht: boolean;
}

const notAtTable = (r: TableResource) => (r.atTable ? null : 'Deze aanmelding ligt niet aan de plaatsingstafel. Leg haar eerst aan tafel.');
const placedAlready = (r: TableResource) => (r.placed ? 'De leerling is geplaatst; de plaatsingstafel is afgerond.' : null);

/**
 * The placement table (plaatsingstafel; DOMAIN.md C6, seed 004 §4): the
 * partnership's consultants and director put a stuck case on the table, plan
 * its meeting, record the binding advice and follow its actions until the
 * pupil is placed. The school of the registration (and a school asked) reads
 * the case as it reads the registration, without the partnership's notes. The
 * director decides the placement only where the partnership gave the
 * director doorzettingsmacht (a setting, default off).
 */
export const tablePolicy = definePolicy<TableResource, 'read' | 'putOnTable' | 'plan' | 'advise' | 'followUp' | 'enforce'>(
  'zorgplicht_table',
  {
    read: (p, r) => registrationPolicy.permits(p, 'read', r),
    putOnTable: watches,
    plan: watches,
    advise: watches,
    followUp: watches,
    enforce: (p, r) => r.supportSuspected && r.doorzettingsmacht && hasPartnershipRole(p, 'swv_director'),
  },
  {
    pupilData: true,
    notNow: {
      putOnTable: (r) => (r.atTable ? 'Deze aanmelding ligt al aan de plaatsingstafel.' : placedAlready(r)),
      plan: (r) => notAtTable(r) ?? placedAlready(r),
      advise: (r) => notAtTable(r) ?? placedAlready(r) ?? (r.adviceRecorded ? 'Het bindend advies is al vastgelegd.' : null),
      followUp: notAtTable,
      enforce: (r) => notAtTable(r) ?? placedAlready(r) ?? (r.decisionRecorded ? 'Het plaatsingsbesluit is al vastgelegd.' : null),
    },
  },
);

/** The partnership's zorgplicht settings: read by the watchers, set by the partnership's administrator and director (as the support-offer settings). */
export const zorgplichtSettingsPolicy = definePolicy<object, 'read' | 'manage'>('zorgplicht_settings', {
  read: partnershipRole(...WATCHERS, 'swv_admin'),
  manage: partnershipRole('swv_admin', 'swv_director'),
});

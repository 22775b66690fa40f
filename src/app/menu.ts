import type { May, MayAtSchool } from '../platform/access/session-schema.ts';
import type { SessionUser } from '../web/session.tsx';

/**
 * The menu: one list of entries, each naming the session flag that shows it
 * (docs/decisions/0012-work-and-menu.md). The session's flags come from the
 * same policies the pages' own calls ask (src/server/capabilities.ts), so an
 * entry shows exactly where its page answers; pages that are not built yet
 * are not here. `count` names the work list's counter for the entry
 * (GET /api/work, `counts`): a capability that adds work items names the
 * same key in its work source.
 */
export interface Shown {
  /** Shown when one of these holds for the partnership ... */
  may?: (keyof May)[];
  /** ... or at one of the reader's schools; neither named: for every staff member. */
  atSchool?: (keyof MayAtSchool)[];
}

export interface MenuEntry extends Shown {
  to: string;
  label: string;
  end?: boolean;
  count?: string;
}

export interface MenuSection {
  parent: string;
  label: string;
  /** The paths that belong to the section: its second menu shows while one is open. */
  paths: string[];
  items: MenuEntry[];
}

export const mainMenu: MenuEntry[] = [
  { to: '/', label: 'Start', end: true },
  { to: '/leerlingen', label: 'Leerlingen', may: ['readPupils'], count: 'pupils' },
  { to: '/ondersteuning', label: 'Ondersteuning', atSchool: ['listMeetings'], count: 'support' },
  { to: '/opp', label: 'OPP', may: ['readPartnershipPlanNumbers'], atSchool: ['readPlansOverview'], count: 'opp' },
  { to: '/aanvragen', label: 'Aanvragen', may: ['readRequests'], count: 'requests' },
  { to: '/zorgplicht', label: 'Zorgplicht', may: ['readZorgplicht'], count: 'zorgplicht' },
  { to: '/tlv-register', label: 'TLV-register', may: ['readRegister'] },
  { to: '/arrangementen', label: 'Arrangementen', may: ['followArrangements'] },
  { to: '/profielen', label: 'Aanbod', may: ['readSupportProfiles', 'readCoverage'], count: 'offer' },
  // The shared guide is for every staff member; the plans and audits show in the section menu for those who have them.
  { to: '/kwaliteit/handreiking', label: 'Kwaliteit', count: 'quality' },
  { to: '/meldcode', label: 'Meldcode', atSchool: ['keepMeldcode'] },
  { to: '/scholen', label: 'Scholen' },
  { to: '/beheer', label: 'Beheer', may: ['listStaff', 'manageSignInMethods', 'manageRequestSettings', 'manageSupportOffer', 'manageSpearheads', 'readAuditLog', 'exportMeldcodeLog'], count: 'admin' },
];

export const sectionMenus: MenuSection[] = [
  {
    parent: '/kwaliteit/handreiking',
    label: 'Kwaliteit',
    paths: ['/kwaliteit'],
    items: [
      { to: '/kwaliteit/actieplannen', label: 'Actieplannen', may: ['readActionPlans'] },
      { to: '/kwaliteit/audits', label: 'Audits', may: ['readAudits'] },
      { to: '/kwaliteit/indicatoren', label: 'Indicatoren', may: ['readIndicators'] },
      { to: '/kwaliteit/thematafels', label: 'Thematafels', may: ['readRoundTables'] },
      { to: '/kwaliteit/handreiking', label: 'Handreiking' },
    ],
  },
  {
    parent: '/profielen',
    label: 'Aanbod',
    paths: ['/profielen', '/dekkend-aanbod'],
    items: [
      { to: '/profielen', label: 'Ondersteuningsprofielen', may: ['readSupportProfiles'] },
      { to: '/dekkend-aanbod', label: 'Dekkend aanbod', may: ['readCoverage'] },
    ],
  },
  {
    parent: '/zorgplicht',
    label: 'Zorgplicht',
    paths: ['/zorgplicht'],
    items: [
      { to: '/zorgplicht', label: 'Aanmeldingen', may: ['readZorgplicht'], end: true },
      { to: '/zorgplicht/bord', label: 'Zorgplichtbord', may: ['readZorgplichtBoard'] },
    ],
  },
  {
    parent: '/leerlingen',
    label: 'Leerlingen',
    paths: ['/leerlingen', '/mijn-klassen', '/klassen/'],
    items: [
      { to: '/mijn-klassen', label: 'Mijn klassen' },
      { to: '/leerlingen', label: 'Zoeken' },
    ],
  },
  {
    parent: '/ondersteuning',
    label: 'Ondersteuning',
    paths: ['/ondersteuning'],
    items: [
      { to: '/ondersteuning/mijn-acties', label: 'Mijn acties' },
      { to: '/ondersteuning/overleggen', label: 'Overleggen', atSchool: ['listMeetings'] },
      { to: '/ondersteuning/signalen', label: 'Signalen', atSchool: ['listSignals'] },
      { to: '/ondersteuning/afspraken', label: 'Afspraken', atSchool: ['overseeAgreements'] },
      { to: '/ondersteuning/route', label: 'Ondersteuningsroute', atSchool: ['readSupportRoute'] },
    ],
  },
];

/** Whether the session shows an entry: no flag named, or one of the named flags holds. */
export function shows(user: SessionUser, e: Shown): boolean {
  if (!e.may && !e.atSchool) return true;
  return !!e.may?.some((f) => user.may[f]) || !!e.atSchool?.some((f) => user.schools.some((s) => s.may[f]));
}

export const inSection = (pathname: string, paths: string[]) => paths.some((p) => pathname === p || pathname.startsWith(p.endsWith('/') ? p : `${p}/`));

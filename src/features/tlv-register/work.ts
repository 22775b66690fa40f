import { figureBySchool, type FigureSource } from '../../platform/work.ts';
import { tlvPolicy } from './policy.ts';
import { OPEN_EXTENSION } from './read-register.ts';
import { endsSoonUntil } from './tlv-dates.ts';

/**
 * The director's number at a glance from the register
 * (docs/decisions/0012-work-and-menu.md): TLVs ending within the register's
 * "ends soon" window with no extension on its way, per school.
 */
export const tlvFigures: FigureSource[] = [
  {
    kind: 'tlvs.ending',
    applies: (p) => tlvPolicy.can(p, 'numbers', { schoolId: null }),
    async read(o) {
      const counts = await o.db<{ schoolId: string; n: number }[]>`
        select t.school_id as "schoolId", count(*)::int as n from tlvs t
        where t.partnership_id = ${o.partnershipId} and t.ends_on between ${o.today} and ${endsSoonUntil(o.today)}
          and not ${o.db.unsafe(OPEN_EXTENSION)}
        group by t.school_id`;
      return {
        kind: 'tlvs.ending',
        label: 'TLV’s die binnen 6 maanden aflopen, zonder verlenging in behandeling',
        total: counts.reduce((a, c) => a + c.n, 0),
        link: '/tlv-register',
        bySchool: await figureBySchool(o.db, o.partnershipId, counts),
      };
    },
  },
];

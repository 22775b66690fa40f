import type { z } from 'zod';
import { transaction, type Db } from '../../db/index.ts';
import { auditMany } from '../../platform/audit.ts';
import type { StaffContext } from '../../platform/http/context.ts';
import { today as todayOf } from '../../platform/time.ts';
import { PUPIL_NAME } from '../pupils/api.ts';
import { tlvPolicy } from './policy.ts';
import type { TlvPage, TlvQuery } from './schema.ts';
import { endsSoonUntil, expiresWithin } from './tlv-dates.ts';

/** The register shows 50 TLVs a page. */
export const TLV_PAGE_SIZE = 50;

/** An extension request that is still on its way (not withdrawn and not yet decided). */
export const OPEN_EXTENSION = `exists (select 1 from requests x where x.previous_request_id = t.request_id and x.status not in ('withdrawn', 'decided', 'answered'))`;

const ORDER: Record<TlvQuery['sort'], string[]> = {
  number: ['t.number'],
  pupil: ['lower(p.last_name)', 'lower(p.first_name)'],
  school: ['lower(s.name)'],
  startsOn: ['t.starts_on'],
  endsOn: ['t.ends_on'],
};

interface RegisterRow {
  id: string;
  number: number;
  pupilId: string;
  pupilName: string;
  birthDate: string;
  pupilSchoolId: string;
  schoolId: string;
  schoolName: string;
  schoolKind: 'sbo' | 'so' | 'vso';
  category: number | null;
  cluster: number | null;
  startsOn: string;
  endsOn: string;
  extensionRequested: boolean;
}

/** The register's filters over `tlvs t`, shared by the page and the DUO export. */
export function filters(db: Db, ctx: StaffContext, q: Partial<TlvQuery> & { from?: string; to?: string }, day: string) {
  const year = q.schoolYear ? Number(q.schoolYear.slice(0, 4)) : null;
  return db`
    t.partnership_id = ${ctx.scope.partnershipId}
    ${q.schoolId ? db`and t.school_id = ${q.schoolId}` : db``}
    ${q.schoolKind ? db`and t.school_kind = ${q.schoolKind}` : db``}
    ${q.category ? db`and t.category = ${Number(q.category)}` : db``}
    ${year !== null ? db`and t.starts_on between ${`${year}-08-01`} and ${`${year + 1}-07-31`}` : db``}
    ${q.endsSoon === 'true' ? db`and t.ends_on between ${day} and ${endsSoonUntil(day)}` : db``}
    ${q.from ? db`and t.starts_on >= ${q.from}` : db``}
    ${q.to ? db`and t.starts_on <= ${q.to}` : db``}`;
}

/**
 * The TLV register: every TLV of the partnership with its pupil, filtered,
 * sorted and paged. Every pupil shown is an audited read (one row each).
 */
export async function tlvRegister(ctx: StaffContext, q: TlvQuery, day = todayOf()): Promise<z.infer<typeof TlvPage>> {
  tlvPolicy.authorize(ctx.principal, 'list', { schoolId: null });
  const dir = q.dir === 'asc' ? 'asc' : 'desc';
  const order = [...ORDER[q.sort].map((c) => `${c} ${dir}`), `t.number ${dir}`].join(', ');
  return transaction(ctx.sql, async (tx) => {
    const rows = await tx<RegisterRow[]>`
      select t.id, t.number, p.id as "pupilId", ${tx.unsafe(PUPIL_NAME)} as "pupilName", p.birth_date as "birthDate", p.school_id as "pupilSchoolId",
        s.id as "schoolId", s.name as "schoolName", t.school_kind as "schoolKind", t.category, t.cluster,
        t.starts_on as "startsOn", t.ends_on as "endsOn", ${tx.unsafe(OPEN_EXTENSION)} as "extensionRequested"
      from tlvs t join pupils p on p.id = t.pupil_id join schools s on s.id = t.school_id
      where ${filters(tx, ctx, q, day)}
      order by ${tx.unsafe(order)}
      limit ${TLV_PAGE_SIZE} offset ${(q.page - 1) * TLV_PAGE_SIZE}`;
    const [count] = await tx<{ n: number }[]>`
      select count(*)::int as n from tlvs t where ${filters(tx, ctx, q, day)}`; // the filters use t only; pupil and school are non-null keys
    await auditMany(
      tx,
      ctx.actor,
      rows.map((r) => ({ action: 'tlv.register_read', entityType: 'tlv', entityId: r.id, pupilId: r.pupilId, schoolId: r.schoolId })),
    );
    const [{ duoRegistrationNumber }] = await tx<[{ duoRegistrationNumber: string }]>`select registration_number as "duoRegistrationNumber" from partnerships where id = ${ctx.scope.partnershipId}`;
    return {
      rows: rows.map((r) => ({
        id: r.id,
        number: r.number,
        pupil: { id: r.pupilId, name: r.pupilName },
        birthDate: r.birthDate,
        school: { id: r.schoolId, name: r.schoolName },
        schoolKind: r.schoolKind,
        category: r.category,
        cluster: r.cluster,
        startsOn: r.startsOn,
        endsOn: r.endsOn,
        endsSoon: expiresWithin(r.endsOn, day),
        ended: r.endsOn < day,
        extensionRequested: r.extensionRequested,
        allowed: { extend: !r.extensionRequested && tlvPolicy.can(ctx.principal, 'extend', { schoolId: r.pupilSchoolId }) },
      })),
      page: q.page,
      pageSize: TLV_PAGE_SIZE,
      total: count!.n,
      today: day,
      duoRegistrationNumber,
      allowed: { export: tlvPolicy.can(ctx.principal, 'export', { schoolId: null }) },
    };
  });
}

import type { z } from 'zod';
import { transaction, type Db } from '../../db/index.ts';
import { auditMany } from '../../platform/audit.ts';
import type { StaffContext } from '../../platform/http/context.ts';
import { likeTerm } from '../../platform/http/schemas.ts';
import { today as todayOf } from '../../platform/time.ts';
import { auditExport, EXPORT_LIMIT, type ExportSheet } from '../../platform/list-export.ts';
import { PUPIL_NAME, pupilPolicy } from '../pupils/api.ts';
import { requestPolicy } from '../requests/api.ts';
import { fundingCategoryLabels, tlvSchoolKindLabels } from '../requests/schema.ts';
import { tlvPolicy } from './policy.ts';
import type { TlvExportQuery, TlvPage, TlvQuery } from './schema.ts';
import { endsSoonUntil, expiresWithin } from './tlv-dates.ts';

/** The register shows 50 TLVs a page. */
export const TLV_PAGE_SIZE = 50;

/** An extension request that is still on its way (not withdrawn and not yet decided). */
export const OPEN_EXTENSION = `exists (select 1 from requests x where x.previous_request_id = t.request_id and x.status not in ('withdrawn', 'decided', 'answered'))`;
/** An extension request that was granted: a TLV came of it. */
export const GRANTED_EXTENSION = `exists (select 1 from requests x join tlvs tx on tx.request_id = x.id where x.previous_request_id = t.request_id)`;

const ORDER: Record<TlvQuery['sort'], string[]> = {
  number: ['t.number'],
  // Every reader of the register sees the full name, so it sorts by it (last name first, as a register reads).
  pupil: ['lower(p.last_name)', 'lower(p.first_name)'],
  birthDate: ['p.birth_date'],
  school: ['lower(s.name)'],
  schoolKind: ['t.school_kind'],
  category: ['t.category'],
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
  extensionGranted: boolean;
  pupilReadable: boolean;
  requestId: string;
  requestReadable: boolean;
}

/**
 * The register's filters over `tlvs t` (and `pupils p` for the name search),
 * shared by the page, its export and the DUO export. The search finds a part
 * of the pupil's name (every reader of the register sees it) or the TLV number.
 */
export function filters(db: Db, ctx: StaffContext, q: Partial<TlvQuery> & { from?: string; to?: string }, day: string) {
  const year = q.schoolYear ? Number(q.schoolYear.slice(0, 4)) : null;
  return db`
    t.partnership_id = ${ctx.scope.partnershipId}
    ${q.q ? db`and (lower(${db.unsafe(PUPIL_NAME)}) like ${likeTerm(q.q)} ${/^\d{1,9}$/.test(q.q) ? db`or t.number = ${Number(q.q)}` : db``})` : db``}
    ${q.schoolId ? db`and t.school_id = ${q.schoolId}` : db``}
    ${q.schoolKind ? db`and t.school_kind = ${q.schoolKind}` : db``}
    ${q.category ? db`and t.category = ${Number(q.category)}` : db``}
    ${year !== null ? db`and t.starts_on between ${`${year}-08-01`} and ${`${year + 1}-07-31`}` : db``}
    ${q.endsSoon === 'true' ? db`and t.ends_on between ${day} and ${endsSoonUntil(day)}` : db``}
    ${q.from ? db`and t.starts_on >= ${q.from}` : db``}
    ${q.to ? db`and t.starts_on <= ${q.to}` : db``}`;
}

/** The register's rows the reader may see with the filters, sorted; a page of them, or all (the export). */
async function selectRegister(tx: Db, ctx: StaffContext, q: Omit<TlvQuery, 'page'>, day: string, window: { limit: number; offset: number }) {
  const dir = q.dir === 'asc' ? 'asc' : 'desc';
  const order = [...ORDER[q.sort].map((c) => `${c} ${dir} nulls last`), `t.number ${dir}`].join(', ');
  const p = ctx.principal;
  const rows = await tx<RegisterRow[]>`
    select t.id, t.number, p.id as "pupilId", ${tx.unsafe(PUPIL_NAME)} as "pupilName", p.birth_date as "birthDate", p.school_id as "pupilSchoolId",
      coalesce(${pupilPolicy.scope(tx, p, 'read')}, false) as "pupilReadable",
      r.id as "requestId", coalesce(${requestPolicy.scope(tx, p, 'read')}, false) as "requestReadable",
      s.id as "schoolId", s.name as "schoolName", t.school_kind as "schoolKind", t.category, t.cluster,
      t.starts_on as "startsOn", t.ends_on as "endsOn", ${tx.unsafe(OPEN_EXTENSION)} as "extensionRequested", ${tx.unsafe(GRANTED_EXTENSION)} as "extensionGranted"
    from tlvs t join pupils p on p.id = t.pupil_id join schools s on s.id = t.school_id join requests r on r.id = t.request_id
    where ${filters(tx, ctx, q, day)}
    order by ${tx.unsafe(order)}
    limit ${window.limit} offset ${window.offset}`;
  const [count] = await tx<{ n: number }[]>`
    select count(*)::int as n from tlvs t join pupils p on p.id = t.pupil_id where ${filters(tx, ctx, q, day)}`;
  return { rows, total: count!.n };
}

/** Whether "Verlenging aanvragen" applies to the row for this reader: theirs to ask, ending within the window, not extended or being extended. */
const mayExtend = (ctx: StaffContext, r: RegisterRow, day: string) =>
  tlvPolicy.can(ctx.principal, 'extend', { schoolId: r.pupilSchoolId, endsOn: r.endsOn, today: day, extension: r.extensionRequested ? 'open' : r.extensionGranted ? 'granted' : null });

/**
 * The TLV register: every TLV of the partnership with its pupil, searched,
 * filtered, sorted and paged. Every pupil shown is an audited read (one row each).
 */
export async function tlvRegister(ctx: StaffContext, q: TlvQuery, day = todayOf()): Promise<z.infer<typeof TlvPage>> {
  tlvPolicy.authorize(ctx.principal, 'list', { schoolId: null });
  return transaction(ctx.sql, async (tx) => {
    const { rows, total } = await selectRegister(tx, ctx, q, day, { limit: TLV_PAGE_SIZE, offset: (q.page - 1) * TLV_PAGE_SIZE });
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
        requestId: r.requestId,
        schoolKind: r.schoolKind,
        category: r.category,
        cluster: r.cluster,
        startsOn: r.startsOn,
        endsOn: r.endsOn,
        endsSoon: expiresWithin(r.endsOn, day),
        ended: r.endsOn < day,
        extensionRequested: r.extensionRequested,
        extended: r.extensionGranted,
        allowed: { extend: mayExtend(ctx, r, day), openPupil: r.pupilReadable, openRequest: r.requestReadable },
      })),
      page: q.page,
      pageSize: TLV_PAGE_SIZE,
      total,
      today: day,
      duoRegistrationNumber,
      allowed: { export: tlvPolicy.can(ctx.principal, 'export', { schoolId: null }) },
    };
  });
}

/**
 * The register as a file (no BSN: that is the DUO export's, for the director
 * and the admin): the same rows as the pages together, audited as an export.
 */
export async function exportRegister(ctx: StaffContext, q: z.infer<typeof TlvExportQuery>, day = todayOf()): Promise<ExportSheet> {
  tlvPolicy.authorize(ctx.principal, 'list', { schoolId: null });
  return transaction(ctx.sql, async (tx) => {
    const { rows } = await selectRegister(tx, ctx, q, day, { limit: EXPORT_LIMIT, offset: 0 });
    await auditExport(tx, ctx.actor, {
      list: 'tlvs',
      format: q.format,
      count: rows.length,
      pupils: rows.map((r) => ({ action: 'tlv.register_export', entityType: 'tlv', entityId: r.id, pupilId: r.pupilId, schoolId: r.schoolId })),
    });
    return {
      name: 'tlv-register',
      title: 'TLV-register',
      columns: [
        { header: 'TLV-nummer', kind: 'number' },
        { header: 'Leerling', width: 28 },
        { header: 'Geboortedatum', kind: 'day', width: 14 },
        { header: 'Aanvragende school', width: 30 },
        { header: 'Soort onderwijs', width: 30 },
        { header: 'Categorie', width: 12 },
        { header: 'Cluster', kind: 'number' },
        { header: 'Begindatum', kind: 'day', width: 14 },
        { header: 'Einddatum', kind: 'day', width: 14 },
        { header: 'Verlenging', width: 16 },
      ],
      rows: rows.map((r) => [
        r.number,
        r.pupilName,
        r.birthDate,
        r.schoolName,
        tlvSchoolKindLabels[r.schoolKind],
        r.category ? fundingCategoryLabels[r.category as 1 | 2 | 3] : null,
        r.cluster,
        r.startsOn,
        r.endsOn,
        r.extensionRequested ? 'aangevraagd' : r.extensionGranted ? 'verlengd' : '',
      ]),
    };
  });
}

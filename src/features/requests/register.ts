import type { Readable } from 'node:stream';
import type { z } from 'zod';
import { transaction, type Db } from '../../db/index.ts';
import { reveal } from '../../platform/access/reveal.ts';
import { auditMany } from '../../platform/audit.ts';
import { csvExport } from '../../platform/csv.ts';
import { fail } from '../../platform/errors.ts';
import type { StaffContext } from '../../platform/http/context.ts';
import { today as todayOf } from '../../platform/time.ts';
import { PUPIL_NAME } from '../pupils/api.ts';
import { draftFollowUp } from './follow-up.ts';
import { tlvPolicy } from './policy.ts';
import type { DuoExportQuery, TlvPage, TlvQuery } from './register-schema.ts';
import { endsSoonUntil, expiresWithin } from './tlv-dates.ts';

/** The register shows 50 TLVs a page. */
export const TLV_PAGE_SIZE = 50;
/** An export holds at most this many TLVs (a large partnership issues a few hundred a year). */
const EXPORT_LIMIT = 100_000;

/** An extension request that is still on its way (not withdrawn and not yet decided). */
const OPEN_EXTENSION = `exists (select 1 from requests x where x.previous_request_id = t.request_id and x.status not in ('withdrawn', 'decided', 'answered'))`;

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

function filters(db: Db, ctx: StaffContext, q: Partial<TlvQuery> & { from?: string; to?: string }, day: string) {
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

export const DUO_COLUMNS = [
  'registratienummer samenwerkingsverband',
  'TLV-nummer',
  'burgerservicenummer',
  'opmerking',
  'geboortedatum',
  'begindatum',
  'einddatum',
  'soort onderwijs',
  'bekostigingscategorie',
  'cluster',
];
/** Said in the file rather than inventing a number: the administration completes it from the school's records. */
export const NO_BSN = 'BSN ontbreekt in Leerrecht: vul aan uit de leerlingadministratie van de school';

/**
 * What DUO needs to register the TLVs: the partnership's registration
 * number, the TLV number, the pupil's BSN and birth date, period, school
 * kind, category and cluster. Optionally only TLVs starting in a period.
 * The BSN leaves the server only here, so each pupil exported is audited.
 */
export async function duoExport(ctx: StaffContext, q: z.infer<typeof DuoExportQuery>): Promise<Readable> {
  tlvPolicy.authorize(ctx.principal, 'export', { schoolId: null });
  const rows = await transaction(ctx.sql, async (tx) => {
    const found = await tx<{ id: string; number: number; pupilId: string; schoolId: string; bsn: string | null; birthDate: string; startsOn: string; endsOn: string; schoolKind: string; category: number | null; cluster: number | null }[]>`
      select t.id, t.number, p.id as "pupilId", t.school_id as "schoolId", nullif(trim(p.bsn), '') as bsn, p.birth_date as "birthDate",
        t.starts_on as "startsOn", t.ends_on as "endsOn", t.school_kind as "schoolKind", t.category, t.cluster
      from tlvs t join pupils p on p.id = t.pupil_id
      where ${filters(tx, ctx, { from: q.from, to: q.to }, todayOf())}
      order by t.number
      limit ${EXPORT_LIMIT}`;
    await auditMany(
      tx,
      ctx.actor,
      found.map((r) => ({ action: 'tlv.duo_export', entityType: 'tlv', entityId: r.id, pupilId: r.pupilId, schoolId: r.schoolId, details: { bsn: r.bsn !== null } })),
    );
    return found;
  });
  const [{ duoRegistrationNumber }] = await ctx.sql<[{ duoRegistrationNumber: string }]>`select registration_number as "duoRegistrationNumber" from partnerships where id = ${ctx.scope.partnershipId}`;
  return csvExport(
    DUO_COLUMNS,
    rows.map((r) => [duoRegistrationNumber, r.number, r.bsn ?? '', r.bsn ? '' : NO_BSN, r.birthDate, r.startsOn, r.endsOn, r.schoolKind.toUpperCase(), r.category ?? '', r.cluster ?? '']),
  );
}

/**
 * A draft request to extend a TLV: same pupil, at the school the pupil
 * attends now, same school kind, its texts copied from the request that led
 * to the TLV (the question starts with "Verlenging van TLV nr. N"), and the
 * attachments of that request that are still in the dossier (as references:
 * their content is copied again at submission, under new consent). One open
 * extension per TLV.
 */
export async function requestExtension(ctx: StaffContext, tlvId: string): Promise<{ id: string }> {
  return transaction(ctx.sql, async (tx) => {
    const [row] = await tx<{ id: string; number: number; requestId: string; pupilId: string; schoolId: string; open: boolean }[]>`
      select t.id, t.number, t.request_id as "requestId", p.id as "pupilId", p.school_id as "schoolId", ${tx.unsafe(OPEN_EXTENSION)} as open
      from tlvs t join pupils p on p.id = t.pupil_id
      where t.id = ${tlvId} and t.partnership_id = ${ctx.scope.partnershipId}
      for update of t`;
    const t = reveal(ctx.principal, tlvPolicy, 'extend', { id: tlvId, row });
    if (t.open) fail('CONFLICT', `Voor TLV nr. ${t.number} is al een verlenging aangevraagd. Ga verder met die aanvraag.`);
    return draftFollowUp(tx, ctx, t.requestId, { schoolId: t.schoolId, firstLine: `Verlenging van TLV nr. ${t.number}`, audit: { tlvId: t.id } });
  });
}

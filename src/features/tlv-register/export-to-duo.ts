import type { Readable } from 'node:stream';
import type { z } from 'zod';
import { transaction } from '../../db/index.ts';
import { auditMany } from '../../platform/audit.ts';
import { csvExport } from '../../platform/csv.ts';
import type { StaffContext } from '../../platform/http/context.ts';
import { today as todayOf } from '../../platform/time.ts';
import { tlvPolicy } from './policy.ts';
import { filters } from './read-register.ts';
import type { DuoExportQuery } from './schema.ts';

/** An export holds at most this many TLVs (a large partnership issues a few hundred a year). */
const EXPORT_LIMIT = 100_000;

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

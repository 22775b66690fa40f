import { transaction, type Sql } from '../../db/index.ts';
import { auditMany } from '../../platform/audit.ts';
import { addYears, today } from '../../platform/time.ts';

export const HEALTH_RETENTION_JOB = 'requests.health-retention';
/** Every night at 02:30 Dutch time, when nobody works in the app. */
export const HEALTH_RETENTION_CRON = '30 2 * * *';
/**
 * The partnership keeps health data (medical or psychiatric reports)
 * received with a request at most 3 years after the decision (WPO art. 18a).
 */
export const HEALTH_RETENTION_YEARS = 3;

/**
 * One run of the retention job: every health attachment whose request was
 * decided more than 3 years ago loses its copied content (`snapshot`) and is
 * marked removed; the reference to the dossier item stays, so the request
 * still shows that something was shared and removed. One audit row per
 * removed attachment, without any content. Runs again safely: removed
 * attachments are skipped. `partnershipId` limits a run to one partnership
 * (tests).
 */
export async function removeExpiredHealthAttachments(sql: Sql, o: { partnershipId?: string } = {}, now = new Date()): Promise<{ removed: number }> {
  // Decided on this day or later: still kept (decided exactly 3 years ago today is not "more than 3 years").
  const keepFrom = addYears(today(now), -HEALTH_RETENTION_YEARS);
  return transaction(sql, async (tx) => {
    const removed = await tx<{ id: string; partnershipId: string; requestId: string; itemType: string; pupilId: string | null; schoolId: string; decidedOn: string }[]>`
      update request_attachments a set removed_at = now(), snapshot = null
      from requests r join request_decisions d on d.request_id = r.id
      where r.id = a.request_id and a.health and a.removed_at is null and d.decided_on < ${keepFrom}
        and (${o.partnershipId ?? null}::uuid is null or a.partnership_id = ${o.partnershipId ?? null})
      returning a.id, a.partnership_id as "partnershipId", a.request_id as "requestId", a.item_type as "itemType", r.pupil_id as "pupilId", r.school_id as "schoolId", d.decided_on as "decidedOn"`;
    const byPartnership = new Map<string, (typeof removed)[number][]>();
    for (const r of removed) byPartnership.set(r.partnershipId, [...(byPartnership.get(r.partnershipId) ?? []), r]);
    for (const [partnershipId, rows] of byPartnership) {
      await auditMany(
        tx,
        { partnershipId, userId: null, ip: null, userAgent: null },
        rows.map((r) => ({
          action: 'request.health_removed',
          entityType: 'request_attachment',
          entityId: r.id,
          pupilId: r.pupilId,
          schoolId: r.schoolId,
          details: { requestId: r.requestId, itemType: r.itemType, decidedOn: r.decidedOn, retentionYears: HEALTH_RETENTION_YEARS },
        })),
      );
    }
    return { removed: removed.length };
  });
}

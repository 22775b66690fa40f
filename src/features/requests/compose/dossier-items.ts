import type { Db } from '../../../db/index.ts';
import type { Principal } from '../../../platform/access/principal.ts';
import { readsConfidential } from '../../pupils/api.ts';
import { logbookKindLabels } from '../../pupils/schema.ts';
import type { AttachmentType } from '../schema.ts';

export interface DossierItemRow {
  itemType: AttachmentType;
  itemId: string;
  label: string;
  itemDate: string;
  health: boolean;
  /** A confidential logbook entry: listed for the support team, never attached (it stays within the support team). */
  confidential: boolean;
}

/**
 * Everything in a pupil's dossier a request can be composed of, with the
 * label the partnership and the parents see. Only what has been shared with
 * the parents or settled: OPP versions that were sent (not drafts), their
 * evaluations, meetings that were held, logbook entries, documents (not
 * deleted) and kwadrant results. Medical documents are health data.
 */
export async function dossierItems(db: Db, pupilId: string, only?: { itemType: AttachmentType; itemId: string }): Promise<DossierItemRow[]> {
  const pick = (type: AttachmentType, col: string) => (only ? (only.itemType === type ? db`and ${db(col)} = ${only.itemId}` : db`and false`) : db``);
  const rows = await db<(DossierItemRow & { logKind?: string })[]>`
    select 'opp_version' as "itemType", v.id as "itemId",
      'OPP versie ' || v.number || case v.status when 'agreed' then ' (ouders ingestemd)' when 'disagreed' then ' (ouders niet ingestemd)' when 'with_parents' then ' (bij ouders)' else '' end as label,
      to_char(coalesce(v.agreed_at, v.sent_at, v.updated_at) at time zone 'Europe/Amsterdam', 'YYYY-MM-DD') as "itemDate", false as health, false as confidential, null as "logKind"
    from opp_versions v join opps o on o.id = v.opp_id
    where o.pupil_id = ${pupilId} and v.status <> 'draft' ${pick('opp_version', 'v.id')}
    union all
    select 'opp_evaluation', e.id, 'Evaluatie OPP van ' || to_char(e.held_on, 'DD-MM-YYYY'), to_char(e.held_on, 'YYYY-MM-DD'), false, false, null
    from opp_evaluations e join opps o on o.id = e.opp_id
    where o.pupil_id = ${pupilId} ${pick('opp_evaluation', 'e.id')}
    union all
    select 'meeting_item', i.id, k.name || ' van ' || to_char(m.starts_at at time zone 'Europe/Amsterdam', 'DD-MM-YYYY'), to_char(m.starts_at at time zone 'Europe/Amsterdam', 'YYYY-MM-DD'), false, false, null
    from meeting_items i join meetings m on m.id = i.meeting_id join meeting_kinds k on k.id = m.kind_id
    where i.pupil_id = ${pupilId} and m.status = 'held' ${pick('meeting_item', 'i.id')}
    union all
    select 'logbook', l.id, to_char(l.occurred_on, 'DD-MM-YYYY'), to_char(l.occurred_on, 'YYYY-MM-DD'), false, l.confidential, l.kind
    from logbook_entries l
    where l.pupil_id = ${pupilId} ${pick('logbook', 'l.id')}
    union all
    select 'document', doc.id, doc.filename, to_char(doc.created_at at time zone 'Europe/Amsterdam', 'YYYY-MM-DD'), doc.category = 'medisch', false, null
    from documents doc
    where doc.pupil_id = ${pupilId} and doc.deleted_at is null ${pick('document', 'doc.id')}
    union all
    select 'kwadrant', q.id, 'Kwadrant ' || q.quadrant || ': ' || q.instrument || ' ' || q.score, to_char(q.measured_on, 'YYYY-MM-DD'), false, false, null
    from kwadrant_results q
    where q.pupil_id = ${pupilId} ${pick('kwadrant', 'q.id')}
    order by 4 desc, 3`;
  return rows.map(({ logKind, ...r }) => (logKind ? { ...r, label: `Logboek ${r.label}: ${logbookKindLabels[logKind as keyof typeof logbookKindLabels] ?? logKind}` } : r));
}

/**
 * The item's content as shared at submission. A document is shared by its
 * description and checksum; its bytes stay in the dossier.
 */
export async function snapshotOf(db: Db, itemType: AttachmentType, itemId: string): Promise<unknown> {
  const one = async (q: PromiseLike<readonly unknown[]>) => (await q)[0] ?? null;
  switch (itemType) {
    case 'opp_version':
      return one(db`select v.number, o.kind, v.status, v.content, v.sent_at as "sentAt", v.agreed_at as "agreedAt" from opp_versions v join opps o on o.id = v.opp_id where v.id = ${itemId}`);
    case 'opp_evaluation':
      return one(db`select held_on::text as "heldOn", goal_results as "goalResults", measure_results as "measureResults", outcome, notes from opp_evaluations where id = ${itemId}`);
    case 'meeting_item':
      return one(db`
        select k.name as "meetingKind", m.starts_at as "startsAt", i.summary,
          coalesce((select json_agg(json_build_object('kind', d.kind, 'value', d.value, 'note', d.note) order by d.created_at) from meeting_decisions d where d.item_id = i.id), '[]') as decisions
        from meeting_items i join meetings m on m.id = i.meeting_id join meeting_kinds k on k.id = m.kind_id where i.id = ${itemId}`);
    case 'logbook':
      // The flag travels with the text: readers apply the same rule as the pupil page (shownSnapshot).
      return one(db`select kind, occurred_on::text as "occurredOn", body, confidential from logbook_entries where id = ${itemId}`);
    case 'document':
      return one(db`select filename, category, mime_type as "mimeType", size_bytes as "sizeBytes", sha256 from documents where id = ${itemId}`);
    case 'kwadrant':
      return one(db`select quadrant, instrument, measured_on::text as "measuredOn", score, interpretation from kwadrant_results where id = ${itemId}`);
  }
}

/**
 * An attachment as this reader may see it. A confidential logbook entry
 * cannot be attached any more, but one attached before keeps its flag: its
 * text is shown by the rule of the pupil page (readsConfidential) and to
 * nobody else, at the school or the partnership.
 */
export function shownSnapshot<A extends { itemType: AttachmentType; confidential: boolean; snapshot: unknown }>(p: Principal, r: { schoolId: string }, a: A): A {
  if (!a.confidential || readsConfidential(p, r) || a.snapshot === null) return a;
  const { kind, occurredOn } = (a.snapshot ?? {}) as { kind?: unknown; occurredOn?: unknown };
  return { ...a, snapshot: { kind, occurredOn, confidential: true, body: null } };
}

/**
 * Informed consent (AVG art. 7 and 9): the parent (or the pupil from 16)
 * reads in plain words what each item the school wants to send is, and can
 * open it before saying yes. A link reads only the items it asks about; each
 * opening is an audited read of the pupil's data.
 */
import type { Sql, Tx } from '../../../db/index.ts';
import { audit, type AuditActor } from '../../../platform/audit.ts';
import { fail } from '../../../platform/errors.ts';
import type { FileStorage } from '../../../platform/storage.ts';
import { formatDay } from '../../../platform/time.ts';
import { transaction } from '../../../db/index.ts';
import { linkActor } from '../../parent-access/api.ts';
import { logbookKindLabels } from '../../pupils/schema.ts';
import { snapshotOf } from '../compose/dossier-items.ts';
import type { ParentItem } from '../parent-schema.ts';
import type { AttachmentType } from '../schema.ts';
import { linkBySession } from './request-link.ts';

type Signer = 'parent' | 'pupil';
export interface ItemRow {
  id: string;
  itemType: AttachmentType;
  itemId: string;
  label: string;
  itemDate: string;
  health: boolean;
  snapshot: unknown;
}

/** The item as it will be (or was) shared: the snapshot once the request is submitted, the dossier's item before. */
export async function contentOf(db: Tx | Sql, item: ItemRow): Promise<Record<string, unknown> | null> {
  return ((item.snapshot ?? (await snapshotOf(db as never, item.itemType, item.itemId))) as Record<string, unknown> | null) ?? null;
}

const on = (d: unknown) => (typeof d === 'string' || d instanceof Date ? formatDay(new Date(d).toISOString().slice(0, 10)) : null);
const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/**
 * What the item is, in words a parent reads (B1): "Het plan dat u op 12
 * november 2026 goedkeurde", not "OPP versie 1 (ouders ingestemd)". `you` is
 * 'u' for a parent, 'je' for the pupil.
 */
export function describeItem(item: ItemRow, c: Record<string, unknown> | null, signer: Signer): string {
  const you = signer === 'pupil' ? 'je' : 'u';
  const child = signer === 'pupil' ? 'jou' : 'uw kind';
  const date = formatDay(item.itemDate);
  switch (item.itemType) {
    case 'opp_version': {
      const status = c?.status;
      if (status === 'agreed') return `Het plan voor ${child} (OPP) waar ${you} op ${on(c?.agreedAt) ?? date} mee instemde`;
      if (status === 'disagreed') return `Het plan voor ${child} (OPP) van ${date}, waar ${you} niet mee instemde`;
      return `Het plan voor ${child} (OPP) dat de school ${you} op ${on(c?.sentAt) ?? date} stuurde`;
    }
    case 'opp_evaluation':
      return `De evaluatie van het plan (OPP) van ${date}: wat er bereikt is`;
    case 'meeting_item':
      return `Wat de school op ${date} over ${child} besprak (${text(c?.meetingKind).toLowerCase() || 'overleg'}) en wat er besloten is`;
    case 'logbook': {
      const kind = logbookKindLabels[c?.kind as keyof typeof logbookKindLabels];
      return `Een aantekening van de school van ${date}${kind ? `: ${kind.toLowerCase()}` : ''}`;
    }
    case 'document':
      return `Het document "${text(c?.filename) || item.label}" uit het dossier, van ${date}`;
    case 'kwadrant':
      return `De uitslag van een test of onderzoek (${text(c?.instrument) || 'onderzoek'}) van ${date}`;
  }
}

const goalList = (c: Record<string, unknown>) =>
  ((c.goals as { what?: string; by?: string }[] | undefined) ?? []).map((g) => `• ${text(g.what)}${g.by ? ` (uiterlijk ${formatDay(g.by)})` : ''}`).join('\n');

/** The item's content as the parent reads it: plain headings and the school's own text. */
function partsOf(item: ItemRow, c: Record<string, unknown>): ParentItem['parts'] {
  const parts: ParentItem['parts'] = [];
  const add = (heading: string, body: string) => body && parts.push({ heading, text: body });
  switch (item.itemType) {
    case 'opp_version': {
      const content = (c.content ?? {}) as Record<string, unknown>;
      const s = (content.summary ?? {}) as Record<string, unknown>;
      add('Wat we zien', text(s.whatWeSee));
      add('Wat we willen bereiken', text(s.whatWeAim));
      add('Wat de school doet', text(s.whatSchoolDoes));
      add('Wat we van u vragen', text(s.whatWeAsk));
      add('De doelen', goalList(content));
      add('Wanneer we weer praten', text(s.nextTalk));
      break;
    }
    case 'opp_evaluation':
      add('Uitkomst', text(c.outcome) === 'close' ? 'Het plan is afgesloten.' : 'Er komt een nieuwe versie van het plan.');
      add('Toelichting', text(c.notes));
      break;
    case 'meeting_item':
      add('Wat besproken is', text(c.summary));
      add('Wat besloten is', ((c.decisions as { note?: string; value?: string }[] | undefined) ?? []).map((d) => `• ${text(d.note) || text(d.value)}`).filter((l) => l !== '• ').join('\n'));
      break;
    case 'logbook':
      add('Wat de school opschreef', text(c.body));
      break;
    case 'document':
      add('Het bestand', `${text(c.filename)}. Open het bestand met de knop hieronder.`);
      break;
    case 'kwadrant':
      add('Uitslag', [text(c.instrument), text(c.score)].filter(Boolean).join(': '));
      add('Wat de uitslag betekent', text(c.interpretation));
      break;
  }
  return parts.length ? parts : [{ heading: 'Inhoud', text: 'Dit stuk heeft geen tekst. Vraag de school wat erin staat.' }];
}

/** The link's items (those it asks about), with what the parent reads about each. */
export async function itemsOfLink(tx: Tx, link: { requestId: string; supplementIds: string[] | null }, id?: string): Promise<ItemRow[]> {
  return tx<ItemRow[]>`
    select id, item_type as "itemType", item_id as "itemId", label, item_date::text as "itemDate", health, snapshot from request_attachments
    where request_id = ${link.requestId} and removed_at is null
      ${link.supplementIds ? tx`and id = any(${link.supplementIds}::uuid[])` : tx``}
      ${id ? tx`and id = ${id}` : tx``}
    order by item_date, created_at`;
}

/** Why an item stays closed to the parent: a confidential note stays within the school's support team. */
const CONFIDENTIAL = 'Dit is een vertrouwelijke aantekening van de school. Vraag de school wat erin staat.';
const isConfidential = (item: ItemRow, c: Record<string, unknown> | null) => item.itemType === 'logbook' && c?.confidential === true;

async function openItem(tx: Tx, actor: AuditActor, sessionToken: string | undefined, id: string) {
  const link = await linkBySession(tx, sessionToken);
  const [item] = await itemsOfLink(tx, link, id);
  if (!item) fail('NOT_FOUND', 'Dit stuk hoort niet bij deze vraag om toestemming.');
  const content = await contentOf(tx, item!);
  if (!content) fail('NOT_FOUND', 'Dit stuk is niet meer in het dossier. Vraag de school ernaar.');
  if (isConfidential(item!, content)) fail('FORBIDDEN', CONFIDENTIAL);
  const event = { entityType: 'request_attachment', entityId: id, pupilId: link.pupilId, schoolId: link.schoolId, details: { linkId: link.id, signer: link.signer, itemType: item!.itemType } };
  return { link, item: item!, content: content!, audited: (action: 'request.parent_read_item' | 'request.parent_download_item') => audit(tx, linkActor(actor, link), { action, ...event }) };
}

/** One item to read before consenting. */
export async function readParentItem(sql: Sql, actor: AuditActor, sessionToken: string | undefined, id: string): Promise<ParentItem> {
  return transaction(sql, async (tx) => {
    const { link, item, content, audited } = await openItem(tx, actor, sessionToken, id);
    await audited('request.parent_read_item');
    return { id, title: describeItem(item, content, link.signer), health: item.health, parts: partsOf(item, content), file: item.itemType === 'document' ? { name: text(content.filename) } : null };
  });
}

/** A document item's file, for the parent to open before consenting. */
export async function downloadParentItem(sql: Sql, storage: FileStorage, actor: AuditActor, sessionToken: string | undefined, id: string) {
  return transaction(sql, async (tx) => {
    const { item, audited } = await openItem(tx, actor, sessionToken, id);
    if (item.itemType !== 'document') fail('NOT_FOUND');
    const [doc] = await tx<{ filename: string; mimeType: string; storage: string; content: Buffer | null; storageKey: string | null }[]>`
      select filename, mime_type as "mimeType", storage, content, storage_key as "storageKey" from documents where id = ${item.itemId} and deleted_at is null`;
    if (!doc) fail('NOT_FOUND', 'Dit document is niet meer in het dossier. Vraag de school ernaar.');
    const bytes = await storage.get(doc!);
    await audited('request.parent_download_item');
    return { filename: doc!.filename, mimeType: doc!.mimeType, bytes };
  });
}

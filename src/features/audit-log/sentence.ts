import { AUDIT_LABELS, EXPORTED_LISTS, isAuditAction } from '../../platform/audit-actions.ts';

export interface SentenceInput {
  action: string;
  /** The staff member who acted; null for a parent by link, a job or an unknown caller. */
  actorName: string | null;
  /** The pupil as the reader may see them ('S. de Vries'), 'een leerling' when hidden, null when the row names none. */
  pupilName: string | null;
  details: Record<string, unknown>;
}

/** Rows a parent (or a pupil from 16) wrote through their link: no staff account behind them. */
const byLink = (action: string) => /\.parent_|\.consent_online$|\.response_/.test(action);

function who(e: SentenceInput): string {
  if (e.actorName) return e.actorName;
  if (byLink(e.action) || e.details.signer) return e.details.signer === 'pupil' ? 'De leerling' : 'Een ouder';
  return 'Het systeem';
}

/**
 * "Jan de Boer bekeek het OPP van S. de Vries": who, the action's Dutch words
 * (AUDIT_LABELS) and the pupil when the row names one. An action the table
 * does not know (a row older than its label) still reads, with its code.
 */
export function auditSentence(e: SentenceInput): string {
  const label = isAuditAction(e.action) ? AUDIT_LABELS[e.action] : `deed iets wat het auditlog niet kent (${e.action})`;
  const list = typeof e.details.list === 'string' && Object.hasOwn(EXPORTED_LISTS, e.details.list) ? EXPORTED_LISTS[e.details.list as keyof typeof EXPORTED_LISTS] : 'een lijst';
  const words = label
    .replace(/\[([^\]]*)\]/g, (_, part: string) => (e.pupilName ? part.replace('{leerling}', e.pupilName) : ''))
    .replace('{lijst}', list)
    .replace('{aantal}', typeof e.details.count === 'number' ? String(e.details.count) : '?');
  return `${who(e)} ${words}`;
}

import type { z } from 'zod';
import type { StaffContext } from '../../platform/http/context.ts';
import { a4Document, asciiSlug, facts, h2, h3, para, renderPdf, type PdfNode } from '../../platform/pdf.ts';
import { formatDateTime, formatDay, today } from '../../platform/time.ts';
import { supportLevelLabels } from '../pupils/schema.ts';
import { getMeeting } from './queries.ts';
import { decisionKindLabels, type Meeting } from './schema.ts';

type MeetingData = z.infer<typeof Meeting>;
const statusLabels = { planned: 'Gepland', held: 'Gehouden', cancelled: 'Geannuleerd' } as const;

/**
 * The agenda (before the meeting) or the minutes (after) on paper, from the
 * same read as the page: an attendee sees only the items of pupils they may
 * read; every other item is "Een andere leerling", with nothing of it
 * (need-to-know, AVG art. 5(1)(c)). Each pupil printed is an audited read.
 */
export function minutesDocument(m: MeetingData, printedOn: string): object {
  const minutes = m.status === 'held';
  const what = minutes ? 'Verslag' : 'Agenda';
  const items: PdfNode[] = m.items.flatMap((item, n): PdfNode[] => {
    const number = `${n + 1}. `;
    if (!item.pupil) return [h3(`${number}Een andere leerling`), { text: 'Niet uit uw klassen: dit punt ziet u niet.', style: 'muted' }];
    const level = supportLevelLabels[item.pupil.supportLevel as keyof typeof supportLevelLabels] ?? item.pupil.supportLevel;
    return [
      h3(`${number}${item.pupil.name}${item.pupil.className ? ` (${item.pupil.className})` : ''}`),
      { text: `${level}${item.signal ? ` · uit signaal: ${item.signal.note || 'zonder toelichting'}` : ''}`, style: 'muted' },
      ...(minutes || item.summary ? [{ text: 'Samenvatting', bold: true }, para(item.summary, 'Geen samenvatting.')] : []),
      ...(item.decisions.length
        ? [{ text: 'Besluiten', bold: true }, { ul: item.decisions.map((d) => `${decisionKindLabels[d.kind]}${d.valueLabel ? `: ${d.valueLabel}` : ''}${d.note ? ` (${d.note})` : ''} — ${d.decidedBy.name}`), margin: [0, 0, 0, 6] }]
        : []),
      ...(item.agreements.length
        ? [{ text: 'Afspraken', bold: true }, { ul: item.agreements.map((a) => `${a.what} — ${a.owner.name}, uiterlijk ${formatDay(a.dueOn)}${a.doneAt ? ' (gedaan)' : ''}`), margin: [0, 0, 0, 6] }]
        : []),
    ];
  });
  const content: PdfNode[] = [
    { text: m.school.name, style: 'school' },
    { text: `${what} ${m.kind.name}`, style: 'title' },
    { text: formatDateTime(m.startsAt), style: 'subtitle' },
    facts([
      ['Plaats', m.location || '—'],
      ['Status', statusLabels[m.status]],
      ['Deelnemers', m.attendees.map((a) => a.name).join(', ') || 'nog niemand'],
      ['Gepland door', m.createdBy.name],
    ]),
    h2(minutes ? 'Besproken leerlingen' : 'Te bespreken leerlingen'),
    ...(items.length ? items : [{ text: 'Er staan geen leerlingen op de agenda.', style: 'muted' }]),
  ];
  return a4Document({
    title: `${what} ${m.kind.name} ${formatDateTime(m.startsAt)}`,
    author: m.school.name,
    header: `${m.school.name} — vertrouwelijk, bevat leerlinggegevens`,
    footer: `${what} ${m.kind.name}, afgedrukt ${formatDay(printedOn)}`,
    content,
  });
}

export async function meetingMinutesPdf(ctx: StaffContext, meetingId: string): Promise<{ filename: string; pdf: Buffer }> {
  const m = await getMeeting(ctx, meetingId, 'meeting.minutes_pdf');
  const what = m.status === 'held' ? 'verslag' : 'agenda';
  const pdf = await renderPdf(minutesDocument(m, today()));
  return { filename: `${what}-${asciiSlug(m.kind.name)}-${m.startsAt.toISOString().slice(0, 10)}.pdf`, pdf };
}

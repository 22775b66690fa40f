import type { ReactNode } from 'react';
import { day } from '../../../web/ui.tsx';
import { logbookKindLabels, quadrantLabels } from '../../pupils/schema.ts';
import { decisionKindLabels } from '../../support-route/schema.ts';
import type { RequestData } from './request-kit.tsx';

type Attachment = RequestData['attachments'][number];
type Obj = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : v == null ? '' : String(v));
const list = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);
const label = <K extends string>(labels: Record<K, string>, v: unknown) => labels[str(v) as K] ?? str(v);

const resultLabels: Record<string, string> = { achieved: 'gehaald', partly: 'deels gehaald', not: 'niet gehaald' };
const measureLabels: Record<string, string> = { continue: 'doorgaan', change: 'aanpassen', stop: 'stoppen' };

function Facts({ rows }: { rows: [string, ReactNode][] }) {
  const shown = rows.filter(([, v]) => v !== '' && v !== null && v !== undefined);
  if (shown.length === 0) return null;
  return (
    <dl className="lr-req-snapshot">
      {shown.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** What was shared, as it was at submission, in words: the partnership reads the dossier item itself, not only its name. */
function Snapshot({ a, requestId }: { a: Attachment; requestId: string }) {
  const s = (a.snapshot ?? {}) as Obj;
  switch (a.itemType) {
    case 'opp_version': {
      const c = (s.content ?? {}) as Obj;
      const summary = (c.summary ?? {}) as Obj;
      const perspective = (c.perspective ?? {}) as Obj;
      return (
        <Facts
          rows={[
            ['Wat we zien', str(summary.whatWeSee)],
            ['Uitstroomperspectief', [str(perspective.destination), str(perspective.grounds)].filter(Boolean).join(': ')],
            ['Doelen', <ul key="g">{list(c.goals).map((g, i) => <li key={i}>{str(g.what)}{g.by ? ` (uiterlijk ${day(str(g.by))})` : ''}</li>)}</ul>],
            ['Wat de school doet', <ul key="m">{list(c.measures).map((m, i) => <li key={i}>{str(m.description)}{m.who ? `, ${str(m.who)}` : ''}{m.hoursPerWeek ? `, ${str(m.hoursPerWeek)} uur per week` : ''}</li>)}</ul>],
            ['Handelingsadviezen', <ul key="h">{list(c.handelingsadviezen).map((h, i) => <li key={i}>{str(h)}</li>)}</ul>],
          ]}
        />
      );
    }
    case 'opp_evaluation':
      return (
        <Facts
          rows={[
            ['Datum', day(str(s.heldOn))],
            ['Doelen', <ul key="g">{list(s.goalResults).map((g, i) => <li key={i}>{resultLabels[str(g.result)] ?? str(g.result)}{g.observed ? `: ${str(g.observed)}` : ''}</li>)}</ul>],
            ['Maatregelen', <ul key="m">{list(s.measureResults).map((m, i) => <li key={i}>{measureLabels[str(m.decision)] ?? str(m.decision)}{m.note ? `: ${str(m.note)}` : ''}</li>)}</ul>],
            ['Toelichting', str(s.notes)],
          ]}
        />
      );
    case 'meeting_item':
      return (
        <Facts
          rows={[
            ['Overleg', str(s.meetingKind)],
            ['Besproken', str(s.summary)],
            ['Besluiten', <ul key="d">{list(s.decisions).map((d, i) => <li key={i}>{label(decisionKindLabels, d.kind)}{d.value ? `: ${str(d.value)}` : ''}{d.note ? ` (${str(d.note)})` : ''}</li>)}</ul>],
          ]}
        />
      );
    case 'logbook':
      return <Facts rows={[['Soort', label(logbookKindLabels, s.kind)], ['Datum', day(str(s.occurredOn))], ['Tekst', s.body == null && a.confidential ? 'Vertrouwelijke aantekening: alleen het ondersteuningsteam van de school leest de tekst.' : str(s.body)]]} />;
    case 'kwadrant':
      return <Facts rows={[['Kwadrant', label(quadrantLabels, s.quadrant)], ['Instrument', str(s.instrument)], ['Score', str(s.score)], ['Duiding', str(s.interpretation)]]} />;
    case 'document':
      return (
        <p>
          <a className="utrecht-link" href={`/api/requests/${requestId}/attachments/${a.id}/file`} download>
            Download {str(s.filename) || a.label}
          </a>
        </p>
      );
  }
}

/** One shared item: its name, and on opening what it says. */
export function AttachmentView({ a, requestId }: { a: Attachment; requestId: string }) {
  if (a.removed || a.snapshot === null) return null;
  return (
    <details className="lr-req-details">
      <summary>Bekijk wat er gedeeld is</summary>
      <Snapshot a={a} requestId={requestId} />
    </details>
  );
}

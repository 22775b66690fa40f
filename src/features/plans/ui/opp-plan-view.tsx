import type { ReactNode } from 'react';
import { day } from '../../../web/ui.tsx';
import { aspectLabels, type OppContent } from '../schema.ts';
import { destinationLabel, factorCategoryLabels, factSourceLabels, OppSection, summaryQuestions } from './opp-kit.tsx';

type Content = OppContent;

/** One part of the plan as the law lists it (WPO art. 40a, WEC art. 41a, WVO art. 17a), readable on its own. */
export interface PlanPart {
  key: string;
  title: string;
  /** Only in a full OPP. */
  fullOnly?: boolean;
  render: (c: Content, schoolKind: string) => ReactNode;
  /** The part's content for comparing two versions. */
  value: (c: Content) => unknown;
  /** For lists: the items, keyed, to mark added, changed and removed ones. */
  items?: (c: Content) => { key: string; text: string }[];
}

const empty = <p className="lr-muted">Niet ingevuld.</p>;
const text = (t: string) => (t.trim() ? <p className="lr-opp-text">{t}</p> : empty);

export const planParts: PlanPart[] = [
  {
    key: 'perspectief',
    title: 'Uitstroomperspectief',
    fullOnly: true,
    value: (c) => c.perspective,
    render: (c, kind) => (
      <dl className="lr-opp-dl">
        <dt>Uitstroombestemming</dt>
        <dd>{destinationLabel(kind, c.perspective.destination)}</dd>
        <dt>Onderbouwing</dt>
        <dd>{c.perspective.grounds.trim() ? <span className="lr-opp-text">{c.perspective.grounds}</span> : <span className="lr-muted">Niet ingevuld.</span>}</dd>
      </dl>
    ),
  },
  {
    key: 'feiten',
    title: 'Feiten uit het dossier',
    value: (c) => c.facts,
    items: (c) => c.facts.map((f) => ({ key: f.sourceId, text: `${factSourceLabels[f.source] ?? f.source} (${day(f.date)}): ${f.text}` })),
    render: (c) =>
      c.facts.length === 0 ? (
        <p className="lr-muted">Geen feiten gekozen.</p>
      ) : (
        <ul className="lr-opp-list">
          {c.facts.map((f) => (
            <li key={f.sourceId}>
              <strong>{factSourceLabels[f.source] ?? f.source}</strong> <span className="lr-muted">({day(f.date)})</span>: {f.text}
            </li>
          ))}
        </ul>
      ),
  },
  {
    key: 'factoren',
    title: 'Bevorderende en belemmerende factoren',
    fullOnly: true,
    value: (c) => c.factors,
    items: (c) => c.factors.map((f, i) => ({ key: `${f.kind}-${f.factSourceId ?? i}-${f.description}`, text: `${f.kind === 'supporting' ? 'Bevorderend' : 'Belemmerend'} · ${factorCategoryLabels[f.category] ?? f.category}: ${f.description}` })),
    render: (c) => (
      <div className="lr-opp-factors-view">
        {(['supporting', 'hindering'] as const).map((k) => {
          const list = c.factors.filter((f) => f.kind === k);
          return (
            <div key={k}>
              <h3 className="utrecht-heading-3">{k === 'supporting' ? 'Bevorderend' : 'Belemmerend'}</h3>
              {list.length === 0 ? (
                empty
              ) : (
                <ul className="lr-opp-list">
                  {list.map((f, i) => (
                    <li key={i}>
                      <strong>{factorCategoryLabels[f.category] ?? f.category}:</strong> {f.description}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          );
        })}
      </div>
    ),
  },
  {
    key: 'doelen',
    title: 'Doelen',
    value: (c) => c.goals,
    items: (c) => c.goals.map((g) => ({ key: g.id, text: `${g.what} — zichtbaar aan: ${g.howWeSee} — uiterlijk ${day(g.by)}` })),
    render: (c) =>
      c.goals.length === 0 ? (
        <p className="lr-muted">Nog geen doelen.</p>
      ) : (
        <ol className="lr-opp-list lr-opp-list--numbered">
          {c.goals.map((g) => (
            <li key={g.id}>
              <strong>{g.what}</strong>
              <div>Hoe zien we het: {g.howWeSee}</div>
              <div>Uiterlijk: {day(g.by)}</div>
            </li>
          ))}
        </ol>
      ),
  },
  {
    key: 'maatregelen',
    title: 'Maatregelen',
    value: (c) => c.measures,
    items: (c) =>
      c.measures.map((m) => ({ key: m.id, text: `${aspectLabels[m.aspect] ?? m.aspect}: ${m.description} — ${m.who}, ${m.hoursPerWeek.toLocaleString('nl-NL')} uur per week${m.where ? `, ${m.where}` : ''}` })),
    render: (c) =>
      c.measures.length === 0 ? (
        <p className="lr-muted">Nog geen maatregelen.</p>
      ) : (
        <ol className="lr-opp-list lr-opp-list--numbered">
          {c.measures.map((m) => (
            <li key={m.id}>
              <strong>{m.description}</strong>
              <div>
                {aspectLabels[m.aspect] ?? m.aspect} · {m.who} · {m.hoursPerWeek.toLocaleString('nl-NL')} uur per week{m.where ? ` · ${m.where}` : ''}
              </div>
            </li>
          ))}
        </ol>
      ),
  },
  { key: 'afwijkingen', title: 'Afwijkingen van het onderwijsprogramma', value: (c) => c.curriculumDeviations, render: (c) => text(c.curriculumDeviations) },
  {
    key: 'evaluatiemomenten',
    title: 'Evaluatiemomenten',
    value: (c) => c.evaluationDates,
    items: (c) => c.evaluationDates.map((d) => ({ key: d, text: day(d) })),
    render: (c) =>
      c.evaluationDates.length === 0 ? (
        <p className="lr-muted">Nog niet gepland.</p>
      ) : (
        <ul className="lr-opp-list">
          {[...c.evaluationDates].sort().map((d) => (
            <li key={d}>{day(d)}</li>
          ))}
        </ul>
      ),
  },
  {
    key: 'handelingsadviezen',
    title: 'Handelingsadviezen voor docenten',
    value: (c) => c.handelingsadviezen,
    items: (c) => c.handelingsadviezen.map((a) => ({ key: a, text: a })),
    render: (c) =>
      c.handelingsadviezen.length === 0 ? (
        <p className="lr-muted">Geen handelingsadviezen.</p>
      ) : (
        <ul className="lr-opp-list">
          {c.handelingsadviezen.map((a, i) => (
            <li key={i}>{a}</li>
          ))}
        </ul>
      ),
  },
  { key: 'mening', title: 'Mening van de leerling', value: (c) => c.pupilView, render: (c) => text(c.pupilView) },
  {
    key: 'samenvatting',
    title: 'Samenvatting voor ouders',
    value: (c) => c.summary,
    render: (c) => (
      <dl className="lr-opp-dl">
        {summaryQuestions.map(([k, q]) => (
          <div key={k} className="lr-opp-dl__row">
            <dt>{q}</dt>
            <dd>{c.summary[k].trim() ? <span className="lr-opp-text">{c.summary[k]}</span> : <span className="lr-muted">Niet ingevuld.</span>}</dd>
          </div>
        ))}
      </dl>
    ),
  },
];

export const partsFor = (kind: string) => planParts.filter((p) => kind === 'full' || !p.fullOnly);

/** The whole plan, read-only (a version that is with the parents, agreed, or not editable for this user). */
export function PlanView({ content, kind, schoolKind }: { content: Content; kind: string; schoolKind: string }) {
  return (
    <div className="lr-opp-view">
      {partsFor(kind).map((p) => (
        <OppSection key={p.key} id={`plan-${p.key}`} title={p.title}>
          {p.render(content, schoolKind)}
        </OppSection>
      ))}
    </div>
  );
}

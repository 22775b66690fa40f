import { useQuery } from '@tanstack/react-query';
import { Paragraph } from '@utrecht/component-library-react';
import { useEffect, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { api } from '../../../web/api.ts';
import { dateTime, Link, Loading, PageTitle, QueryError } from '../../../web/ui.tsx';
import { oppKey, oppVersionKey, StatusBadge, VersionPicker, type OppPageData, type OppVersionData } from './opp-kit.tsx';
import { planParts, type PlanPart } from './opp-plan-view.tsx';
import './opp.css';

type Mark = 'new' | 'changed' | 'removed' | null;
const markLabels = { new: 'Nieuw', changed: 'Gewijzigd', removed: 'Vervallen' } as const;

function ItemList({ items, other, side }: { items: { key: string; text: string }[]; other: { key: string; text: string }[]; side: 'a' | 'b' }) {
  if (items.length === 0) return <p className="lr-muted">Niets.</p>;
  const otherByKey = new Map(other.map((o) => [o.key, o.text]));
  return (
    <ul className="lr-opp-cmp-items">
      {items.map((it) => {
        const o = otherByKey.get(it.key);
        const mark: Mark = o === undefined ? (side === 'a' ? 'removed' : 'new') : o !== it.text ? 'changed' : null;
        return (
          <li key={it.key} className={mark ? `lr-opp-cmp-item lr-opp-cmp-item--${mark}` : 'lr-opp-cmp-item'}>
            {mark && <span className={`lr-badge lr-opp-mark lr-opp-mark--${mark}`}>{markLabels[mark]}</span>} {mark === 'removed' ? <del>{it.text}</del> : mark === 'new' ? <ins>{it.text}</ins> : it.text}
          </li>
        );
      })}
    </ul>
  );
}

function PartRow({ part, a, b, schoolKind }: { part: PlanPart; a: OppVersionData; b: OppVersionData; schoolKind: string }) {
  const changed = JSON.stringify(part.value(a.content)) !== JSON.stringify(part.value(b.content));
  const id = `vergelijk-${part.key}`;
  const column = (v: OppVersionData, other: OppVersionData, side: 'a' | 'b') => (
    <div className={changed && side === 'b' ? 'lr-opp-cmp-col lr-opp-cmp-col--changed' : 'lr-opp-cmp-col'}>
      <h3 className="lr-opp-cmp-colhead">Versie {v.number}</h3>
      {part.items ? <ItemList items={part.items(v.content)} other={part.items(other.content)} side={side} /> : part.render(v.content, schoolKind)}
    </div>
  );
  return (
    <section className={changed ? 'lr-opp-cmp-part lr-opp-cmp-part--changed' : 'lr-opp-cmp-part'} aria-labelledby={id}>
      <h2 className="utrecht-heading-2 lr-opp-cmp-title" id={id}>
        {part.title} {changed ? <span className="lr-badge lr-opp-mark lr-opp-mark--changed">Gewijzigd</span> : <span className="lr-opp-same">Ongewijzigd</span>}
      </h2>
      <div className="lr-opp-cmp-cols">
        {column(a, b, 'a')}
        {column(b, a, 'b')}
      </div>
    </section>
  );
}

/** Two versions of a plan side by side, per part, with the differences marked (in words, not colour alone). */
export function OppComparePage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const a = Number(params.get('a') ?? 1) || 1;
  const b = Number(params.get('b') ?? 2) || 2;
  const page = useQuery({ queryKey: oppKey(id), queryFn: () => api.get<OppPageData>(`opps/${id}`) });
  // Ask only for versions the plan has: an address with a version that is not there is answered on the page, not by a refused call.
  const has = (n: number) => !!page.data?.versions.some((v) => v.number === n);
  const va = useQuery({ queryKey: oppVersionKey(id, a), queryFn: () => api.get<OppVersionData>(`opps/${id}/versions/${a}`), enabled: has(a) && has(b) });
  const vb = useQuery({ queryKey: oppVersionKey(id, b), queryFn: () => api.get<OppVersionData>(`opps/${id}/versions/${b}`), enabled: has(a) && has(b) });
  const [selA, setSelA] = useState(String(a));
  const [selB, setSelB] = useState(String(b));
  useEffect(() => {
    setSelA(String(a));
    setSelB(String(b));
  }, [a, b]);

  const name = page.data?.pupil.name;
  const title = name ? `Versies vergelijken – OPP van ${name}` : 'Versies vergelijken';
  if (page.isPending) return <Loading what="OPP" />;
  if (page.isError) {
    return (
      <>
        <PageTitle title="Versies vergelijken" />
        <QueryError error={page.error} />
      </>
    );
  }
  const p = page.data;
  if (p.versions.length < 2) {
    return (
      <>
        <PageTitle title={title} />
        <Paragraph>Dit OPP heeft nog één versie. Vergelijken kan zodra er een tweede versie is.</Paragraph>
        <Paragraph>
          <Link to={`/opp/${id}`}>Naar het OPP</Link>
        </Paragraph>
      </>
    );
  }
  const numbers = p.versions.map((v) => v.number).sort((x, y) => x - y);
  const kinds = [va.data?.kind, vb.data?.kind];
  const parts = planParts.filter((part) => !part.fullOnly || kinds.includes('full'));

  return (
    <div className="lr-opp lr-opp-cmp">
      <PageTitle title={title} />
      <VersionPicker label="Kies de versies" submitLabel="Vergelijken" versions={numbers} a={selA} b={selB} setA={setSelA} setB={setSelB} onCompare={setParams} />

      {!has(a) || !has(b) ? (
        <Paragraph>Kies twee versies die dit OPP heeft: versie 1 tot en met {p.versions.length}.</Paragraph>
      ) : va.isError || vb.isError ? (
        <QueryError error={va.error ?? vb.error} />
      ) : !va.data || !vb.data ? (
        <Loading what="Versies" />
      ) : (
        <>
          <div className="lr-opp-cmp-cols lr-opp-cmp-heads" aria-hidden="false">
            {[va.data, vb.data].map((v) => (
              <div key={v.number} className="lr-opp-cmp-head">
                <strong>Versie {v.number}</strong> <StatusBadge status={v.status} />
                <div className="lr-muted lr-small">
                  {v.kind === 'light' ? 'OPP light' : 'OPP'} · opgeslagen {dateTime(v.updatedAt)} door {v.updatedBy.name}
                  {v.sentAt ? ` · verstuurd ${dateTime(v.sentAt)}` : ''}
                </div>
              </div>
            ))}
          </div>
          <p className="lr-muted">
            {parts.filter((part) => JSON.stringify(part.value(va.data.content)) !== JSON.stringify(part.value(vb.data.content))).length} van de {parts.length} onderdelen zijn gewijzigd.
          </p>
          {parts.map((part) => (
            <PartRow key={part.key} part={part} a={va.data} b={vb.data} schoolKind={p.school.kind} />
          ))}
        </>
      )}
    </div>
  );
}

import { useQuery } from '@tanstack/react-query';
import { Heading2, Paragraph, SecondaryActionButton } from '@utrecht/component-library-react';
import { useCallback, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { z } from 'zod';
import { api, withQuery } from '../../../web/api.ts';
import { SelectField } from '../../../web/forms.tsx';
import { PlotFigure, type PlotModule } from '../../../web/plot-figure.tsx';
import { Link, Loading, Notice, PageTitle, QueryError } from '../../../web/ui.tsx';
import { gapLabels, SMALL, type CoverageCases, type CoverageMap, type CoverageTrend, type Count } from '../coverage-schema.ts';
import './coverage.css';

type Map = CoverageMap;
type Cell = Map['cells'][number];
type Cases = z.infer<typeof CoverageCases>;
type Trend = z.infer<typeof CoverageTrend>;

/** Where a count sits on the colour scale: "< 5" in the middle of 1–4; the number is always written in the cell too. */
const scaleValue = (c: Count) => (c === SMALL ? 2.5 : c);

const cellText = (c: Cell) => `${c.demand} / ${c.freePlaces}`;

function HeatMap({ m, onPick }: { m: Map; onPick: (c: Cell) => void }) {
  const build = useCallback((Plot: PlotModule) => {
    const needLabel = new globalThis.Map(m.needs.map((n) => [n.id, n.label]));
    const data = m.cells.map((c) => ({ ...c, need: needLabel.get(c.needId)!, value: scaleValue(c.demand), text: `${cellText(c)}${c.gap ? ' !' : ''}` }));
    const svg = Plot.plot({
      padding: 0,
      marginLeft: 110,
      marginBottom: 110,
      width: Math.max(640, 90 + m.needs.length * 70),
      height: 60 + m.levels.length * 36 + 110,
      x: { label: null, tickRotate: -40, domain: m.needs.map((n) => n.label) },
      y: { label: null, domain: m.levels.map((l) => l.id) },
      color: { type: 'linear', scheme: 'blues', domain: [0, 20] },
      marks: [
        Plot.cell(data, { x: 'need', y: 'level', fill: 'value', inset: 1 }),
        // A gap has a thick black frame and a "!": readable without colour.
        Plot.cell(data.filter((d) => d.gap), { x: 'need', y: 'level', stroke: 'black', strokeWidth: 3, inset: 2.5, fill: 'none' }),
        ...[false, true].map((gap) =>
          Plot.text(data.filter((d) => !!d.gap === gap), { x: 'need', y: 'level', text: 'text', fill: (d: { value: number }) => (d.value > 12 ? 'white' : 'black'), fontSize: 11, fontWeight: gap ? 'bold' : 'normal' }),
        ),
      ],
    });
    // A click on a cell of the chart picks it, as its button in the table does (the keyboard's way).
    svg.querySelector('g[aria-label="cell"]')?.querySelectorAll('rect').forEach((rect, i) => {
      rect.addEventListener('click', () => onPick(m.cells[i]!));
      rect.style.cursor = 'pointer';
    });
    return svg;
  }, [m, onPick]);
  return <PlotFigure className="lr-coverage-chart" build={build} label={`Warmtekaart van vraag en vrije plaatsen per niveau en ondersteuningsbehoefte, ${m.schoolYear}. De tabel hieronder geeft dezelfde cijfers.`} />;
}

function CoverageTable({ m, onPick, picked }: { m: Map; onPick: (c: Cell) => void; picked: Cell | null }) {
  return (
    <div className="lr-table-scroll">
      <table className="utrecht-table lr-coverage-table">
        <caption>
          Vraag / vrije plaatsen per niveau en ondersteuningsbehoefte, {m.schoolYear}
          {m.area ? `, ${m.area}` : ''}. Vraag: leerlingen met een lopend OPP of een open of toegekende aanvraag. Vrij: vrije plaatsen bij scholen die extra ondersteuning bieden. “!”: tekort.
        </caption>
        <thead className="utrecht-table__header">
          <tr className="utrecht-table__row">
            <th scope="col" className="utrecht-table__header-cell">
              Niveau
            </th>
            {m.needs.map((n) => (
              <th key={n.id} scope="col" className="utrecht-table__header-cell">
                {n.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="utrecht-table__body">
          {m.levels.map((l) => (
            <tr key={l.id} className="utrecht-table__row">
              <th scope="row" className="utrecht-table__header-cell">
                {l.label}
              </th>
              {m.needs.map((n) => {
                const c = m.cells.find((x) => x.level === l.id && x.needId === n.id)!;
                const here = picked?.level === c.level && picked.needId === c.needId;
                return (
                  <td key={n.id} className={`utrecht-table__cell${c.gap ? ' lr-coverage-gap' : ''}`} data-cell={`${l.id}|${n.label}`}>
                    <button type="button" className="lr-coverage-pick" aria-pressed={here} onClick={() => onPick(c)}>
                      <span className="lr-visually-hidden">
                        {l.label}, {n.label}: vraag {c.demand}, vrij {c.freePlaces}
                        {c.gap ? `, tekort: ${gapLabels[c.gap].toLowerCase()}` : ''}
                      </span>
                      <span aria-hidden="true">
                        {cellText(c)}
                        {c.gap ? ' !' : ''}
                      </span>
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CellDetail({ m, c, area }: { m: Map; c: Cell; area: string }) {
  const need = m.needs.find((n) => n.id === c.needId)!;
  const [show, setShow] = useState(false);
  const cases = useQuery({
    queryKey: ['coverage-cases', m.schoolYear, area, c.level, c.needId],
    queryFn: () => api.get<Cases>('support-offer/coverage/cases', { schoolYear: m.schoolYear, area: area || undefined, level: c.level, needId: c.needId }),
    enabled: show,
  });
  return (
    <section aria-labelledby="cel" className="lr-coverage-detail">
      <Heading2 id="cel">
        {c.level} × {need.label}
      </Heading2>
      <ul>
        <li>Vraag: {c.demand} {c.demand === 1 ? 'leerling' : 'leerlingen'} ({m.sources.map((s) => `${s.label.toLowerCase()}: ${c.demandBySource[s.kind]}`).join('; ')})</li>
        <li>
          Scholen met extra ondersteuning: {c.extraSchools}, met basisplus: {c.basisplusSchools}
        </li>
        <li>
          Plaatsen: {c.places}, nu vrij: {c.freePlaces}
        </li>
        <li>{c.gap ? `Tekort: ${gapLabels[c.gap].toLowerCase()}.` : 'Geen tekort.'}</li>
      </ul>
      {m.allowed.cases && c.demand !== 0 && !show && (
        <SecondaryActionButton type="button" onClick={() => setShow(true)}>
          Toon de leerlingen achter deze cel
        </SecondaryActionButton>
      )}
      {show && cases.isPending && <Loading what="Leerlingen" />}
      {show && cases.isError && <QueryError error={cases.error} />}
      {show && cases.data && (
        <>
          <Paragraph className="lr-muted">Alleen voorletters, geboortejaar en school. Dat u deze lijst bekijkt, staat in het auditlog.</Paragraph>
          <ul className="lr-coverage-cases" aria-label={`Leerlingen achter ${c.level} × ${need.label}`}>
            {cases.data.cases.map((x, i) => {
              const text = `${x.initials} (${x.birthYear}), ${x.school}`;
              return <li key={i}>{x.pupilId ? <Link to={`/leerlingen/${x.pupilId}`}>{text}</Link> : text}</li>;
            })}
          </ul>
        </>
      )}
    </section>
  );
}

function TrendChart({ area, cell }: { area: string; cell: Cell | null }) {
  const trend = useQuery({
    queryKey: ['coverage-trend', area, cell?.level, cell?.needId],
    queryFn: () => api.get<Trend>('support-offer/coverage/trend', { area: area || undefined, level: cell?.level, needId: cell?.needId }),
  });
  const t = trend.data;
  const build = useCallback((Plot: PlotModule) => {
    if (!t) return document.createElement('div');
    const rows = t.years.flatMap((y) => [
      { year: y.schoolYear, series: 'Vraag', value: scaleValue(y.demand), label: String(y.demand) },
      ...(y.freePlaces === null ? [{ year: y.schoolYear, series: 'Tekorten (cellen)', value: y.gaps, label: String(y.gaps) }] : [{ year: y.schoolYear, series: 'Vrije plaatsen', value: y.freePlaces, label: String(y.freePlaces) }]),
    ]);
    return Plot.plot({
      width: 640,
      height: 260,
      marginRight: 120,
      x: { label: 'Schooljaar', domain: t.years.map((y) => y.schoolYear), type: 'point' },
      y: { label: 'Aantal', grid: true, zero: true },
      marks: [
        // Demand a full line, supply dashed: apart without colour.
        Plot.line(rows.filter((d) => d.series === 'Vraag'), { x: 'year', y: 'value', stroke: 'black' }),
        Plot.line(rows.filter((d) => d.series !== 'Vraag'), { x: 'year', y: 'value', stroke: 'black', strokeDasharray: '6 4' }),
        Plot.dot(rows, { x: 'year', y: 'value', symbol: 'series', stroke: 'black', fill: 'white' }),
        Plot.text(rows, { x: 'year', y: 'value', text: 'label', dy: -10 }),
        Plot.text(rows, Plot.selectLast({ x: 'year', y: 'value', z: 'series', text: 'series', textAnchor: 'start', dx: 8 })),
      ],
    });
  }, [t]);
  if (trend.isPending) return <Loading what="Verloop" />;
  if (trend.isError) return <QueryError error={trend.error} />;
  const d = trend.data;
  const what = d.need ? `${d.level} × ${d.need.label}` : 'alle niveaus en behoeften samen';
  return (
    <section aria-labelledby="verloop">
      <Heading2 id="verloop">Verloop over de schooljaren: {what}</Heading2>
      <PlotFigure className="lr-coverage-chart" build={build} label={`Lijndiagram van de vraag ${d.need ? 'en de vrije plaatsen' : 'en het aantal tekorten'} per schooljaar, ${what}. De tabel hieronder geeft dezelfde cijfers.`} />
      <table className="utrecht-table">
        <caption>Verloop per schooljaar: {what}</caption>
        <thead className="utrecht-table__header">
          <tr className="utrecht-table__row">
            <th scope="col" className="utrecht-table__header-cell">Schooljaar</th>
            <th scope="col" className="utrecht-table__header-cell">Vraag</th>
            <th scope="col" className="utrecht-table__header-cell">{d.need ? 'Vrije plaatsen' : 'Cellen met tekort'}</th>
          </tr>
        </thead>
        <tbody className="utrecht-table__body">
          {d.years.map((y) => (
            <tr key={y.schoolYear} className="utrecht-table__row">
              <th scope="row" className="utrecht-table__header-cell">{y.schoolYear}</th>
              <td className="utrecht-table__cell">{y.demand}</td>
              <td className="utrecht-table__cell">{y.freePlaces ?? y.gaps}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Paragraph className="lr-muted">{cell ? 'Kies een andere cel in de tabel om het verloop daarvan te zien.' : 'Kies een cel in de tabel om het verloop van dat niveau en die behoefte te zien.'}</Paragraph>
    </section>
  );
}

/**
 * The dekkend aanbod for the partnership's director and consultants: where
 * demand exceeds what the schools offer, per level and need, with the table
 * behind the chart, the cases behind a cell, the trend and the report.
 */
export function CoveragePage() {
  const [params, setParams] = useSearchParams();
  const schoolYear = params.get('schooljaar') ?? '';
  const area = params.get('gebied') ?? '';
  const [picked, setPicked] = useState<Cell | null>(null);
  const map = useQuery({
    queryKey: ['coverage', schoolYear, area],
    queryFn: () => api.get<Map>('support-offer/coverage', { schoolYear: schoolYear || undefined, area: area || undefined }),
  });
  const setParam = (k: string, v: string) => {
    setPicked(null);
    setParams((p) => (v ? p.set(k, v) : p.delete(k), p), { replace: true });
  };
  if (map.isPending) return <Loading what="Dekkend aanbod" />;
  if (map.isError) {
    return (
      <>
        <PageTitle title="Dekkend aanbod" />
        <QueryError error={map.error} />
      </>
    );
  }
  const m = map.data;
  const gaps = m.cells.filter((c) => c.gap);
  return (
    <>
      <PageTitle title="Dekkend aanbod">
        <a className="utrecht-link" href={withQuery('/api/support-offer/coverage/report.pdf', { schoolYear: m.schoolYear, area: area || undefined })}>
          Rapport (PDF)
        </a>
      </PageTitle>
      <Paragraph>
        Heeft elke leerling in de regio een passende plek? Per niveau en ondersteuningsbehoefte: hoeveel leerlingen extra ondersteuning nodig hebben, tegenover de vrije
        plaatsen bij scholen die dat volgens hun gepubliceerde profiel bieden. Aantallen onder de 5 staan er als “&lt; 5”.
      </Paragraph>
      <div className="lr-filters">
        <SelectField name="schooljaar" label="Schooljaar" value={m.schoolYear} onChange={(v) => setParam('schooljaar', v)} options={m.schoolYears.map((y) => ({ value: y, label: y }))} />
        <SelectField name="gebied" label="Gebied" value={area} onChange={(v) => setParam('gebied', v)} placeholder="Hele regio" options={m.areas.map((a) => ({ value: a.area, label: a.area }))} />
      </div>
      <Notice type={gaps.length ? 'warning' : 'info'}>
        {gaps.length === 0 ? 'Geen tekorten gevonden.' : `${gaps.length} ${gaps.length === 1 ? 'cel heeft' : 'cellen hebben'} een tekort (gemarkeerd met “!” en een dikke rand).`}
      </Notice>
      <HeatMap m={m} onPick={setPicked} />
      <CoverageTable m={m} onPick={setPicked} picked={picked} />
      {picked && <CellDetail key={`${picked.level}|${picked.needId}`} m={m} c={picked} area={area} />}
      <TrendChart area={area} cell={picked} />
      <section aria-labelledby="gebieden">
        <Heading2 id="gebieden">Vraag per gebied</Heading2>
        <ul>
          {m.areas.map((a) => (
            <li key={a.area}>
              {a.area}: {a.demand}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

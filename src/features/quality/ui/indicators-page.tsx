import { useQuery } from '@tanstack/react-query';
import { Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import type { z } from 'zod';
import { schoolYearOf } from '../../../platform/time.ts';
import { api } from '../../../web/api.ts';
import { SelectField } from '../../../web/forms.tsx';
import { TableWrap } from '../../../web/list-table.tsx';
import { PlotFigure, type PlotModule } from '../../../web/plot-figure.tsx';
import { Loading, PageTitle, QueryError } from '../../../web/ui.tsx';
import { indicatorInfo, indicatorKeys, type IndicatorKey, type IndicatorView } from '../indicator-schema.ts';
import './quality.css';

type View = z.infer<typeof IndicatorView>;
type Indicator = View['indicators'][number];

function yearOptions(): { value: string; label: string }[] {
  const now = Number(schoolYearOf(new Date()).slice(0, 4));
  return [now, now - 1, now - 2, now - 3].map((y) => ({ value: `${y}-${y + 1}`, label: `${y}-${y + 1}` }));
}

/** Per school a bar (withheld counts left out), and the partnership's median as a line. */
function IndicatorChart({ i }: { i: Indicator }) {
  const build = useCallback(
    (Plot: PlotModule) => {
      const data = i.schools.filter((s) => s.count !== null).map((s) => ({ school: s.name, count: s.count! }));
      return Plot.plot({
        marginLeft: 160,
        width: 640,
        height: Math.max(80, 28 * i.schools.length + 40),
        x: { label: indicatorInfo[i.key].label, grid: true },
        y: { label: null, domain: i.schools.map((s) => s.name) },
        marks: [Plot.barX(data, { x: 'count', y: 'school', fill: '#24578f' }), Plot.ruleX([i.median], { stroke: 'black', strokeDasharray: '4 3' }), Plot.ruleX([0])],
      });
    },
    [i],
  );
  return <PlotFigure className="lr-quality-chart" build={build} label={`Staafdiagram: ${indicatorInfo[i.key].label} per school, met de mediaan van het samenwerkingsverband (${i.median}) als stippellijn. De tabel hieronder geeft dezelfde cijfers.`} />;
}

/** The common indicators of a school year, computed from the records, each school beside the partnership's median. */
export function IndicatorsPage() {
  const [params, setParams] = useSearchParams();
  const chosen = params.get('schooljaar') ?? undefined;
  const key = (params.get('indicator') as IndicatorKey | null) ?? 'opps';
  const q = useQuery({ queryKey: ['quality-indicators', chosen ?? ''], queryFn: () => api.get<View>('quality/indicators', chosen ? { schoolYear: chosen } : undefined) });
  if (q.isPending) return <Loading what="Indicatoren" />;
  if (q.isError) return <QueryError error={q.error} />;
  const v = q.data;
  const i = v.indicators.find((x) => x.key === key) ?? v.indicators[0]!;
  return (
    <>
      <PageTitle title="Indicatoren" />
      <Paragraph>
        De gemeenschappelijke indicatoren die Leerrecht uit de eigen gegevens berekent, per school naast de mediaan van het samenwerkingsverband. Aantallen onder de 5 per school
        worden niet getoond (“minder dan 5”): kleine aantallen wijzen naar leerlingen.
        {v.scope === 'own' ? ' U ziet uw eigen school; andere scholen worden niet bij naam getoond.' : ''}
      </Paragraph>
      <div className="lr-filters">
        <SelectField name="schooljaar" label="Schooljaar" value={v.schoolYear} onChange={(y) => setParams((p) => (p.set('schooljaar', y), p), { replace: true })} options={yearOptions()} />
        <SelectField
          name="indicator"
          label="Indicator"
          value={i.key}
          onChange={(k) => setParams((p) => (p.set('indicator', k), p), { replace: true })}
          options={indicatorKeys.map((k) => ({ value: k, label: indicatorInfo[k].label }))}
        />
      </div>
      <Paragraph className="lr-muted">Bron: {indicatorInfo[i.key].source}. Totaal samenwerkingsverband: {i.total}; mediaan per school: {i.median.toLocaleString('nl-NL')}.</Paragraph>
      <IndicatorChart i={i} />
      <TableWrap label={`${indicatorInfo[i.key].label} per school, ${v.schoolYear}`}>
        <Table>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">School</TableHeaderCell>
              <TableHeaderCell scope="col">{indicatorInfo[i.key].label}</TableHeaderCell>
              <TableHeaderCell scope="col">Mediaan samenwerkingsverband</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {i.schools.map((s) => (
              <TableRow key={s.id}>
                <TableCell>{s.name}</TableCell>
                <TableCell>{s.count === null ? 'minder dan 5' : s.count}</TableCell>
                <TableCell>{i.median.toLocaleString('nl-NL')}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableWrap>
    </>
  );
}

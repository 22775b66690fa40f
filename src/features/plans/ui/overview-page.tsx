import { useQuery } from '@tanstack/react-query';
import { Heading, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useState, type CSSProperties } from 'react';
import type { z } from 'zod';
import { api } from '../../../web/api.ts';
import { SelectField, TextField } from '../../../web/forms.tsx';
import { ExportLinks, ListToolbar, SortHeader, TableWrap, useListParams, useListSort, type SortDir } from '../../../web/list-table.tsx';
import { useMay, useSchoolChoice } from '../../../web/session.tsx';
import { day, Link, Loading, Notice, PageTitle, Pager, QueryError } from '../../../web/ui.tsx';
import { schoolYearOf } from '../../../platform/time.ts';
import { overviewSortKeys, overviewStatuses, overviewStatusLabels, type OppNumbers, type OppOverview, type PartnershipNumbers, type SchoolNumbers } from '../overview-schema.ts';
import { oppKindLabels } from '../schema.ts';

type Overview = z.infer<typeof OppOverview>;
type Numbers = z.infer<typeof OppNumbers>;
type Status = (typeof overviewStatuses)[number];
type Sort = { key: (typeof overviewSortKeys)[number]; dir: SortDir; onSort: (k: (typeof overviewSortKeys)[number]) => void };

/** Badge colours with at least 4.5:1 contrast for the text (WCAG 1.4.3). */
const badgeStyle: Partial<Record<Status, CSSProperties>> = {
  overdue: { background: '#fde8e8', borderColor: '#b42318', color: '#8a1c12', fontWeight: 600 },
  evaluation_due: { background: '#fff4e0', borderColor: '#b54708', color: '#7a2e0e', fontWeight: 600 },
  disagreement: { background: '#fde8e8', borderColor: '#b42318', color: '#8a1c12' },
  agreed: { background: '#e7f6ec', borderColor: '#1b7a3e', color: '#14532d' },
};

function StatusBadge({ status, reason }: { status: Status; reason?: 'evaluation' | 'answer' | null }) {
  const text = status === 'overdue' && reason ? `${overviewStatusLabels.overdue}: ${reason === 'answer' ? 'geen reactie ouders' : 'evaluatie'}` : overviewStatusLabels[status];
  return (
    <span className="lr-badge" style={badgeStyle[status]}>
      {text}
    </span>
  );
}

const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`);

function NumbersTable({ rows, label }: { rows: { label: string; n: Numbers }[]; label: string }) {
  return (
    <TableWrap label={label}>
      <Table>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{rows.length > 1 ? 'School' : 'Periode'}</TableHeaderCell>
            <TableHeaderCell scope="col">OPP’s</TableHeaderCell>
            <TableHeaderCell scope="col">Volledig / light</TableHeaderCell>
            <TableHeaderCell scope="col">Nieuw</TableHeaderCell>
            <TableHeaderCell scope="col">Naar ouders</TableHeaderCell>
            <TableHeaderCell scope="col">Ingestemd</TableHeaderCell>
            <TableHeaderCell scope="col">Evaluaties op tijd</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map(({ label, n }) => (
            <TableRow key={label}>
              <TableHeaderCell scope="row">{label}</TableHeaderCell>
              <TableCell>{n.plans}</TableCell>
              <TableCell>
                {n.full} / {n.light}
              </TableCell>
              <TableCell>{n.created}</TableCell>
              <TableCell>{n.sent}</TableCell>
              <TableCell>
                {n.agreed} ({pct(n.shareAgreed)})
              </TableCell>
              <TableCell>
                {n.evaluationsOnTime} van {n.evaluationsDue} ({pct(n.shareOnTime)})
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableWrap>
  );
}

/** This school year: 1 August to 31 July (WVO art. 1). */
function currentSchoolYear() {
  const [start, end] = schoolYearOf(new Date()).split('-');
  return { from: `${start}-08-01`, to: `${end}-07-31` };
}

function NumbersBlock({ schoolId, director }: { schoolId: string; director: boolean }) {
  const [period, setPeriod] = useState(currentSchoolYear);
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(period.from) && /^\d{4}-\d{2}-\d{2}$/.test(period.to) && period.from <= period.to;
  const school = useQuery({
    queryKey: ['opp-numbers', schoolId, period],
    queryFn: () => api.get<z.infer<typeof SchoolNumbers>>(`schools/${schoolId}/opp-numbers`, period),
    enabled: !!schoolId && valid,
  });
  const partnership = useQuery({
    queryKey: ['opp-numbers', 'partnership', period],
    queryFn: () => api.get<z.infer<typeof PartnershipNumbers>>('opp-numbers', period),
    enabled: director && valid,
  });
  return (
    <section aria-labelledby="opp-cijfers">
      <Heading level={2} id="opp-cijfers">
        Cijfers
      </Heading>
      <div className="lr-filters">
        <TextField name="van" label="Van" type="date" value={period.from} onChange={(v) => setPeriod((p) => ({ ...p, from: v }))} />
        <TextField name="tot" label="Tot en met" type="date" value={period.to} onChange={(v) => setPeriod((p) => ({ ...p, to: v }))} error={valid ? undefined : 'Kies een begindatum voor de einddatum.'} />
      </div>
      {schoolId && (
        <>
          {school.isPending && valid && <Loading what="Cijfers" />}
          {school.isError && <QueryError error={school.error} />}
          {school.isSuccess && <NumbersTable label="Cijfers van de school" rows={[{ label: `${day(school.data.from)} – ${day(school.data.to)}`, n: school.data.numbers }]} />}
        </>
      )}
      {director && (
        <>
          <Heading level={3}>Samenwerkingsverband</Heading>
          <Paragraph>Alleen aantallen per school; geen gegevens van leerlingen.</Paragraph>
          {partnership.isPending && valid && <Loading what="Cijfers" />}
          {partnership.isError && <QueryError error={partnership.error} />}
          {partnership.isSuccess && (
            <NumbersTable label="Cijfers per school" rows={[{ label: 'Totaal', n: partnership.data.total }, ...partnership.data.schools.map((s) => ({ label: s.school.name, n: s.numbers }))]} />
          )}
        </>
      )}
    </section>
  );
}

function PlansTable({ plans, sort }: { plans: Overview['plans']; sort: Sort }) {
  return (
    <TableWrap label="Plannen">
      <Table>
        <TableHeader>
          <TableRow>
            <SortHeader column="pupil" label="Leerling" sort={sort} />
            <SortHeader column="class" label="Klas" sort={sort} />
            <SortHeader column="kind" label="Soort" sort={sort} />
            <SortHeader column="status" label="Status" sort={sort} />
            <SortHeader column="nextEvaluation" label="Volgende evaluatie" sort={sort} />
            <SortHeader column="caseManager" label="Casemanager" sort={sort} />
            <TableHeaderCell scope="col">PDF</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {plans.map((p) => (
            <TableRow key={p.id}>
              <TableCell>{p.allowed.openPlan ? <Link to={`/opp/${p.id}`}>{p.pupil.name}</Link> : p.pupil.name}</TableCell>
              <TableCell>{p.className ?? '—'}</TableCell>
              <TableCell>{p.kind === 'light' ? 'OPP light' : 'OPP'}</TableCell>
              <TableCell>
                <StatusBadge status={p.status} reason={p.overdueReason} />
                {p.unsigned && p.status !== 'overdue' && <span className="lr-badge"> wacht op handtekening</span>}
              </TableCell>
              <TableCell>{day(p.nextEvaluationOn)}</TableCell>
              <TableCell>{p.caseManager?.name ?? '—'}</TableCell>
              <TableCell>
                <a className="utrecht-link" href={`/api/opps/${p.id}/pdf`} download aria-label={`PDF van het OPP van ${p.pupil.name} downloaden`}>
                  Download PDF
                </a>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableWrap>
  );
}

function MissingTable({ missing }: { missing: Overview['missing'] }) {
  return (
    <TableWrap label="Leerlingen zonder OPP">
      <Table>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">Leerling</TableHeaderCell>
            <TableHeaderCell scope="col">Klas</TableHeaderCell>
            <TableHeaderCell scope="col">Waarom een OPP</TableHeaderCell>
            <TableHeaderCell scope="col">Sinds</TableHeaderCell>
            <TableHeaderCell scope="col">Uiterlijk</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {missing.map((m) => (
            <TableRow key={m.pupil.id}>
              <TableCell>{m.allowed.openPupil ? <Link to={`/leerlingen/${m.pupil.id}`}>{m.pupil.name}</Link> : m.pupil.name}</TableCell>
              <TableCell>{m.className ?? '—'}</TableCell>
              <TableCell>{m.reason === 'special_school' ? 'Geplaatst op deze school (pro/vso/so/sbo)' : 'Extra ondersteuning'}</TableCell>
              <TableCell>{day(m.since)}</TableCell>
              <TableCell>
                {day(m.dueOn)} {m.overdue && <StatusBadge status="overdue" />}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableWrap>
  );
}

/** OPP-overzicht: every plan of the school with its status by the clocks, pupils still without a plan, and the numbers. */
export function OppOverviewPage() {
  const choice = useSchoolChoice('readPlansOverview');
  const status = choice.params.get('status') ?? '';
  const director = !!useMay().readPartnershipPlanNumbers;
  const sort = useListSort(overviewSortKeys, { key: 'pupil', dir: 'asc' });
  // A new search, filter or sort starts at the first page.
  const { set } = useListParams();
  const filters = { q: choice.params.get('zoek') ?? undefined, status: status || undefined, sort: sort.key, dir: sort.dir };
  const page = Number(choice.params.get('pagina') ?? '1') || 1;
  const overview = useQuery({
    queryKey: ['opp-overview', choice.schoolId, filters, page],
    queryFn: () => api.get<Overview>(`schools/${choice.schoolId}/opps`, { ...filters, page }),
    enabled: !!choice.schoolId,
  });
  return (
    <>
      <PageTitle title="OPP-overzicht" />
      <Paragraph>
        Alle ontwikkelingsperspectiefplannen van de school. Een OPP wordt minstens één keer per jaar geëvalueerd; op een pro-, vso-, so- of sbo-school heeft elke leerling binnen zes weken na plaatsing een OPP.
      </Paragraph>
      {choice.schools.length > 1 && (
        <div className="lr-filters">
          <SelectField name="school" label="School" value={choice.schoolId} onChange={(v) => choice.set('school', v)} options={choice.schools.map((s) => ({ value: s.id, label: s.name }))} />
        </div>
      )}
      {!choice.schoolId && !director && <Notice type="info">Dit overzicht is voor de OCO, het ondersteuningsteam en de schoolleiding. Een OPP opent u vanaf de pagina van de leerling.</Notice>}
      {choice.schoolId && (
        <section aria-labelledby="opp-plannen">
          <Heading level={2} id="opp-plannen">
            Plannen
          </Heading>
          <ListToolbar label="Plannen zoeken en filteren" search={{ label: 'Zoek op leerling', value: filters.q ?? '', onSearch: (v) => set({ zoek: v }) }}>
            <SelectField
              name="status"
              label="Status"
              value={status}
              onChange={(v) => set({ status: v })}
              options={[{ value: '', label: 'Alle lopende plannen' }, ...overviewStatuses.map((s) => ({ value: s, label: overviewStatusLabels[s] }))]}
            />
          </ListToolbar>
          {overview.isPending && <Loading what="Plannen" />}
          {overview.isError && <QueryError error={overview.error} />}
          {overview.isSuccess && (
            <>
              {!status && (overview.data.counts.overdue > 0 || overview.data.counts.evaluation_due > 0) && (
                <Notice type="warning">
                  {overview.data.counts.overdue} te laat, {overview.data.counts.evaluation_due} met een evaluatie in de komende zes weken, {overview.data.unsignedCount} nog niet ondertekend.
                </Notice>
              )}
              {overview.data.plans.length === 0 ? <Paragraph>Geen plannen in deze selectie.</Paragraph> : <PlansTable plans={overview.data.plans} sort={sort} />}
              <Pager page={overview.data.page} total={overview.data.total} pageSize={overview.data.pageSize} onPage={(n) => set({ pagina: String(n) })} />
              {overview.data.missing.length > 0 && (
                <>
                  <Heading level={3}>Leerlingen zonder OPP</Heading>
                  <Paragraph>Deze leerlingen hebben een OPP nodig en hebben er (nog) geen.</Paragraph>
                  <MissingTable missing={overview.data.missing} />
                </>
              )}
              <Paragraph>
                Soorten: {oppKindLabels.full}; {oppKindLabels.light}.
              </Paragraph>
              {(overview.data.total > 0 || overview.data.missing.length > 0) && (
                <ExportLinks path={`schools/${choice.schoolId}/opps/export`} query={filters} what="het OPP-overzicht" />
              )}
            </>
          )}
        </section>
      )}
      {(choice.schoolId || director) && <NumbersBlock schoolId={choice.schoolId} director={director} />}
    </>
  );
}

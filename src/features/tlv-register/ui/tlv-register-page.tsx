import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Heading, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useState } from 'react';
import type { z } from 'zod';
import { schoolYearOf } from '../../../platform/time.ts';
import { api, withQuery } from '../../../web/api.ts';
import { CheckboxField, SelectField, TextField } from '../../../web/forms.tsx';
import { ExportLinks, ListToolbar, SortHeader, TableWrap, useListParams, useListSort } from '../../../web/list-table.tsx';
import { useMay } from '../../../web/session.tsx';
import { day, InlineError, Link, Loading, Notice, PageTitle, Pager, QueryError } from '../../../web/ui.tsx';
import { errorText, useFlash } from '../../../web/actions.tsx';
import { fundingCategoryLabels, tlvSchoolKindLabels, tlvSchoolKinds } from '../../requests/schema.ts';
import { tlvSortKeys, tlvSortLabels, type TlvPage } from '../schema.ts';

type Page = z.infer<typeof TlvPage>;
type Row = Page['rows'][number];

/** The last eight school years and the next one, newest first: '2026-2027'. */
function schoolYears(): string[] {
  const start = Number(schoolYearOf(new Date()).slice(0, 4)) + 1;
  return Array.from({ length: 9 }, (_, i) => `${start - i}-${start - i + 1}`);
}

function useAllSchools() {
  return useQuery({
    queryKey: ['schools', 'all'],
    queryFn: () => api.get<{ schools: { id: string; name: string }[] }>('schools'),
    staleTime: 5 * 60_000,
  });
}

function EndBadge({ row }: { row: Row }) {
  if (row.endsSoon) return <span className="lr-badge lr-req-open">loopt binnen 6 maanden af</span>;
  if (row.ended) return <span className="lr-badge lr-req-status--withdrawn">afgelopen</span>;
  return null;
}

/** The pupil's name links to where the reader may go: the pupil's page, else the request that granted the TLV. */
function PupilName({ row }: { row: Row }) {
  if (row.allowed.openPupil) return <Link to={`/leerlingen/${row.pupil.id}`}>{row.pupil.name}</Link>;
  if (row.allowed.openRequest) return <Link to={`/aanvragen/${row.requestId}`}>{row.pupil.name}</Link>;
  return <>{row.pupil.name}</>;
}

/** The DUO export: the BSN leaves Leerrecht only here, so it names who may download it and why. */
function DuoExport({ registrationNumber }: { registrationNumber: string }) {
  const [period, setPeriod] = useState({ from: '', to: '' });
  const valid = !period.from || !period.to || period.from <= period.to;
  const href = withQuery('/api/tlvs/duo-export.csv', period);
  return (
    <section aria-labelledby="duo-export">
      <Heading level={2} id="duo-export">
        Export voor DUO
      </Heading>
      <Paragraph>
        Een CSV-bestand met wat DUO nodig heeft: registratienummer {registrationNumber || '(onbekend)'}, TLV-nummer, burgerservicenummer, geboortedatum, begin- en
        einddatum, soort onderwijs, bekostigingscategorie en cluster. Het bestand bevat burgerservicenummers: bewaar het niet langer dan nodig. Elke download wordt per
        leerling vastgelegd in de auditlog.
      </Paragraph>
      <div className="lr-filters">
        <TextField name="duo-van" label="Begindatum TLV vanaf" type="date" value={period.from} onChange={(v) => setPeriod((p) => ({ ...p, from: v }))} />
        <TextField
          name="duo-tot"
          label="Begindatum TLV tot en met"
          type="date"
          value={period.to}
          onChange={(v) => setPeriod((p) => ({ ...p, to: v }))}
          error={valid ? undefined : 'Kies een einddatum na de begindatum.'}
        />
      </div>
      {valid && (
        <Paragraph>
          <a className="utrecht-button utrecht-button--secondary-action lr-button-link" href={href} download>
            Download export voor DUO (CSV)
          </a>
        </Paragraph>
      )}
    </section>
  );
}

/**
 * TLV-register: every toelaatbaarheidsverklaring of the partnership, with
 * filters, sorting, the "ends within 6 months" flag, the DUO export and
 * extension requests (consultants).
 */
export function TlvRegisterPage() {
  const allowedHere = !!useMay().readRegister;
  const { params, set } = useListParams();
  const sort = useListSort(tlvSortKeys, { key: 'number', dir: 'desc' });
  const filters = {
    q: params.get('zoek') ?? undefined,
    schoolId: params.get('school') ?? undefined,
    schoolKind: params.get('soort') ?? undefined,
    category: params.get('categorie') ?? undefined,
    schoolYear: params.get('schooljaar') ?? undefined,
    endsSoon: params.get('loopt-af') === '1' ? 'true' : undefined,
    sort: sort.key,
    dir: sort.dir,
  };
  const query = { ...filters, page: Number(params.get('pagina') ?? '1') || 1 };
  const schools = useAllSchools();
  const register = useQuery({ queryKey: ['tlvs', query], queryFn: () => api.get<Page>('tlvs', query), enabled: allowedHere });
  const client = useQueryClient();
  const { flash, notice } = useFlash({ testId: 'aanvraag-melding' });
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function extend(row: Row) {
    setBusy(row.id);
    setError(null);
    try {
      await api.post<{ id: string }>(`tlvs/${row.id}/extension`);
      await client.invalidateQueries({ queryKey: ['tlvs'] });
      flash(`Verlenging van TLV nr. ${row.number} aangemaakt als concept-aanvraag voor de school van ${row.pupil.name}. De school vult de aanvraag aan en dient hem in.`);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(null);
    }
  }

  if (!allowedHere) {
    return (
      <>
        <PageTitle title="TLV-register" />
        <Notice type="info">Het TLV-register is voor de directeur, de consulenten en de beheerder van het samenwerkingsverband.</Notice>
      </>
    );
  }
  const data = register.data;
  return (
    <>
      <PageTitle title="TLV-register" />
      <Paragraph>
        Alle toelaatbaarheidsverklaringen (TLV’s) van het samenwerkingsverband. Een TLV loopt minstens tot het einde van het schooljaar waarin hij ingaat. Vraag op tijd
        een verlenging aan voor een TLV die binnen zes maanden afloopt. Elke leerling die u hier ziet, wordt vastgelegd in de auditlog.
      </Paragraph>
      {notice}
      <InlineError message={error} />
      <ListToolbar label="TLV-register zoeken en filteren" search={{ label: 'Zoek op leerling of TLV-nummer', value: filters.q ?? '', onSearch: (v) => set({ zoek: v }) }}>
        <SelectField
          name="school"
          label="Aanvragende school"
          value={query.schoolId ?? ''}
          onChange={(v) => set({ school: v })}
          options={[{ value: '', label: 'Alle scholen' }, ...(schools.data?.schools ?? []).map((s) => ({ value: s.id, label: s.name }))]}
        />
        <SelectField
          name="soort"
          label="Soort onderwijs"
          value={query.schoolKind ?? ''}
          onChange={(v) => set({ soort: v })}
          options={[{ value: '', label: 'Alle soorten' }, ...tlvSchoolKinds.map((k) => ({ value: k, label: tlvSchoolKindLabels[k] }))]}
        />
        <SelectField
          name="categorie"
          label="Categorie"
          value={query.category ?? ''}
          onChange={(v) => set({ categorie: v })}
          options={[{ value: '', label: 'Alle categorieën' }, ...([1, 2, 3] as const).map((c) => ({ value: String(c), label: fundingCategoryLabels[c] }))]}
        />
        <SelectField
          name="schooljaar"
          label="Ingegaan in schooljaar"
          value={query.schoolYear ?? ''}
          onChange={(v) => set({ schooljaar: v })}
          options={[{ value: '', label: 'Alle schooljaren' }, ...schoolYears().map((y) => ({ value: y, label: y }))]}
        />
        <CheckboxField name="loopt-af" label="Alleen TLV’s die binnen 6 maanden aflopen" checked={query.endsSoon === 'true'} onChange={(v) => set({ 'loopt-af': v ? '1' : '' })} />
      </ListToolbar>
      {register.isPending && <Loading what="TLV’s" />}
      {register.isError && <QueryError error={register.error} />}
      {data && (
        <>
          <Paragraph aria-live="polite">
            {data.total === 1 ? '1 TLV gevonden' : `${data.total} TLV’s gevonden`} (peildatum {day(data.today)}).
          </Paragraph>
          {data.rows.length > 0 && (
            <TableWrap label="TLV’s">
              <Table>
                <TableHeader>
                  <TableRow>
                    {tlvSortKeys.map((k) => (
                      <SortHeader key={k} column={k} label={tlvSortLabels[k]} sort={sort} />
                    ))}
                    <TableHeaderCell scope="col">Cluster</TableHeaderCell>
                    <TableHeaderCell scope="col">Verlenging</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {data.rows.map((r) => (
                    <TableRow key={r.id}>
                      <TableHeaderCell scope="row">{r.number}</TableHeaderCell>
                      <TableCell>
                        <PupilName row={r} />
                      </TableCell>
                      <TableCell>{day(r.birthDate)}</TableCell>
                      <TableCell>{r.school.name}</TableCell>
                      <TableCell>{r.schoolKind}</TableCell>
                      <TableCell>{r.category ? fundingCategoryLabels[r.category as 1 | 2 | 3] : '—'}</TableCell>
                      <TableCell>{day(r.startsOn)}</TableCell>
                      <TableCell>
                        {day(r.endsOn)} <EndBadge row={r} />
                      </TableCell>
                      <TableCell>{r.cluster ?? '—'}</TableCell>
                      <TableCell>
                        {r.extensionRequested ? (
                          'Aangevraagd'
                        ) : r.extended ? (
                          'Verlengd'
                        ) : r.allowed.extend ? (
                          <button
                            type="button"
                            className="utrecht-button utrecht-button--secondary-action"
                            disabled={busy === r.id}
                            onClick={() => void extend(r)}
                            aria-label={`Verlenging aanvragen voor TLV nr. ${r.number} van ${r.pupil.name}`}
                          >
                            Verlenging aanvragen
                          </button>
                        ) : (
                          '—'
                        )}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableWrap>
          )}
          <Pager page={data.page} total={data.total} pageSize={data.pageSize} onPage={(n) => set({ pagina: String(n) })} />
          {data.total > 0 && <ExportLinks path="tlvs/export" query={filters} what="het TLV-register" />}
          {data.allowed.export && <DuoExport registrationNumber={data.duoRegistrationNumber} />}
        </>
      )}
    </>
  );
}

import { useQuery } from '@tanstack/react-query';
import { Paragraph, SecondaryActionButton, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import type { z } from 'zod';
import { isOverdue, schoolYearOf } from '../../../platform/time.ts';
import { useAction } from '../../../web/actions.tsx';
import { api } from '../../../web/api.ts';
import { CheckboxField, SelectField } from '../../../web/forms.tsx';
import { ButtonLinkTo, day, Link, Loading, Notice, PageTitle, QueryError } from '../../../web/ui.tsx';
import { profileStatusLabels, type ProfileList } from '../schema.ts';
import './support-offer.css';
import { TableWrap } from '../../../web/list-table.tsx';

type List = z.infer<typeof ProfileList>;

/** This school year and the two before it: enough to look back, and to start the coming year from August. */
function yearOptions(): { value: string; label: string }[] {
  const now = Number(schoolYearOf(new Date()).slice(0, 4));
  return [now, now - 1, now - 2].map((y) => ({ value: `${y}-${y + 1}`, label: `${y}-${y + 1}` }));
}

/**
 * The school support profiles: a school sees its own locations, the
 * partnership every location, with which have not published this school year.
 */
export function ProfilesPage() {
  const [params, setParams] = useSearchParams();
  const schoolYear = params.get('schooljaar') ?? schoolYearOf(new Date());
  const [onlyOpen, setOnlyOpen] = useState(params.get('open') === '1');
  const list = useQuery({ queryKey: ['support-profiles', schoolYear], queryFn: () => api.get<List>('support-offer/profiles', { schoolYear }) });
  const navigate = useNavigate();
  const start = useAction();

  if (list.isPending) return <Loading what="Ondersteuningsprofielen" />;
  if (list.isError) {
    return (
      <>
        <PageTitle title="Ondersteuningsprofielen" />
        <QueryError error={list.error} />
      </>
    );
  }
  const l = list.data;
  const open = l.rows.filter((r) => r.status === 'none' || r.status === 'draft');
  const rows = onlyOpen ? open : l.rows;
  const late = isOverdue(l.dueOn);
  return (
    <>
      <PageTitle title="Ondersteuningsprofielen">{l.allowed.manageSettings && <ButtonLinkTo to="/beheer/ondersteuningsprofielen">Behoeften en regels</ButtonLinkTo>}</PageTitle>
      <Paragraph>
        Per locatie één profiel per schooljaar: wat de school biedt bij elke ondersteuningsbehoefte, en hoeveel plaatsen er zijn. Het gepubliceerde profiel staat in de
        openbare schoolgids van het samenwerkingsverband.
      </Paragraph>
      <div className="lr-filters">
        <SelectField
          name="schooljaar"
          label="Schooljaar"
          value={schoolYear}
          onChange={(v) => setParams((p) => (p.set('schooljaar', v), p), { replace: true })}
          options={yearOptions()}
        />
        {l.allowed.overview && (
          <CheckboxField
            name="open"
            label="Alleen locaties die dit schooljaar nog niet publiceerden"
            checked={onlyOpen}
            onChange={(v) => {
              setOnlyOpen(v);
              setParams((p) => (v ? p.set('open', '1') : p.delete('open'), p), { replace: true });
            }}
          />
        )}
      </div>
      <Notice type={late && open.length ? 'warning' : 'info'}>
        {open.length === 0
          ? `Alle locaties hebben hun profiel voor ${l.schoolYear} gepubliceerd.`
          : `${open.length} van de ${l.rows.length} locaties ${open.length === 1 ? 'heeft' : 'hebben'} het profiel voor ${l.schoolYear} nog niet gepubliceerd. Uiterlijk ${day(l.dueOn)}${late ? ' (verstreken)' : ''}.`}
      </Notice>
      {start.error && <Notice type="error">{start.error}</Notice>}
      {rows.length === 0 ? (
        <Paragraph>Geen locaties om te tonen.</Paragraph>
      ) : (
        <TableWrap label="Ondersteuningsprofielen">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">School</TableHeaderCell>
                <TableHeaderCell scope="col">Locatie</TableHeaderCell>
                <TableHeaderCell scope="col">Stand {l.schoolYear}</TableHeaderCell>
                <TableHeaderCell scope="col">Laatst gepubliceerd</TableHeaderCell>
                <TableHeaderCell scope="col">
                  <span className="lr-visually-hidden">Acties</span>
                </TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((r) => (
                <TableRow key={r.locationId} data-testid={`profiel-${r.locationName}`}>
                  <TableCell>{r.school.name}</TableCell>
                  <TableCell>
                    {r.locationName}
                    {r.city ? `, ${r.city}` : ''}
                  </TableCell>
                  <TableCell>
                    <span className={`lr-badge lr-offer-status lr-offer-status--${r.status}`}>{profileStatusLabels[r.status]}</span>
                  </TableCell>
                  <TableCell>{r.publishedAt ? day(String(r.publishedAt)) : (r.lastPublishedYear ?? 'Nooit')}</TableCell>
                  <TableCell>
                    {r.profileId ? (
                      <Link to={`/profielen/${r.profileId}`}>
                        {r.allowed.start ? 'Bewerken' : 'Bekijken'}
                        <span className="lr-visually-hidden">
                          {' '}
                          {r.school.name} {r.locationName}
                        </span>
                      </Link>
                    ) : (
                      r.allowed.start && (
                        <SecondaryActionButton
                          type="button"
                          disabled={start.busy}
                          onClick={() => {
                            let id = '';
                            void start.run(
                              async () => {
                                id = (await api.post<{ id: string }>('support-offer/profiles', { locationId: r.locationId, schoolYear: l.schoolYear })).id;
                              },
                              () => navigate(`/profielen/${id}`),
                            );
                          }}
                        >
                          Profiel beginnen<span className="lr-visually-hidden"> voor {r.locationName}</span>
                        </SecondaryActionButton>
                      )
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableWrap>
      )}
    </>
  );
}


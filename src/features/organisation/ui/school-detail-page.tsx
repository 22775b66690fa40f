import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Heading2, Paragraph, SecondaryActionButton, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useLocation, useParams } from 'react-router';
import type { z } from 'zod';
import { api, ApiError } from '../../../web/api.ts';
import { TextField, useFields } from '../../../web/forms.tsx';
import { ButtonLinkTo, Link, Loading, Notice, PageTitle, QueryError } from '../../../web/ui.tsx';
import { LocationInput, schoolKindLabels, type ClassSummary, type Location, type School } from '../schema.ts';
import { Form, useForm } from '../../../web/use-form.tsx';
import { TableWrap } from '../../../web/list-table.tsx';
import { SchoolCalendarSection } from './school-calendar-section.tsx';

type SchoolData = z.infer<typeof School>;
type LocationData = z.infer<typeof Location>;
const locationLabels = { name: 'Naam', street: 'Straat en huisnummer', postcode: 'Postcode', city: 'Plaats' };

function LocationForm({ schoolId, location, onDone, onCancel }: { schoolId: string; location: LocationData | null; onDone: (m: string) => void; onCancel: () => void }) {
  const { values, set } = useFields({ name: location?.name ?? '', street: location?.street ?? '', postcode: location?.postcode ?? '', city: location?.city ?? '' });
  const form = useForm(
    LocationInput,
    (input: z.output<typeof LocationInput>) =>
      location ? api.put(`schools/${schoolId}/locations/${location.id}`, input) : api.post(`schools/${schoolId}/locations`, input), { onDone: () => onDone(location ? 'De locatie is opgeslagen.' : 'De locatie is toegevoegd.') });
  return (
    <section className="lr-card" aria-labelledby="locatie-form-titel">
      <Heading2 id="locatie-form-titel">{location ? `Locatie ${location.name} bewerken` : 'Nieuwe locatie'}</Heading2>
      <Form
        form={form}
        onSubmit={() => form.submit(values)}
        labels={locationLabels}
        submit={{ label: 'Opslaan' }}
        actions={
          <SecondaryActionButton type="button" onClick={onCancel}>
            Annuleren
          </SecondaryActionButton>
        }
      >
        <TextField name="name" label={locationLabels.name} value={values.name} onChange={set('name')} />
        <TextField name="street" label={locationLabels.street} autoComplete="street-address" value={values.street} onChange={set('street')} />
        <TextField name="postcode" label={locationLabels.postcode} autoComplete="postal-code" value={values.postcode} onChange={set('postcode')} />
        <TextField name="city" label={locationLabels.city} autoComplete="address-level2" value={values.city} onChange={set('city')} />
      </Form>
    </section>
  );
}

export function SchoolDetailPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const client = useQueryClient();
  const school = useQuery({ queryKey: ['school', id], queryFn: () => api.get<SchoolData>(`schools/${id}`) });
  const classes = useQuery({
    queryKey: ['school', id, 'classes'],
    queryFn: () => api.get<z.infer<typeof ClassSummary>[]>(`schools/${id}/classes`),
    // Only where the school's answer says the reader may see its classes: no refused call for another school's page.
    enabled: !!school.data?.allowed.readClasses,
    retry: false,
  });
  const [editing, setEditing] = useState<LocationData | 'new' | null>(null);
  const [message, setMessage] = useState<string | null>((location.state as { notice?: string } | null)?.notice ?? null);
  const [error, setError] = useState<string | null>(null);

  const refresh = (m: string) => {
    setEditing(null);
    setMessage(m);
    setError(null);
    void client.invalidateQueries({ queryKey: ['school', id] });
  };

  async function remove(loc: LocationData) {
    if (!window.confirm(`Locatie ${loc.name} verwijderen?`)) return;
    try {
      await api.delete(`schools/${id}/locations/${loc.id}`);
      refresh('De locatie is verwijderd.');
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Verwijderen is niet gelukt.');
    }
  }

  if (school.isPending) return <Loading what="School" />;
  if (school.isError) {
    return (
      <>
        <PageTitle title="School" />
        <QueryError error={school.error} />
      </>
    );
  }
  const s = school.data;
  return (
    <>
      <PageTitle title={s.name}>
        {s.allowed.update && <ButtonLinkTo to={`/scholen/${s.id}/bewerken`}>School bewerken</ButtonLinkTo>}
        {s.allowed.manageStaff && <ButtonLinkTo to={`/beheer/medewerkers?school=${s.id}`}>Medewerkers</ButtonLinkTo>}
        {s.allowed.importPupils && <ButtonLinkTo to={`/scholen/${s.id}/import`}>Leerlingen importeren</ButtonLinkTo>}
      </PageTitle>
      {message && <Notice>{message}</Notice>}
      {error && <Notice type="error">{error}</Notice>}
      <dl className="lr-dl">
        <dt>BRIN</dt>
        <dd>{s.brin}</dd>
        <dt>Soort</dt>
        <dd>
          {schoolKindLabels[s.kind]}
          {s.cluster ? `, cluster ${s.cluster}` : ''}
        </dd>
        <dt>Niveaus</dt>
        <dd>{s.levels.length ? s.levels.join(', ') : '—'}</dd>
        <dt>Bestuur</dt>
        <dd>{s.board.name}</dd>
        <dt>Status</dt>
        <dd>{s.active ? 'Actief' : 'Niet actief'}</dd>
      </dl>

      <div className="lr-page-title" style={{ marginBlockStart: '2rem' }}>
        <Heading2>Locaties</Heading2>
        {s.allowed.manageLocations && !editing && (
          <SecondaryActionButton type="button" onClick={() => setEditing('new')}>
            Locatie toevoegen
          </SecondaryActionButton>
        )}
      </div>
      {editing && (
        <LocationForm key={editing === 'new' ? 'new' : editing.id} schoolId={s.id} location={editing === 'new' ? null : editing} onDone={refresh} onCancel={() => setEditing(null)} />
      )}
      {s.locations.length === 0 ? (
        <Paragraph>Er zijn nog geen locaties.</Paragraph>
      ) : (
        <TableWrap label="Vestigingen">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">Naam</TableHeaderCell>
                <TableHeaderCell scope="col">Adres</TableHeaderCell>
                {s.allowed.manageLocations && (
                  <TableHeaderCell scope="col">
                    <span className="lr-visually-hidden">Acties</span>
                  </TableHeaderCell>
                )}
              </TableRow>
            </TableHeader>
            <TableBody>
              {s.locations.map((l) => (
                <TableRow key={l.id}>
                  <TableCell>{l.name}</TableCell>
                  <TableCell>{[l.street, [l.postcode, l.city].filter(Boolean).join(' ')].filter(Boolean).join(', ') || '—'}</TableCell>
                  {s.allowed.manageLocations && (
                    <TableCell>
                      <div className="utrecht-button-group">
                        <SecondaryActionButton type="button" onClick={() => setEditing(l)}>
                          Bewerken<span className="lr-visually-hidden"> {l.name}</span>
                        </SecondaryActionButton>
                        <SecondaryActionButton type="button" hint="danger" onClick={() => void remove(l)}>
                          Verwijderen<span className="lr-visually-hidden"> {l.name}</span>
                        </SecondaryActionButton>
                      </div>
                    </TableCell>
                  )}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableWrap>
      )}

      <SchoolCalendarSection schoolId={s.id} />

      {classes.isSuccess && (
        <>
          <Heading2 style={{ marginBlockStart: '2rem' }}>Klassen</Heading2>
          {classes.data.length === 0 ? (
            <Paragraph>Er zijn nog geen klassen.</Paragraph>
          ) : (
            <TableWrap label="Klassen">
              <Table>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">Klas</TableHeaderCell>
                    <TableHeaderCell scope="col">Schooljaar</TableHeaderCell>
                    <TableHeaderCell scope="col">Niveau</TableHeaderCell>
                    <TableHeaderCell scope="col">Leerlingen</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {classes.data.map((c) => (
                    <TableRow key={c.id}>
                      <TableCell>
                        <Link to={`/leerlingen?klas=${c.id}&school=${s.id}`}>{c.name}</Link>
                      </TableCell>
                      <TableCell>{c.schoolYear}</TableCell>
                      <TableCell>{c.level ?? '—'}</TableCell>
                      <TableCell>{c.pupilCount}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableWrap>
          )}
        </>
      )}
    </>
  );
}

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Heading2, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../../web/api.ts';
import { SelectField, TextField } from '../../../web/forms.tsx';
import { dateTime, Link, Loading, PageTitle, QueryError } from '../../../web/ui.tsx';
import { MeetingInput, type MeetingList } from '../schema.ts';
import { useSchoolChoice } from '../../../web/session.tsx';
import { localToIso, SchoolPicker, useSupportRoute } from './common.tsx';
import { Form, useForm } from '../../../web/use-form.tsx';
import { TableWrap } from '../../../web/list-table.tsx';

const statusLabels = { planned: 'Gepland', held: 'Gehouden', cancelled: 'Geannuleerd' } as const;

function PlanForm({ schoolId }: { schoolId: string }) {
  const route = useSupportRoute(schoolId);
  const [kindId, setKindId] = useState('');
  const [when, setWhen] = useState('');
  const [location, setLocation] = useState('');
  const navigate = useNavigate();
  const client = useQueryClient();
  const form = useForm(MeetingInput, (input) => api.post<{ id: string }>(`schools/${schoolId}/meetings`, input), { onDone: (r) => {
    void client.invalidateQueries({ queryKey: ['meetings', schoolId] });
    navigate(`/ondersteuning/overleggen/${r.id}`);
  } });
  if (!route.isSuccess) return null;
  const kind = route.data.kinds.find((k) => k.id === kindId);
  return (
    <Form
      form={form}
      onSubmit={() => form.submit({ kindId, startsAt: localToIso(when), location })}
      labels={{ kindId: 'Soort overleg', startsAt: 'Datum en tijd', location: 'Plaats' }}
      submit={{ label: 'Overleg plannen' }}
    >
      <SelectField
        name="kindId"
        label="Soort overleg"
        value={kindId}
        onChange={setKindId}
        placeholder="Kies…"
        options={route.data.kinds.filter((k) => k.active).map((k) => ({ value: k.id, label: k.name }))}
        description={kind ? `Ritme: ${kind.rhythm || 'niet vastgelegd'}. De standaard deelnemers worden uitgenodigd; mentoren zodra hun leerling op de agenda staat.` : undefined}
      />
      <TextField name="startsAt" label="Datum en tijd" type="datetime-local" value={when} onChange={setWhen} required />
      <TextField name="location" label="Plaats" value={location} onChange={setLocation} />
    </Form>
  );
}

/** Overleggen: the school's meetings, upcoming or past, and a form to plan one. */
export function MeetingsPage() {
  const choice = useSchoolChoice('listMeetings');
  const when = choice.params.get('wanneer') === 'voorbij' ? 'past' : 'upcoming';
  const [planning, setPlanning] = useState(false);
  const list = useQuery({
    queryKey: ['meetings', choice.schoolId, when],
    queryFn: () => api.get<MeetingList>(`schools/${choice.schoolId}/meetings`, { when }),
    enabled: !!choice.schoolId,
  });
  const setWhen = (v: string) => {
    const p = new URLSearchParams(choice.params);
    p.set('wanneer', v);
    choice.setParams(p, { replace: true });
  };
  return (
    <>
      <PageTitle title="Overleggen">
        {list.data?.allowed.plan && !planning && (
          <Button appearance="primary-action-button" onClick={() => setPlanning(true)}>
            Overleg plannen
          </Button>
        )}
      </PageTitle>
      <SchoolPicker {...choice} />
      {planning && (
        <section aria-labelledby="plannen">
          <Heading2 id="plannen">Overleg plannen</Heading2>
          <PlanForm schoolId={choice.schoolId} />
        </section>
      )}
      <div className="lr-filters">
        <SelectField
          name="wanneer"
          label="Toon"
          value={when === 'past' ? 'voorbij' : 'komend'}
          onChange={setWhen}
          options={[
            { value: 'komend', label: 'Komende overleggen' },
            { value: 'voorbij', label: 'Gehouden overleggen' },
          ]}
        />
      </div>
      {list.isPending && choice.schoolId && <Loading what="Overleggen" />}
      {list.isError && <QueryError error={list.error} />}
      {list.isSuccess &&
        (list.data.meetings.length === 0 ? (
          <Paragraph>Geen overleggen{when === 'upcoming' ? ' gepland' : ''}.</Paragraph>
        ) : (
          <TableWrap label="Overleggen">
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">Datum</TableHeaderCell>
                  <TableHeaderCell scope="col">Overleg</TableHeaderCell>
                  <TableHeaderCell scope="col">Leerlingen</TableHeaderCell>
                  <TableHeaderCell scope="col">Deelnemers</TableHeaderCell>
                  <TableHeaderCell scope="col">Status</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {list.data.meetings.map((m) => (
                  <TableRow key={m.id}>
                    <TableCell>
                      <Link to={`/ondersteuning/overleggen/${m.id}`}>{dateTime(m.startsAt)}</Link>
                    </TableCell>
                    <TableCell>
                      {m.kind.name}
                      {m.location ? <span className="lr-muted"> · {m.location}</span> : null}
                    </TableCell>
                    <TableCell>{m.pupilCount}</TableCell>
                    <TableCell>
                      {m.attendeeCount}
                      {m.attending ? ' (u bent uitgenodigd)' : ''}
                    </TableCell>
                    <TableCell>{statusLabels[m.status]}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableWrap>
        ))}
    </>
  );
}

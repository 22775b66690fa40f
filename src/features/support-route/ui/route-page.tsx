import { useQueryClient } from '@tanstack/react-query';
import { Button, Heading2, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useState } from 'react';
import { api } from '../../../web/api.ts';
import { CheckboxField, TextField } from '../../../web/forms.tsx';
import { Link, Loading, Notice, PageTitle, QueryError } from '../../../web/ui.tsx';
import { inviteRoleLabels, inviteRoles, MeetingKindInput, MeetingKindPatch, type MeetingKind } from '../schema.ts';
import { useSchoolChoice } from '../../../web/session.tsx';
import { SchoolPicker, useSupportRoute } from './common.tsx';
import { Form, useForm } from '../../../web/use-form.tsx';
import { TableWrap } from '../../../web/list-table.tsx';

const roleText = (roles: string[]) => roles.map((r) => inviteRoleLabels[r as keyof typeof inviteRoleLabels] ?? r).join(', ') || '—';

function KindForm({ kind, schoolId, onDone }: { kind: MeetingKind | null; schoolId: string; onDone: () => void }) {
  const [name, setName] = useState(kind?.name ?? '');
  const [rhythm, setRhythm] = useState(kind?.rhythm ?? '');
  const [roles, setRoles] = useState<string[]>(kind?.defaultRoles ?? []);
  const [active, setActive] = useState(kind?.active ?? true);
  const client = useQueryClient();
  const schema = kind ? MeetingKindPatch : MeetingKindInput;
  const form = useForm(
    schema,
    (input) => (kind ? api.patch(`meeting-kinds/${kind.id}`, input) : api.post(`schools/${schoolId}/meeting-kinds`, input)), { onDone: () => {
      void client.invalidateQueries({ queryKey: ['support-route', schoolId] });
      onDone();
    } });
  const prefix = kind ? `soort-${kind.id}` : 'nieuw';
  return (
    <Form
      form={form}
      onSubmit={() => form.submit(kind ? { name, rhythm, defaultRoles: roles, active } : { name, rhythm, defaultRoles: roles })}
      labels={{ name: 'Naam', rhythm: 'Ritme', defaultRoles: 'Wie' }}
      submit={{ label: kind ? 'Opslaan' : 'Overleg toevoegen' }}
      actions={
        <Button type="button" appearance="subtle-button" onClick={onDone}>
          Annuleren
        </Button>
      }
    >
      <TextField name="name" label="Naam van het overleg" value={name} onChange={setName} required />
      <TextField name="rhythm" label="Ritme" description="Bijvoorbeeld: wekelijks, of 3× per schooljaar." value={rhythm} onChange={setRhythm} />
      <fieldset className="lr-checkbox-group">
        <legend>Wie worden standaard uitgenodigd</legend>
        {inviteRoles.map((r) => (
          <CheckboxField
            key={r}
            name={`${prefix}-rol-${r}`}
            label={inviteRoleLabels[r]}
            checked={roles.includes(r)}
            onChange={(on) => setRoles((old) => (on ? [...old, r] : old.filter((x) => x !== r)))}
          />
        ))}
      </fieldset>
      {kind && <CheckboxField name={`${prefix}-actief`} label="In gebruik" checked={active} onChange={setActive} />}
    </Form>
  );
}

/** Ondersteuningsroute: the school's kinds of meeting, who attends and how often. */
export function SupportRoutePage() {
  const choice = useSchoolChoice('readSupportRoute');
  const route = useSupportRoute(choice.schoolId);
  const [editing, setEditing] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  return (
    <>
      <PageTitle title="Ondersteuningsroute" />
      <Paragraph>
        De route van klas naar leerling, intern ondersteuningsteam, SOT/SOT+ en het loket van het samenwerkingsverband. Per overleg: wie er standaard bij zijn en hoe vaak het
        plaatsvindt. Plan een overleg via <Link to={`/ondersteuning/overleggen?school=${choice.schoolId}`}>Overleggen</Link>.
      </Paragraph>
      <SchoolPicker {...choice} />
      {!choice.schoolId && <Notice type="info">U heeft geen rol op een school met een ondersteuningsroute.</Notice>}
      {saved && <Notice>De route is opgeslagen.</Notice>}
      {route.isPending && choice.schoolId && <Loading what="Route" />}
      {route.isError && <QueryError error={route.error} />}
      {route.isSuccess && (
        <>
          <TableWrap label="Overleggen in de ondersteuningsroute">
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">Overleg</TableHeaderCell>
                  <TableHeaderCell scope="col">Standaard aanwezig</TableHeaderCell>
                  <TableHeaderCell scope="col">Ritme</TableHeaderCell>
                  {route.data.allowed.configure && <TableHeaderCell scope="col">Wijzigen</TableHeaderCell>}
                </TableRow>
              </TableHeader>
              <TableBody>
                {route.data.kinds.map((k) => (
                  <TableRow key={k.id}>
                    <TableCell>
                      {k.name}
                      {!k.active && <span className="lr-muted"> (niet in gebruik)</span>}
                    </TableCell>
                    <TableCell>{roleText(k.defaultRoles)}</TableCell>
                    <TableCell>{k.rhythm || '—'}</TableCell>
                    {route.data.allowed.configure && (
                      <TableCell>
                        <Button appearance="secondary-action-button" onClick={() => setEditing(k.id)} aria-label={`${k.name} wijzigen`}>
                          Wijzigen
                        </Button>
                      </TableCell>
                    )}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableWrap>
          {editing && (
            <section aria-labelledby="route-bewerken">
              <Heading2 id="route-bewerken">{editing === 'nieuw' ? 'Overleg toevoegen' : 'Overleg wijzigen'}</Heading2>
              <KindForm
                key={editing}
                kind={route.data.kinds.find((k) => k.id === editing) ?? null}
                schoolId={choice.schoolId}
                onDone={() => {
                  setEditing(null);
                  setSaved(true);
                }}
              />
            </section>
          )}
          {route.data.allowed.configure && !editing && (
            <Button appearance="secondary-action-button" onClick={() => setEditing('nieuw')}>
              Ander overleg toevoegen
            </Button>
          )}
        </>
      )}
    </>
  );
}

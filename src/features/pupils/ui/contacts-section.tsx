import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Paragraph, SecondaryActionButton, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useState } from 'react';
import type { z } from 'zod';
import { api } from '../../../web/api.ts';
import { CheckboxField, SelectField, TextField } from '../../../web/forms.tsx';
import { Loading, QueryError } from '../../../web/ui.tsx';
import { Form, useForm } from '../../../web/use-form.tsx';
import { ContactsInput, MAX_CONTACTS, relationLabels, relations, type Contact } from '../contacts-schema.ts';
import { Section, useFlash, type PupilPageData } from './dossier-kit.tsx';

type Row = { id?: string; name: string; relation: string; parentalAuthority: boolean; email: string; phone: string };
const contactsKey = (pupilId: string) => ['pupil', pupilId, 'contacts'] as const;
const blank = (): Row => ({ name: '', relation: '', parentalAuthority: true, email: '', phone: '' });

/** Parents and carers: entered once (or from the import), picked by every send to parents. */
export function ContactsSection({ p }: { p: PupilPageData }) {
  const contacts = useQuery({ queryKey: contactsKey(p.id), queryFn: () => api.get<{ contacts: Contact[]; allowed: { manage: boolean } }>(`pupils/${p.id}/contacts`) });
  const [editing, setEditing] = useState(false);
  const { notice, flash } = useFlash();
  const data = contacts.data;
  return (
    <Section
      id="ouders"
      title="Ouders en verzorgers"
      actions={
        data?.allowed.manage && !editing ? (
          <SecondaryActionButton type="button" onClick={() => setEditing(true)}>
            Ouders wijzigen
          </SecondaryActionButton>
        ) : undefined
      }
    >
      {notice}
      {contacts.isPending ? (
        <Loading what="Contactgegevens" />
      ) : contacts.isError ? (
        <QueryError error={contacts.error} />
      ) : editing ? (
        <ContactsForm
          p={p}
          contacts={data!.contacts}
          onClose={(saved) => {
            setEditing(false);
            if (saved) flash('De contactgegevens zijn opgeslagen. Ze worden gebruikt als u het OPP of een vraag om toestemming verstuurt.');
          }}
        />
      ) : data!.contacts.length === 0 ? (
        <Paragraph className="lr-muted">Nog geen ouders of verzorgers vastgelegd. Bij het versturen van een OPP of een vraag om toestemming typt u ze dan zelf in.</Paragraph>
      ) : (
        <div className="lr-table-wrap" tabIndex={0} role="region" aria-label="Ouders en verzorgers">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">Naam</TableHeaderCell>
                <TableHeaderCell scope="col">Relatie</TableHeaderCell>
                <TableHeaderCell scope="col">Gezag</TableHeaderCell>
                <TableHeaderCell scope="col">E-mail</TableHeaderCell>
                <TableHeaderCell scope="col">Telefoon</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {data!.contacts.map((c) => (
                <TableRow key={c.id}>
                  <TableCell>
                    {c.name}
                    {c.source === 'import' && <span className="lr-muted"> (uit de import)</span>}
                  </TableCell>
                  <TableCell>{relationLabels[c.relation]}</TableCell>
                  <TableCell>{c.parentalAuthority ? 'Ja' : 'Nee'}</TableCell>
                  <TableCell>{c.email ? <a href={`mailto:${c.email}`}>{c.email}</a> : '—'}</TableCell>
                  <TableCell>{c.phone || '—'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </Section>
  );
}

function ContactsForm({ p, contacts, onClose }: { p: PupilPageData; contacts: Contact[]; onClose: (saved: boolean) => void }) {
  const client = useQueryClient();
  const [rows, setRows] = useState<Row[]>(() => (contacts.length ? contacts.map(({ id, name, relation, parentalAuthority, email, phone }) => ({ id, name, relation, parentalAuthority, email, phone })) : [blank()]));
  const form = useForm(ContactsInput, (input: z.output<typeof ContactsInput>) => api.put(`pupils/${p.id}/contacts`, input), {
    prefix: 'ouders',
    onDone: async () => {
      await client.invalidateQueries({ queryKey: contactsKey(p.id) });
      onClose(true);
    },
  });
  const setRow = (i: number, patch: Partial<Row>) => setRows((r) => r.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const labels: Record<string, string> = {};
  rows.forEach((_, i) => {
    labels[`ouders.contacts.${i}.name`] = `Persoon ${i + 1}: naam`;
    labels[`ouders.contacts.${i}.relation`] = `Persoon ${i + 1}: relatie`;
    labels[`ouders.contacts.${i}.email`] = `Persoon ${i + 1}: e-mailadres`;
    labels[`ouders.contacts.${i}.phone`] = `Persoon ${i + 1}: telefoon`;
  });
  return (
    <Form
      form={form}
      aria-label="Ouders en verzorgers wijzigen"
      labels={labels}
      intro={<Paragraph>Wie het ouderlijk gezag heeft, tekent het OPP en geeft toestemming. Een e-mailadres is nodig om iets per e-mail te versturen.</Paragraph>}
      onSubmit={() => form.submit({ contacts: rows.map((r) => ({ ...r, relation: r.relation || undefined })) })}
      submit={{ label: 'Opslaan' }}
      actions={
        <SecondaryActionButton type="button" onClick={() => onClose(false)}>
          Annuleren
        </SecondaryActionButton>
      }
    >
      {rows.map((r, i) => (
        <fieldset key={r.id ?? `nieuw-${i}`} className="lr-contact-row">
          <legend>Persoon {i + 1}</legend>
          <div className="lr-form-row">
            <TextField name={form.name(`contacts.${i}.name`)} label="Naam" autoComplete="off" value={r.name} onChange={(v) => setRow(i, { name: v })} />
            <SelectField
              name={form.name(`contacts.${i}.relation`)}
              label="Relatie"
              value={r.relation}
              onChange={(v) => setRow(i, { relation: v })}
              options={relations.map((x) => ({ value: x, label: relationLabels[x] }))}
              placeholder="Kies de relatie"
            />
          </div>
          <div className="lr-form-row">
            <TextField name={form.name(`contacts.${i}.email`)} label="E-mailadres" type="email" autoComplete="off" value={r.email} onChange={(v) => setRow(i, { email: v })} />
            <TextField name={form.name(`contacts.${i}.phone`)} label="Telefoon" type="tel" autoComplete="off" value={r.phone} onChange={(v) => setRow(i, { phone: v })} />
          </div>
          <CheckboxField name={form.name(`contacts.${i}.parentalAuthority`)} label="Heeft het ouderlijk gezag" checked={r.parentalAuthority} onChange={(v) => setRow(i, { parentalAuthority: v })} />
          <button type="button" className="utrecht-button utrecht-button--subtle" onClick={() => setRows((x) => x.filter((_, j) => j !== i))}>
            Persoon {i + 1} verwijderen
          </button>
        </fieldset>
      ))}
      {rows.length < MAX_CONTACTS && (
        <div>
          <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={() => setRows((x) => [...x, blank()])}>
            Nog een ouder of verzorger toevoegen
          </button>
        </div>
      )}
    </Form>
  );
}

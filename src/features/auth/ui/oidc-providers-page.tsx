import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Heading2, Paragraph, PrimaryActionButton, SecondaryActionButton, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useState } from 'react';
import type { z } from 'zod';
import { api } from '../../../web/api.ts';
import { CheckboxField, TextField, useFields } from '../../../web/forms.tsx';
import { Loading, Notice, PageTitle, QueryError } from '../../../web/ui.tsx';
import { oidcProviderInputs, type OidcProvider, type OidcProviderList } from '../oidc-schema.ts';
import { Form, useForm } from '../../../web/use-form.tsx';
import { TableWrap } from '../../../web/list-table.tsx';

type Provider = z.infer<typeof OidcProvider>;
// The browser cannot know NODE_ENV; the server refuses plain http in production.
const { Input, Patch } = oidcProviderInputs(true);
const labels = { label: 'Naam op de knop', issuer: 'Issuer', clientId: 'Client-id', clientSecret: 'Client-geheim' };

function ProviderForm({ provider, onDone, onCancel }: { provider: Provider | null; onDone: (message: string) => void; onCancel: () => void }) {
  const { values, set } = useFields({
    label: provider?.label ?? '',
    issuer: provider?.issuer ?? '',
    clientId: provider?.clientId ?? '',
    clientSecret: '',
  });
  const [enabled, setEnabled] = useState(provider?.enabled ?? true);
  const [trustIdpMfa, setTrustIdpMfa] = useState(provider?.trustIdpMfa ?? false);
  const create = useForm(Input, (input: z.output<typeof Input>) => api.post('oidc-providers', input), { onDone: () => onDone('De inlogmethode is toegevoegd.') });
  const update = useForm(Patch, (input: z.output<typeof Patch>) => api.patch(`oidc-providers/${provider?.id}`, input), { onDone: () => onDone('De inlogmethode is opgeslagen.') });
  const form = provider ? update : create;
  const title = provider ? `${provider.label} bewerken` : 'Nieuwe inlogmethode';
  return (
    <section aria-labelledby="oidc-form-titel" className="lr-card">
      <Heading2 id="oidc-form-titel">{title}</Heading2>
      <Form
        form={form}
        onSubmit={() => {
          const { clientSecret, ...rest } = values;
          return form.submit(provider ? { ...rest, enabled, trustIdpMfa, ...(clientSecret ? { clientSecret } : {}) } : { ...values, trustIdpMfa });
        }}
        labels={labels}
        submit={{ label: 'Opslaan' }}
        actions={
          <SecondaryActionButton type="button" onClick={onCancel}>
            Annuleren
          </SecondaryActionButton>
        }
      >
        <TextField name="label" label={labels.label} description="Bijvoorbeeld ‘Microsoft (schoolaccount)’." value={values.label} onChange={set('label')} />
        <TextField name="issuer" label={labels.issuer} description="Het adres van de aanbieder, bijvoorbeeld https://login.microsoftonline.com/…/v2.0." value={values.issuer} onChange={set('issuer')} spellCheck={false} />
        <TextField name="clientId" label={labels.clientId} value={values.clientId} onChange={set('clientId')} spellCheck={false} />
        <TextField
          name="clientSecret"
          label={labels.clientSecret}
          type="password"
          autoComplete="off"
          description={provider ? 'Laat leeg om het huidige geheim te houden.' : undefined}
          value={values.clientSecret}
          onChange={set('clientSecret')}
        />
        {provider && <CheckboxField name="enabled" label="Aan: medewerkers kunnen hiermee inloggen" checked={enabled} onChange={setEnabled} />}
        <CheckboxField
          name="trustIdpMfa"
          label="Vertrouw de tweestapsverificatie van deze inlogdienst (amr: mfa, otp, hwk…)"
          checked={trustIdpMfa}
          onChange={setTrustIdpMfa}
        />
      </Form>
    </section>
  );
}

export function OidcProvidersPage() {
  const client = useQueryClient();
  const list = useQuery({ queryKey: ['oidc-providers'], queryFn: () => api.get<z.infer<typeof OidcProviderList>>('oidc-providers') });
  const [editing, setEditing] = useState<Provider | 'new' | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const done = (m: string) => {
    setEditing(null);
    setMessage(m);
    void client.invalidateQueries({ queryKey: ['oidc-providers'] });
  };

  return (
    <>
      <PageTitle title="Inlogmethoden">
        {!editing && list.isSuccess && (
          <PrimaryActionButton type="button" onClick={() => setEditing('new')}>
            Nieuwe inlogmethode
          </PrimaryActionButton>
        )}
      </PageTitle>
      <Paragraph>
        Medewerkers kunnen inloggen met het account van hun school of bestuur (OpenID Connect), naast e-mailadres en wachtwoord.
      </Paragraph>
      {message && <Notice>{message}</Notice>}
      {list.isPending && <Loading what="Inlogmethoden" />}
      {list.isError && <QueryError error={list.error} />}
      {list.isSuccess && (
        <>
          <Paragraph>
            Redirect-URI om bij de aanbieder te registreren: <code className="lr-secret">{list.data.redirectUri}</code>
          </Paragraph>
          {editing && <ProviderForm key={editing === 'new' ? 'new' : editing.id} provider={editing === 'new' ? null : editing} onDone={done} onCancel={() => setEditing(null)} />}
          {list.data.providers.length === 0 ? (
            <Paragraph>Er zijn nog geen inlogmethoden ingesteld.</Paragraph>
          ) : (
            <TableWrap label="Inloggen via OpenID Connect">
              <Table>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">Naam</TableHeaderCell>
                    <TableHeaderCell scope="col">Issuer</TableHeaderCell>
                    <TableHeaderCell scope="col">Client-id</TableHeaderCell>
                    <TableHeaderCell scope="col">Status</TableHeaderCell>
                    <TableHeaderCell scope="col">
                      <span className="lr-visually-hidden">Acties</span>
                    </TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {list.data.providers.map((p) => (
                    <TableRow key={p.id}>
                      <TableCell>{p.label}</TableCell>
                      <TableCell>{p.issuer}</TableCell>
                      <TableCell>{p.clientId}</TableCell>
                      <TableCell>{p.enabled ? 'Aan' : 'Uit'}</TableCell>
                      <TableCell>
                        <SecondaryActionButton type="button" onClick={() => setEditing(p)}>
                          Bewerken<span className="lr-visually-hidden"> {p.label}</span>
                        </SecondaryActionButton>
                      </TableCell>
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

import { Paragraph, SecondaryActionButton } from '@utrecht/component-library-react';
import { useRef, useState } from 'react';
import { api } from '../../../web/api.ts';
import { fieldId, TextField, type FieldErrors } from '../../../web/forms.tsx';
import { Form, useForm } from '../../../web/use-form.tsx';
import { defaultRecipients } from '../../pupils/contacts-schema.ts';
import { SendInput } from '../schema.ts';
import { useRefresh } from './opp-action-kit.ts';
import { Modal, signerLabels, type OppPageData } from './opp-kit.tsx';

// ── Versturen naar ouders ────────────────────────────────────────────────────

interface Recipient {
  signer: 'parent' | 'pupil';
  name: string;
  email: string;
}

export function SendDialog({ page, open, onClose, onSent }: { page: OppPageData; open: boolean; onClose: () => void; onSent: () => void }) {
  return (
    <Modal id="versturen" title="Versturen naar ouders" open={open} onClose={onClose}>
      <SendForm page={page} onClose={onClose} onSent={onSent} />
    </Modal>
  );
}

function SendForm({ page, onClose, onSent }: { page: OppPageData; onClose: () => void; onSent: () => void }) {
  const refresh = useRefresh(page.id);
  const [rows, setRows] = useState<Recipient[]>(() => defaultRecipients(page.requiredSigners, page.parents));
  const form = useForm(
    SendInput,
    async (input) => {
      await api.post(`opps/${page.id}/send`, input);
      await refresh();
      onSent();
    },
    { prefix: 'versturen' },
  );
  const focusRow = useRef<number | null>(null);
  const setRow = (i: number, patch: Partial<Recipient>) => setRows((r) => r.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const required = new Set(page.requiredSigners);
  const labels: Record<string, string> = { 'versturen.recipients': 'Ontvangers' };
  rows.forEach((_, i) => {
    labels[`versturen.recipients.${i}.name`] = `Ontvanger ${i + 1}: naam`;
    labels[`versturen.recipients.${i}.email`] = `Ontvanger ${i + 1}: e-mailadres`;
  });

  async function submit() {
    const found: FieldErrors = {};
    rows.forEach((r, i) => {
      if (!r.name.trim()) found[`versturen.recipients.${i}.name`] = 'Vul de naam in.';
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(r.email.trim())) found[`versturen.recipients.${i}.email`] = 'Vul een geldig e-mailadres in.';
    });
    for (const s of required) if (!rows.some((r) => r.signer === s)) found['versturen.recipients'] = s === 'pupil' ? 'De leerling tekent zelf: voeg de leerling toe.' : 'Voeg een ouder of verzorger toe.';
    if (Object.keys(found).length) return form.fail(found);
    await form.submit({ recipients: rows.map((r) => ({ ...r, name: r.name.trim(), email: r.email.trim() })) });
  }

  return (
    <Form
      form={form}
      className="lr-form lr-opp-send"
      aria-label="Versturen naar ouders"
      labels={labels}
      onSubmit={submit}
      submit={{ label: 'Versturen' }}
      actions={
        <SecondaryActionButton type="button" onClick={onClose}>
          Annuleren
        </SecondaryActionButton>
      }
      intro={
        <>
          <Paragraph>
            Iedere ontvanger krijgt een eigen link per e-mail om het plan te lezen en te reageren. De link werkt 14 dagen. Na het versturen ligt deze versie vast.
          </Paragraph>
          <Paragraph className="lr-muted">
            Moet tekenen: {page.requiredSigners.map((s) => signerLabels[s]?.toLowerCase()).join(' en ')} (leerling is {page.pupil.age} jaar).
          </Paragraph>
        </>
      }
    >
      {form.errors['versturen.recipients'] && <p className="lr-opp-field-error" id={fieldId('versturen.recipients')} tabIndex={-1}>{form.errors['versturen.recipients']}</p>}
      {rows.map((r, i) => (
        <fieldset key={i} className="lr-opp-row">
          <legend className="lr-opp-legend">
            Ontvanger {i + 1}: {signerLabels[r.signer]}
          </legend>
          <div className="lr-opp-grid2">
            <TextField
              name={`versturen.recipients.${i}.name`}
              label="Naam"
              autoComplete="off"
              value={r.name}
              onChange={(v) => setRow(i, { name: v })}
            />
            <TextField
              name={`versturen.recipients.${i}.email`}
              label="E-mailadres"
              type="email"
              autoComplete="off"
              value={r.email}
              onChange={(v) => setRow(i, { email: v })}
            />
          </div>
          {!(required.has(r.signer) && rows.filter((x) => x.signer === r.signer).length === 1) && (
            <button type="button" className="utrecht-button utrecht-button--subtle lr-opp-remove" onClick={() => setRows((x) => x.filter((_, j) => j !== i))}>
              Ontvanger {i + 1} verwijderen
            </button>
          )}
        </fieldset>
      ))}
      {rows.length < 4 && page.requiredSigners.includes('parent') && (
        <div>
          <button
            type="button"
            className="utrecht-button utrecht-button--secondary-action"
            onClick={() => {
              focusRow.current = rows.length;
              setRows((x) => [...x, { signer: 'parent', name: '', email: '' }]);
              window.setTimeout(() => document.getElementById(fieldId(`versturen.recipients.${focusRow.current}.name`))?.focus(), 0);
            }}
          >
            Nog een ouder of verzorger toevoegen
          </button>
        </div>
      )}
    </Form>
  );
}

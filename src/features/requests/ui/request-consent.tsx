import { Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useState } from 'react';
import { Form, useForm } from '../../../web/use-form.tsx';
import { Disclosure, fieldId, SelectField, TextAreaField, TextField, type FieldErrors } from '../../../web/forms.tsx';
import { dateTime } from '../../../web/ui.tsx';
import { ageOn } from '../../../platform/time.ts';
import { defaultRecipients } from '../../pupils/contacts-schema.ts';
import { ConsentLinksInput, consentDecisionLabels, PaperConsentInput } from '../consent-schema.ts';
import { focusHeading, RadioGroup, ReqSection, signerLabels, unsentOf, useSendTo, type RequestData } from './request-kit.tsx';
import { TableWrap } from '../../../web/list-table.tsx';

type Signer = 'parent' | 'pupil';
interface Recipient {
  signer: Signer;
  name: string;
  email: string;
}
/** From 16 the pupil consents too (UAVG art. 5). */
const PUPIL_CONSENT_AGE = 16;

/**
 * Consent of parents (and the pupil from 16) to the request and to every
 * attached piece: by mail (each recipient gets a link) or on paper, recorded
 * by the school.
 */
export function ConsentSection({ r, onFlash }: { r: RequestData; onFlash: (m: string) => void }) {
  if (!r.pupil) return null;
  const pupilSigns = ageOn(r.pupil.birthDate) >= PUPIL_CONSENT_AGE;
  const labelOf = (attachmentId: string) => r.attachments.find((a) => a.id === attachmentId)?.label ?? 'verwijderd stuk';
  // While composing: everything attached; afterwards: what waits to be sent.
  const items = r.status === 'draft' ? r.attachments.filter((a) => !a.removed) : unsentOf(r);
  return (
    <ReqSection
      id="toestemming"
      title="Toestemming"
      intro={`Ouders${pupilSigns ? ' en de leerling (16 jaar of ouder)' : ''} geven toestemming voor de aanvraag en voor elk stuk uit het dossier dat u meestuurt.`}
    >
      {r.consents.length === 0 ? (
        <Paragraph className="lr-muted" data-testid="toestemming-leeg">
          Nog geen toestemming vastgelegd.
        </Paragraph>
      ) : (
        // Focusable: on a narrow screen the table scrolls sideways, also by keyboard.
        <TableWrap label="Vastgelegde toestemmingen">
          <Table data-testid="toestemmingen">
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">Wie</TableHeaderCell>
                <TableHeaderCell scope="col">Besluit</TableHeaderCell>
                <TableHeaderCell scope="col">Voor</TableHeaderCell>
                <TableHeaderCell scope="col">Hoe en wanneer</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {r.consents.map((c) => (
                <TableRow key={c.id}>
                  <TableCell>
                    {c.signerName} <span className="lr-muted">({signerLabels[c.signer].toLowerCase()})</span>
                  </TableCell>
                  <TableCell>
                    <span className={`lr-badge ${c.decision === 'given' ? 'lr-req-yes' : 'lr-req-no'}`}>{consentDecisionLabels[c.decision]}</span>
                    {c.comment && <div className="lr-small">{c.comment}</div>}
                  </TableCell>
                  <TableCell>{c.attachmentIds.length === 0 ? 'De aanvraag' : `De aanvraag en ${c.attachmentIds.map(labelOf).join(', ')}`}</TableCell>
                  <TableCell>
                    {c.method === 'online' ? 'Online' : 'Op papier'}, {dateTime(c.createdAt)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableWrap>
      )}
      {r.consentAsked.length > 0 && (
        <>
          <Paragraph>Per e-mail gevraagd:</Paragraph>
          <ul className="lr-req-list" data-testid="toestemming-gevraagd">
            {r.consentAsked.map((l) => (
              <li key={l.id}>
                {l.name} <span className="lr-muted">({signerLabels[l.signer].toLowerCase()}, {l.email})</span>, {dateTime(l.sentAt)}:{' '}
                {l.answered ? <span className="lr-badge lr-req-yes">heeft geantwoord</span> : <span className="lr-badge">wacht op antwoord</span>}
              </li>
            ))}
          </ul>
        </>
      )}
      {(r.can.edit || (r.can.supplement && items.length > 0)) && (
        <div className="lr-req-actions">
          {!r.can.edit && <Paragraph>Voor de stukken die u wilt nasturen:</Paragraph>}
          <MailConsent r={r} pupilSigns={pupilSigns} onFlash={onFlash} />
          <PaperConsent r={r} items={items} pupilSigns={pupilSigns} onFlash={onFlash} />
        </div>
      )}
    </ReqSection>
  );
}

function MailConsent({ r, pupilSigns, onFlash }: { r: RequestData; pupilSigns: boolean; onFlash: (m: string) => void }) {
  const sendTo = useSendTo(r.id);
  const [open, setOpen] = useState(false);
  // Asked before (the request itself, or an earlier supplement): the same people again, nothing typed twice.
  const [rows, setRows] = useState<Recipient[]>(() =>
    r.consentAsked.length
      ? [...new Map(r.consentAsked.map((l) => [`${l.signer}:${l.email}`, { signer: l.signer, name: l.name, email: l.email }])).values()]
      : defaultRecipients(pupilSigns ? ['parent', 'pupil'] : ['parent'], r.parents, r.pupil?.name ?? ''),
  );
  const form = useForm(ConsentLinksInput, sendTo('consent-links'), { prefix: 'mail' });
  const setRow = (i: number, patch: Partial<Recipient>) => setRows((x) => x.map((row, j) => (j === i ? { ...row, ...patch } : row)));
  const labels: Record<string, string> = { 'mail.recipients': 'Ontvangers' };
  rows.forEach((_, i) => {
    labels[`mail.recipients.${i}.name`] = `Ontvanger ${i + 1}: naam`;
    labels[`mail.recipients.${i}.email`] = `Ontvanger ${i + 1}: e-mailadres`;
  });

  async function send() {
    const found: FieldErrors = {};
    if (!rows.some((x) => x.signer === 'parent')) found['mail.recipients'] = 'Voeg een ouder of verzorger toe.';
    if (pupilSigns && !rows.some((x) => x.signer === 'pupil')) found['mail.recipients'] = 'De leerling is 16 of ouder en geeft zelf ook toestemming: voeg de leerling toe.';
    if (Object.keys(found).length) return form.fail(found);
    const ok = await form.submit({ recipients: rows });
    if (ok) {
      setOpen(false);
      onFlash(`De vraag om toestemming is gemaild naar ${rows.map((x) => x.name.trim()).join(' en ')}.`);
    }
  }

  return (
    <Disclosure id="toestemming-mail" label="Toestemming vragen per e-mail" open={open} onOpenChange={setOpen}>
      <Form
        form={form}
        aria-label="Toestemming vragen per e-mail"
        onSubmit={send}
        labels={labels}
        intro={
          <Paragraph>
            {r.status === 'draft'
              ? 'Iedere ontvanger krijgt een eigen link om de aanvraag en de stukken te lezen en toestemming te geven of te weigeren. Voeg eerst de stukken uit het dossier toe.'
              : 'Iedere ontvanger krijgt een eigen link om te lezen welke stukken u wilt nasturen en daarvoor toestemming te geven of te weigeren.'}
          </Paragraph>
        }
        submit={{ label: 'E-mails versturen' }}
      >
        {form.errors['mail.recipients'] && (
          <p className="lr-inline-error" id={fieldId('mail.recipients')} tabIndex={-1}>
            {form.errors['mail.recipients']}
          </p>
        )}
        {rows.map((row, i) => (
          <fieldset key={i} className="lr-req-row">
            <legend className="lr-req-legend">
              Ontvanger {i + 1}: {signerLabels[row.signer]}
            </legend>
            <div className="lr-req-grid2">
              <TextField name={`mail.recipients.${i}.name`} label="Naam" autoComplete="off" value={row.name} onChange={(v) => setRow(i, { name: v })} />
              <TextField
                name={`mail.recipients.${i}.email`}
                label="E-mailadres"
                type="email"
                autoComplete="off"
                value={row.email}
                onChange={(v) => setRow(i, { email: v })}
              />
            </div>
            {rows.length > 1 && (
              <button type="button" className="utrecht-button utrecht-button--subtle" onClick={() => setRows((x) => x.filter((_, j) => j !== i))}>
                Ontvanger {i + 1} verwijderen
              </button>
            )}
          </fieldset>
        ))}
        {rows.length < 4 && (
          <div>
            <button
              type="button"
              className="utrecht-button utrecht-button--secondary-action"
              onClick={() => {
                const next = rows.length;
                setRows((x) => [...x, { signer: 'parent', name: '', email: '' }]);
                window.setTimeout(() => document.getElementById(fieldId(`mail.recipients.${next}.name`))?.focus(), 0);
              }}
            >
              Nog een ouder of verzorger toevoegen
            </button>
          </div>
        )}
      </Form>
    </Disclosure>
  );
}

function PaperConsent({ r, items: attached, pupilSigns, onFlash }: { r: RequestData; items: RequestData['attachments']; pupilSigns: boolean; onFlash: (m: string) => void }) {
  const sendTo = useSendTo(r.id);
  const [open, setOpen] = useState(false);
  const [signer, setSigner] = useState<Signer>('parent');
  const [signerName, setSignerName] = useState('');
  const [decision, setDecision] = useState('');
  const [ids, setIds] = useState<string[] | null>(null);
  const [comment, setComment] = useState('');
  const form = useForm(PaperConsentInput, sendTo('consents'), { prefix: 'papier' });
  const chosen = ids ?? attached.map((a) => a.id);

  async function send() {
    const ok = await form.submit({ signer, signerName, decision: decision || undefined, attachmentIds: decision === 'refused' ? [] : chosen, comment });
    if (ok) {
      setOpen(false);
      setSignerName('');
      setDecision('');
      setComment('');
      setIds(null);
      onFlash('De toestemming op papier is vastgelegd.');
      focusHeading('toestemming-titel');
    }
  }

  return (
    <Disclosure id="toestemming-papier" label="Toestemming op papier vastleggen" open={open} onOpenChange={setOpen}>
      <Form form={form} aria-label="Toestemming op papier vastleggen" onSubmit={send} labels={{ 'papier.signerName': 'Naam', 'papier.decision': 'Besluit' }} submit={{ label: 'Toestemming vastleggen' }}>
        <SelectField
          name="papier.signer"
          label="Wie tekende?"
          value={signer}
          onChange={(v) => setSigner(v as Signer)}
          options={[
            { value: 'parent', label: signerLabels.parent },
            ...(pupilSigns ? [{ value: 'pupil', label: signerLabels.pupil }] : []),
          ]}
        />
        <TextField name="papier.signerName" label="Naam" autoComplete="off" value={signerName} onChange={setSignerName} />
        <RadioGroup
          name="papier.decision"
          legend="Besluit"
          value={decision}
          onChange={setDecision}
          inline
          options={[
            { value: 'given', label: consentDecisionLabels.given },
            { value: 'refused', label: consentDecisionLabels.refused },
          ]}
        />
        {attached.length > 0 && decision !== 'refused' && (
          <fieldset className="lr-req-group">
            <legend className="lr-req-legend">Voor welke stukken?</legend>
            <ul className="lr-req-checklist">
              {attached.map((a) => (
                <li key={a.id}>
                  <input
                    id={`papier-stuk-${a.id}`}
                    type="checkbox"
                    className="utrecht-checkbox utrecht-checkbox--html-input"
                    checked={chosen.includes(a.id)}
                    onChange={(e) => setIds(e.target.checked ? [...chosen, a.id] : chosen.filter((x) => x !== a.id))}
                  />
                  <label htmlFor={`papier-stuk-${a.id}`}>{a.label}</label>
                </li>
              ))}
            </ul>
          </fieldset>
        )}
        <TextAreaField name="papier.comment" label="Opmerking (niet verplicht)" rows={2} value={comment} onChange={setComment} />
      </Form>
    </Disclosure>
  );
}

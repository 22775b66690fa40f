import { useQueryClient } from '@tanstack/react-query';
import { ButtonGroup, Paragraph, PrimaryActionButton, SecondaryActionButton, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { api, ApiError } from '../../../web/api.ts';
import { ErrorSummary, fieldId, SelectField, TextField, type FieldErrors } from '../../../web/forms.tsx';
import { dateTime, day, Notice } from '../../../web/ui.tsx';
import { aspectLabels } from '../schema.ts';
import {
  Disclosure,
  goalResultLabels,
  measureDecisionLabels,
  Modal,
  oppKey,
  OppSection,
  outcomeLabels,
  RadioGroup,
  signerLabels,
  StatusBadge,
  TextAreaField,
  useAction,
  type OppPageData,
} from './opp-kit.tsx';

/** After a form under a button closes, focus goes to its section's heading instead of getting lost. */
const focusHeading = (id: string) => window.setTimeout(() => document.getElementById(id)?.focus(), 0);

const todayIso = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });

/** A form's own errors, summary and busy state; server field errors are mapped under the form's prefix. */
function useFormState(prefix: string) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [sending, setSending] = useState(false);
  const fail = (found: FieldErrors, message: string | null = null) => {
    setErrors(found);
    setFormError(message);
    setAttempt((n) => n + 1);
  };
  async function run(send: () => Promise<void>) {
    setSending(true);
    setErrors({});
    setFormError(null);
    try {
      await send();
    } catch (e) {
      if (e instanceof ApiError && e.fields.length) {
        const f: FieldErrors = {};
        for (const fe of e.fields) f[`${prefix}.${fe.path || '_'}`] ??= fe.message;
        fail(f, e.message);
      } else fail({}, e instanceof ApiError ? e.message : 'Dat is niet gelukt. Probeer het opnieuw.');
    } finally {
      setSending(false);
    }
  }
  return { errors, formError, attempt, sending, fail, run, setErrors };
}

function useRefresh(oppId: string) {
  const client = useQueryClient();
  return async () => {
    await client.invalidateQueries({ queryKey: oppKey(oppId) });
    void client.invalidateQueries({ queryKey: ['pupil'] });
  };
}

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
  const [rows, setRows] = useState<Recipient[]>(() => page.requiredSigners.map((signer) => ({ signer, name: '', email: '' })));
  const form = useFormState('versturen');
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
    await form.run(async () => {
      await api.post(`opps/${page.id}/send`, { recipients: rows.map((r) => ({ ...r, name: r.name.trim(), email: r.email.trim() })) });
      await refresh();
      onSent();
    });
  }

  return (
    <form
      className="lr-form lr-opp-send"
      noValidate
      aria-label="Versturen naar ouders"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Paragraph>
        Iedere ontvanger krijgt een eigen link per e-mail om het plan te lezen en te reageren. De link werkt 14 dagen. Na het versturen ligt deze versie vast.
      </Paragraph>
      <Paragraph className="lr-muted">
        Moet tekenen: {page.requiredSigners.map((s) => signerLabels[s]?.toLowerCase()).join(' en ')} (leerling is {page.pupil.age} jaar).
      </Paragraph>
      <ErrorSummary errors={form.errors} formError={form.formError} attempt={form.attempt} labels={labels} />
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
              error={form.errors[`versturen.recipients.${i}.name`]}
            />
            <TextField
              name={`versturen.recipients.${i}.email`}
              label="E-mailadres"
              type="email"
              autoComplete="off"
              value={r.email}
              onChange={(v) => setRow(i, { email: v })}
              error={form.errors[`versturen.recipients.${i}.email`]}
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
      <ButtonGroup>
        <PrimaryActionButton type="submit" disabled={form.sending} busy={form.sending}>
          Versturen
        </PrimaryActionButton>
        <SecondaryActionButton type="button" onClick={onClose}>
          Annuleren
        </SecondaryActionButton>
      </ButtonGroup>
    </form>
  );
}

// ── Reacties: handtekeningen, papier, niet ingestemd ─────────────────────────

export function ResponsesSection({ page, onFlash }: { page: OppPageData; onFlash: (m: string) => void }) {
  const [open, setOpen] = useState(false);
  const v = page.current;
  const revise = useAction();
  const navigate = useNavigate();
  const refresh = useRefresh(page.id);
  const disagreements = v.responses.filter((r) => r.decision === 'disagree');
  return (
    <OppSection id="reacties" title="Reacties en handtekeningen" intro={`Versie ${v.number}${v.sentAt ? `, verstuurd op ${dateTime(v.sentAt)}` : ', nog niet verstuurd'}.`}>
      {v.status === 'disagreed' && (
        <div className="lr-opp-disagreed" role="region" aria-labelledby="niet-ingestemd-titel">
          <h3 className="utrecht-heading-3" id="niet-ingestemd-titel">
            Niet ingestemd
          </h3>
          {disagreements.map((r, i) => (
            <blockquote key={i} className="lr-opp-quote">
              <p>{r.comment.trim() || 'Geen toelichting gegeven.'}</p>
              <footer>
                — {r.signerName} ({signerLabels[r.signer]?.toLowerCase()}), {dateTime(r.at)}
              </footer>
            </blockquote>
          ))}
          <p>Bespreek het plan opnieuw. Ouders (en de leerling) kunnen ook terecht bij:</p>
          <ul className="lr-opp-list">
            {page.disagreementRoutes.map((r) => (
              <li key={r.name}>
                <strong>{r.name}</strong>: {r.description}
              </li>
            ))}
          </ul>
        </div>
      )}
      {v.responses.length === 0 ? (
        <Paragraph className="lr-muted">{v.status === 'draft' ? 'Nog niet verstuurd.' : 'Nog geen reacties ontvangen.'}</Paragraph>
      ) : (
        <div className="lr-table-wrap">
          <Table>
            <caption className="lr-visually-hidden">Reacties op versie {v.number}</caption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">Wie</TableHeaderCell>
                <TableHeaderCell scope="col">Reactie</TableHeaderCell>
                <TableHeaderCell scope="col">Toelichting</TableHeaderCell>
                <TableHeaderCell scope="col">Hoe</TableHeaderCell>
                <TableHeaderCell scope="col">Wanneer</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {v.responses.map((r, i) => (
                <TableRow key={i}>
                  <TableCell>
                    {r.signerName} <span className="lr-muted">({signerLabels[r.signer]?.toLowerCase()})</span>
                  </TableCell>
                  <TableCell>
                    <span className={`lr-badge lr-opp-status lr-opp-status--${r.decision === 'agree' ? 'agreed' : 'disagreed'}`}>{r.decision === 'agree' ? 'Ingestemd' : 'Niet ingestemd'}</span>
                  </TableCell>
                  <TableCell>{r.comment || '—'}</TableCell>
                  <TableCell>{r.method === 'online' ? 'Online' : `Op papier${r.recordedBy ? `, vastgelegd door ${r.recordedBy.name}` : ''}`}</TableCell>
                  <TableCell>{dateTime(r.at)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      {page.allowed.recordResponse && (
        <Disclosure id="papier-formulier" label="Handtekening op papier vastleggen" open={open} onOpenChange={setOpen}>
          <PaperResponseForm
            page={page}
            onDone={(status) => {
              setOpen(false);
              focusHeading('reacties-titel');
              onFlash(status === 'agreed' ? 'De handtekening is vastgelegd. Het plan is ingestemd.' : status === 'disagreed' ? 'Vastgelegd: niet ingestemd.' : 'De handtekening is vastgelegd. Er ontbreekt nog een reactie.');
            }}
          />
        </Disclosure>
      )}
      {page.allowed.edit && v.status !== 'draft' && page.status !== 'closed' && (
        <div className="lr-opp-revise">
          {revise.error && <Notice type="error">{revise.error}</Notice>}
          <SecondaryActionButton
            type="button"
            disabled={revise.busy}
            busy={revise.busy}
            onClick={() =>
              void revise.run(
                () => api.post<{ number: number }>(`opps/${page.id}/revise`),
                async () => {
                  await refresh();
                  onFlash('Er is een nieuwe conceptversie gemaakt. U kunt het plan nu aanpassen.');
                  navigate(`/opp/${page.id}#plan`, { replace: true });
                },
              )
            }
          >
            Nieuwe versie maken
          </SecondaryActionButton>
          {v.status === 'with_parents' && <p className="lr-muted lr-small">De versie bij de ouders wordt dan vervangen; hun links vervallen.</p>}
        </div>
      )}
    </OppSection>
  );
}

function PaperResponseForm({ page, onDone }: { page: OppPageData; onDone: (status: string) => void }) {
  const refresh = useRefresh(page.id);
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  /** The scan already uploaded (kept when recording the response failed, so it is not uploaded twice). */
  const [uploaded, setUploaded] = useState<{ id: string; name: string } | null>(null);
  const [signer, setSigner] = useState<string>(page.requiredSigners[0] ?? 'parent');
  const [signerName, setSignerName] = useState('');
  const [decision, setDecision] = useState('');
  const [comment, setComment] = useState('');
  const form = useFormState('papier');
  const labels = { 'papier.file': 'Scan', 'papier.documentId': 'Scan', 'papier.signer': 'Wie tekent', 'papier.signerName': 'Naam', 'papier.decision': 'Reactie', 'papier.comment': 'Toelichting' };

  async function submit() {
    const found: FieldErrors = {};
    if (!uploaded && !file) found['papier.file'] = 'Voeg de scan van het ondertekende plan toe.';
    else if (file && file.size > 20 * 1024 * 1024) found['papier.file'] = 'Het bestand is groter dan 20 MB.';
    if (!signerName.trim()) found['papier.signerName'] = 'Vul de naam in.';
    if (!decision) found['papier.decision'] = 'Kies ingestemd of niet ingestemd.';
    if (Object.keys(found).length) return form.fail(found);
    await form.run(async () => {
      let doc = uploaded;
      if (!doc || (file && file.name !== doc.name)) {
        const body = new FormData();
        body.append('category', 'brief');
        body.append('file', file!);
        try {
          const res = await api.post<{ id: string }>(`pupils/${page.pupil.id}/documents`, body);
          doc = { id: res.id, name: file!.name };
          setUploaded(doc);
        } catch (e) {
          if (e instanceof ApiError) throw new ApiError(e.status, e.code, `De scan kon niet worden opgeslagen: ${e.message}`, e.fields.map((f) => ({ path: 'file', message: f.message })));
          throw e;
        }
      }
      const res = await api.post<{ status: string }>(`opps/${page.id}/responses`, { signer, signerName: signerName.trim(), decision, comment, documentId: doc.id });
      setFile(null);
      setUploaded(null);
      setSignerName('');
      setDecision('');
      setComment('');
      if (fileInput.current) fileInput.current.value = '';
      await refresh();
      onDone(res.status);
    });
  }

  const fid = fieldId('papier.file');
  const fileError = form.errors['papier.file'] ?? form.errors['papier.documentId'];
  return (
    <form
      className="lr-form lr-opp-panel"
      noValidate
      aria-label="Handtekening op papier vastleggen"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <ErrorSummary errors={form.errors} formError={form.formError} attempt={form.attempt} labels={labels} />
      <div className={fileError ? 'utrecht-form-field utrecht-form-field--invalid' : 'utrecht-form-field'}>
        <label className="utrecht-form-label" htmlFor={fid}>
          Scan van het ondertekende plan
        </label>
        <p className="utrecht-form-field-description" id={`${fid}-uitleg`}>
          PDF of foto, hoogstens 20 MB. De scan komt bij de documenten van de leerling (soort: brief).
          {uploaded && ` Al opgeslagen: ${uploaded.name}.`}
        </p>
        {fileError && (
          <p className="lr-opp-field-error" id={`${fid}-fout`}>
            {fileError}
          </p>
        )}
        <input
          ref={fileInput}
          id={fid}
          name="papier.file"
          type="file"
          className="lr-opp-file"
          accept=".pdf,.png,.jpg,.jpeg,.heic,.tif,.tiff"
          aria-describedby={[`${fid}-uitleg`, fileError ? `${fid}-fout` : ''].filter(Boolean).join(' ')}
          aria-invalid={fileError ? true : undefined}
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
      </div>
      <SelectField
        name="papier.signer"
        label="Wie heeft getekend?"
        value={signer}
        onChange={setSigner}
        options={(['parent', 'pupil'] as const).map((s) => ({ value: s, label: signerLabels[s]! }))}
        error={form.errors['papier.signer']}
      />
      <TextField name="papier.signerName" label="Naam van wie tekende" value={signerName} onChange={setSignerName} error={form.errors['papier.signerName']} autoComplete="off" />
      <RadioGroup
        name="papier.decision"
        legend="Reactie"
        value={decision}
        onChange={setDecision}
        options={[
          { value: 'agree', label: 'Ingestemd met het handelingsdeel' },
          { value: 'disagree', label: 'Niet ingestemd' },
        ]}
        error={form.errors['papier.decision']}
      />
      <TextAreaField name="papier.comment" label="Toelichting (optioneel)" description="Wat schreef of zei de ouder of leerling erbij?" rows={3} value={comment} onChange={setComment} error={form.errors['papier.comment']} />
      <ButtonGroup>
        <PrimaryActionButton type="submit" disabled={form.sending} busy={form.sending}>
          Handtekening vastleggen
        </PrimaryActionButton>
      </ButtonGroup>
    </form>
  );
}

// ── Gesprekken ────────────────────────────────────────────────────────────────

export function ConsultationsSection({ page, onFlash }: { page: OppPageData; onFlash: (m: string) => void }) {
  const [open, setOpen] = useState(false);
  return (
    <OppSection id="gesprekken" title="Gesprekken met ouders en leerling" intro="Op overeenstemming gericht overleg: leg vast wie er waren en wat is besproken.">
      {page.allowed.edit && (
        <Disclosure id="gesprek-formulier" label="Gesprek vastleggen" open={open} onOpenChange={setOpen}>
          <ConsultationForm
            page={page}
            onDone={() => {
              setOpen(false);
              focusHeading('gesprekken-titel');
              onFlash('Het gesprek is vastgelegd.');
            }}
          />
        </Disclosure>
      )}
      {page.consultations.length === 0 ? (
        <Paragraph className="lr-muted">Nog geen gesprekken vastgelegd.</Paragraph>
      ) : (
        <ul className="lr-opp-records">
          {page.consultations.map((c) => (
            <li key={c.id}>
              <h3 className="utrecht-heading-3">Gesprek op {day(c.heldOn)}</h3>
              <dl className="lr-opp-dl">
                <dt>Aanwezig</dt>
                <dd>{c.participants}</dd>
                <dt>Besproken</dt>
                <dd className="lr-opp-text">{c.notes}</dd>
                {c.pupilView && (
                  <>
                    <dt>Mening van de leerling</dt>
                    <dd className="lr-opp-text">{c.pupilView}</dd>
                  </>
                )}
              </dl>
              <p className="lr-muted lr-small">Vastgelegd door {c.recordedBy.name}</p>
            </li>
          ))}
        </ul>
      )}
    </OppSection>
  );
}

function ConsultationForm({ page, onDone }: { page: OppPageData; onDone: () => void }) {
  const refresh = useRefresh(page.id);
  const [v, setV] = useState({ heldOn: todayIso(), participants: '', notes: '', pupilView: '' });
  const set = (k: keyof typeof v) => (x: string) => setV((o) => ({ ...o, [k]: x }));
  const form = useFormState('gesprek');
  const labels = { 'gesprek.heldOn': 'Datum', 'gesprek.participants': 'Wie waren erbij', 'gesprek.notes': 'Wat is besproken', 'gesprek.pupilView': 'Mening van de leerling' };
  async function submit() {
    const found: FieldErrors = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v.heldOn)) found['gesprek.heldOn'] = 'Vul de datum in.';
    if (!v.participants.trim()) found['gesprek.participants'] = 'Wie waren erbij?';
    if (!v.notes.trim()) found['gesprek.notes'] = 'Wat is besproken?';
    if (Object.keys(found).length) return form.fail(found);
    await form.run(async () => {
      await api.post(`opps/${page.id}/consultations`, v);
      setV({ heldOn: todayIso(), participants: '', notes: '', pupilView: '' });
      await refresh();
      onDone();
    });
  }
  return (
    <form
      className="lr-form lr-opp-panel"
      noValidate
      aria-label="Gesprek vastleggen"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <ErrorSummary errors={form.errors} formError={form.formError} attempt={form.attempt} labels={labels} />
      <TextField name="gesprek.heldOn" label="Datum van het gesprek" type="date" value={v.heldOn} onChange={set('heldOn')} error={form.errors['gesprek.heldOn']} />
      <TextField name="gesprek.participants" label="Wie waren erbij?" description="Bijvoorbeeld: moeder, mentor, intern begeleider" value={v.participants} onChange={set('participants')} error={form.errors['gesprek.participants']} />
      <TextAreaField name="gesprek.notes" label="Wat is besproken?" rows={4} value={v.notes} onChange={set('notes')} error={form.errors['gesprek.notes']} />
      <TextAreaField name="gesprek.pupilView" label="Mening van de leerling (optioneel)" rows={3} value={v.pupilView} onChange={set('pupilView')} error={form.errors['gesprek.pupilView']} />
      <ButtonGroup>
        <PrimaryActionButton type="submit" disabled={form.sending} busy={form.sending}>
          Gesprek opslaan
        </PrimaryActionButton>
      </ButtonGroup>
    </form>
  );
}

// ── Evalueren ─────────────────────────────────────────────────────────────────

interface EvalGoal {
  goalId: string;
  result: string;
  observed: string;
}
interface EvalMeasure {
  measureId: string;
  decision: string;
  note: string;
}

export function EvaluationsSection({ page, onFlash }: { page: OppPageData; onFlash: (m: string) => void }) {
  const [open, setOpen] = useState(false);
  const goals = new Map(page.current.content.goals.map((g) => [g.id, g.what]));
  return (
    <OppSection id="evaluaties" title="Evaluaties" intro={page.nextEvaluationOn ? `Volgende evaluatie: ${day(page.nextEvaluationOn)}.` : undefined}>
      {page.allowed.evaluate && (
        <Disclosure id="evaluatie-formulier" label="Evalueren" open={open} onOpenChange={setOpen}>
          <EvaluationForm
            page={page}
            onDone={(r) => {
              setOpen(false);
              focusHeading(r.closed ? 'evaluaties-titel' : 'plan-titel');
              onFlash(r.closed ? 'De evaluatie is vastgelegd en het plan is afgesloten.' : `De evaluatie is vastgelegd. Versie ${r.number} is gemaakt als nieuw concept.`);
            }}
          />
        </Disclosure>
      )}
      {!page.allowed.evaluate && page.status !== 'closed' && page.evaluations.length === 0 && (
        <Paragraph className="lr-muted">Evalueren kan zodra de ouders op het plan hebben gereageerd.</Paragraph>
      )}
      {page.evaluations.length > 0 && (
        <ul className="lr-opp-records">
          {page.evaluations.map((e) => (
            <li key={e.id}>
              <h3 className="utrecht-heading-3">
                Evaluatie op {day(e.heldOn)} <span className="lr-muted lr-small">— {outcomeLabels[e.outcome] ?? e.outcome}</span>
              </h3>
              {(e.goalResults as { goalId: string; result: string; observed: string }[]).length > 0 && (
                <ul className="lr-opp-list">
                  {(e.goalResults as { goalId: string; result: string; observed: string }[]).map((g, i) => (
                    <li key={i}>
                      <strong>{goalResultLabels[g.result] ?? g.result}</strong>: {goals.get(g.goalId) ?? 'Doel uit een eerdere versie'}
                      {g.observed && <span className="lr-muted"> — {g.observed}</span>}
                    </li>
                  ))}
                </ul>
              )}
              {e.notes && <p className="lr-opp-text">{e.notes}</p>}
            </li>
          ))}
        </ul>
      )}
    </OppSection>
  );
}

function EvaluationForm({ page, onDone }: { page: OppPageData; onDone: (r: { number: number; closed: boolean }) => void }) {
  const refresh = useRefresh(page.id);
  const { goals, measures } = page.current.content;
  const [heldOn, setHeldOn] = useState(todayIso());
  const [goalResults, setGoalResults] = useState<EvalGoal[]>(() => goals.map((g) => ({ goalId: g.id, result: '', observed: '' })));
  const [measureResults, setMeasureResults] = useState<EvalMeasure[]>(() => measures.map((m) => ({ measureId: m.id, decision: '', note: '' })));
  const [outcome, setOutcome] = useState('');
  const [notes, setNotes] = useState('');
  const form = useFormState('evaluatie');
  const labels: Record<string, string> = { 'evaluatie.heldOn': 'Datum', 'evaluatie.outcome': 'Uitkomst', 'evaluatie.notes': 'Toelichting' };
  goals.forEach((_, i) => (labels[`evaluatie.goalResults.${i}.result`] = `Doel ${i + 1}`));
  measures.forEach((_, i) => (labels[`evaluatie.measureResults.${i}.decision`] = `Maatregel ${i + 1}`));

  async function submit() {
    const found: FieldErrors = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(heldOn)) found['evaluatie.heldOn'] = 'Vul de datum in.';
    goalResults.forEach((g, i) => g.result || (found[`evaluatie.goalResults.${i}.result`] = 'Kies of dit doel is behaald.'));
    measureResults.forEach((m, i) => m.decision || (found[`evaluatie.measureResults.${i}.decision`] = 'Kies: doorgaan, aanpassen of stoppen.'));
    if (!outcome) found['evaluatie.outcome'] = 'Kies: nieuwe versie of afsluiten.';
    if (Object.keys(found).length) return form.fail(found);
    await form.run(async () => {
      const r = await api.post<{ number: number; closed: boolean }>(`opps/${page.id}/evaluations`, { heldOn, goalResults, measureResults, outcome, notes });
      await refresh();
      onDone(r);
    });
  }

  return (
    <form
      className="lr-form lr-opp-panel lr-opp-eval"
      noValidate
      aria-label="Evalueren"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <ErrorSummary errors={form.errors} formError={form.formError} attempt={form.attempt} labels={labels} />
      <TextField name="evaluatie.heldOn" label="Datum van de evaluatie" type="date" value={heldOn} onChange={setHeldOn} error={form.errors['evaluatie.heldOn']} />
      {goals.length > 0 && <h3 className="utrecht-heading-3">Doelen</h3>}
      {goals.map((g, i) => (
        <fieldset key={g.id} className="lr-opp-row">
          <legend className="lr-opp-legend">
            Doel {i + 1}: {g.what}
          </legend>
          <p className="lr-muted lr-small">
            Hoe zien we het: {g.howWeSee} · uiterlijk {day(g.by)}
          </p>
          <RadioGroup
            name={`evaluatie.goalResults.${i}.result`}
            legend="Resultaat"
            inline
            value={goalResults[i]!.result}
            onChange={(v) => setGoalResults((x) => x.map((y, j) => (j === i ? { ...y, result: v } : y)))}
            options={Object.entries(goalResultLabels).map(([value, label]) => ({ value, label }))}
            error={form.errors[`evaluatie.goalResults.${i}.result`]}
          />
          <TextAreaField
            name={`evaluatie.goalResults.${i}.observed`}
            label="Wat zagen we?"
            rows={2}
            value={goalResults[i]!.observed}
            onChange={(v) => setGoalResults((x) => x.map((y, j) => (j === i ? { ...y, observed: v } : y)))}
          />
        </fieldset>
      ))}
      {measures.length > 0 && <h3 className="utrecht-heading-3">Maatregelen</h3>}
      {measures.map((m, i) => (
        <fieldset key={m.id} className="lr-opp-row">
          <legend className="lr-opp-legend">
            Maatregel {i + 1}: {m.description}
          </legend>
          <p className="lr-muted lr-small">
            {aspectLabels[m.aspect]} · {m.who} · {m.hoursPerWeek.toLocaleString('nl-NL')} uur per week
          </p>
          <RadioGroup
            name={`evaluatie.measureResults.${i}.decision`}
            legend="Besluit"
            inline
            value={measureResults[i]!.decision}
            onChange={(v) => setMeasureResults((x) => x.map((y, j) => (j === i ? { ...y, decision: v } : y)))}
            options={Object.entries(measureDecisionLabels).map(([value, label]) => ({ value, label }))}
            error={form.errors[`evaluatie.measureResults.${i}.decision`]}
          />
          <TextAreaField
            name={`evaluatie.measureResults.${i}.note`}
            label="Toelichting (optioneel)"
            rows={2}
            value={measureResults[i]!.note}
            onChange={(v) => setMeasureResults((x) => x.map((y, j) => (j === i ? { ...y, note: v } : y)))}
          />
        </fieldset>
      ))}
      <RadioGroup
        name="evaluatie.outcome"
        legend="Uitkomst van de evaluatie"
        value={outcome}
        onChange={setOutcome}
        options={Object.entries(outcomeLabels).map(([value, label]) => ({ value, label }))}
        error={form.errors['evaluatie.outcome']}
      />
      <TextAreaField name="evaluatie.notes" label="Toelichting (optioneel)" rows={3} value={notes} onChange={setNotes} error={form.errors['evaluatie.notes']} />
      <ButtonGroup>
        <PrimaryActionButton type="submit" disabled={form.sending} busy={form.sending}>
          Evaluatie opslaan
        </PrimaryActionButton>
      </ButtonGroup>
    </form>
  );
}

// ── Versies ───────────────────────────────────────────────────────────────────

export function VersionsSection({ page }: { page: OppPageData }) {
  const navigate = useNavigate();
  const numbers = page.versions.map((v) => v.number).sort((a, b) => a - b);
  const [a, setA] = useState(String(numbers.length > 1 ? numbers[numbers.length - 2] : (numbers[0] ?? 1)));
  const [b, setB] = useState(String(numbers[numbers.length - 1] ?? 1));
  const latest = numbers[numbers.length - 1] ?? 1;
  useEffect(() => {
    // A new version (after revising or evaluating): compare it with the one before.
    setA(String(Math.max(1, latest - 1)));
    setB(String(latest));
  }, [latest]);
  const options = numbers.map((n) => ({ value: String(n), label: `Versie ${n}` }));
  return (
    <OppSection id="versies" title="Versies">
      <div className="lr-table-wrap">
        <Table>
          <caption className="lr-visually-hidden">Versies van dit plan</caption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Versie</TableHeaderCell>
              <TableHeaderCell scope="col">Status</TableHeaderCell>
              <TableHeaderCell scope="col">Verstuurd</TableHeaderCell>
              <TableHeaderCell scope="col">Ingestemd</TableHeaderCell>
              <TableHeaderCell scope="col">Vergelijken</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {page.versions.map((v) => (
              <TableRow key={v.id}>
                <TableCell>
                  Versie {v.number}
                  {v.number === page.current.number && <span className="lr-muted"> (huidig)</span>}
                </TableCell>
                <TableCell>
                  <StatusBadge status={v.status} />
                </TableCell>
                <TableCell>{v.sentAt ? dateTime(v.sentAt) : '—'}</TableCell>
                <TableCell>{v.agreedAt ? dateTime(v.agreedAt) : '—'}</TableCell>
                <TableCell>
                  {v.number > 1 ? (
                    <a
                      className="utrecht-link"
                      href={`/opp/${page.id}/vergelijk?a=${v.number - 1}&b=${v.number}`}
                      onClick={(e) => {
                        e.preventDefault();
                        navigate(`/opp/${page.id}/vergelijk?a=${v.number - 1}&b=${v.number}`);
                      }}
                    >
                      Vergelijk met versie {v.number - 1}
                    </a>
                  ) : (
                    '—'
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      {numbers.length > 1 && (
        <form
          className="lr-opp-compare-form"
          aria-label="Twee versies vergelijken"
          onSubmit={(e) => {
            e.preventDefault();
            navigate(`/opp/${page.id}/vergelijk?a=${a}&b=${b}`);
          }}
        >
          <SelectField name="vergelijk.a" label="Versie links" value={a} onChange={setA} options={options} />
          <SelectField name="vergelijk.b" label="Versie rechts" value={b} onChange={setB} options={options} />
          <SecondaryActionButton type="submit">Naast elkaar vergelijken</SecondaryActionButton>
        </form>
      )}
    </OppSection>
  );
}


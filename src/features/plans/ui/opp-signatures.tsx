import { Paragraph, SecondaryActionButton, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, ApiError } from '../../../web/api.ts';
import { FileField, SelectField, TextField, type FieldErrors } from '../../../web/forms.tsx';
import { dateTime, Notice } from '../../../web/ui.tsx';
import { Form, useForm } from '../../../web/use-form.tsx';
import { PaperResponseInput } from '../schema.ts';
import { focusHeading, useRefresh } from './opp-action-kit.ts';
import { Disclosure, OppSection, RadioGroup, signerLabels, TextAreaField, useAction, type OppPageData } from './opp-kit.tsx';
import { TableWrap } from '../../../web/list-table.tsx';

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
        <TableWrap label="Reacties en handtekeningen">
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
        </TableWrap>
      )}
      {page.allowed.recordResponse && (
        <Disclosure id="papier-formulier" label="Handtekening op papier vastleggen" open={open} onOpenChange={setOpen} className="lr-opp-disclosure">
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
  const [file, setFile] = useState<File | null>(null);
  /** The scan already uploaded (kept when recording the response failed, so it is not uploaded twice). */
  const [uploaded, setUploaded] = useState<{ id: string; name: string } | null>(null);
  const [signer, setSigner] = useState<string>(page.requiredSigners[0] ?? 'parent');
  const [signerName, setSignerName] = useState('');
  const [decision, setDecision] = useState('');
  const [comment, setComment] = useState('');
  const form = useForm(
    PaperResponseInput.omit({ documentId: true }),
    async (input) => {
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
      const res = await api.post<{ status: string }>(`opps/${page.id}/responses`, { ...input, documentId: doc.id });
      setFile(null);
      setUploaded(null);
      setSignerName('');
      setDecision('');
      setComment('');
      await refresh();
      onDone(res.status);
    },
    { prefix: 'papier' },
  );
  const labels = { 'papier.file': 'Scan', 'papier.documentId': 'Scan', 'papier.signer': 'Wie tekent', 'papier.signerName': 'Naam', 'papier.decision': 'Reactie', 'papier.comment': 'Toelichting' };

  async function submit() {
    const found: FieldErrors = {};
    if (!uploaded && !file) found['papier.file'] = 'Voeg de scan van het ondertekende plan toe.';
    else if (file && file.size > 20 * 1024 * 1024) found['papier.file'] = 'Het bestand is groter dan 20 MB.';
    if (!signerName.trim()) found['papier.signerName'] = 'Vul de naam in.';
    if (!decision) found['papier.decision'] = 'Kies ingestemd of niet ingestemd.';
    if (Object.keys(found).length) return form.fail(found);
    await form.submit({ signer, signerName: signerName.trim(), decision, comment });
  }

  return (
    <Form form={form} className="lr-form lr-opp-panel" aria-label="Handtekening op papier vastleggen" labels={labels} onSubmit={submit} submit={{ label: 'Handtekening vastleggen' }}>
      <FileField
        name="papier.file"
        label="Scan van het ondertekende plan"
        description={`PDF of foto, hoogstens 20 MB. De scan komt bij de documenten van de leerling (soort: brief).${uploaded ? ` Al opgeslagen: ${uploaded.name}.` : ''}`}
        accept=".pdf,.png,.jpg,.jpeg,.heic,.tif,.tiff"
        file={file}
        onChange={setFile}
        error={form.errors['papier.file'] ?? form.errors['papier.documentId']}
      />
      <SelectField
        name="papier.signer"
        label="Wie heeft getekend?"
        value={signer}
        onChange={setSigner}
        options={(['parent', 'pupil'] as const).map((s) => ({ value: s, label: signerLabels[s]! }))}
      />
      <TextField name="papier.signerName" label="Naam van wie tekende" value={signerName} onChange={setSignerName} autoComplete="off" />
      <RadioGroup
        name="papier.decision"
        legend="Reactie"
        value={decision}
        onChange={setDecision}
        options={[
          { value: 'agree', label: 'Ingestemd met het handelingsdeel' },
          { value: 'disagree', label: 'Niet ingestemd' },
        ]}
      />
      <TextAreaField name="papier.comment" label="Toelichting (optioneel)" description="Wat schreef of zei de ouder of leerling erbij?" rows={3} value={comment} onChange={setComment} />
    </Form>
  );
}

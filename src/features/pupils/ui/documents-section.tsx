import { useQueryClient } from '@tanstack/react-query';
import {
  ButtonGroup,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Heading3,
  Paragraph,
  PrimaryActionButton,
  SecondaryActionButton,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useRef, useState } from 'react';
import type { z } from 'zod';
import { api, ApiError } from '../../../web/api.ts';
import { ErrorSummary, fieldId, SelectField, type FieldErrors } from '../../../web/forms.tsx';
import { dateTime } from '../../../web/ui.tsx';
import { DeleteReasonInput, documentCategories } from '../schema.ts';
import { ClosedDocument, MedicalAccess } from './document-access.tsx';
import { bytes, documentCategoryLabels, prefixLabels, pupilKey, Section, TextAreaField, useFlash, type PupilPageData } from './dossier-kit.tsx';
import { useForm } from '../../../web/use-form.tsx';
import { TableWrap } from '../../../web/list-table.tsx';

const MAX_BYTES = 20 * 1024 * 1024;
const ACCEPT = '.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp,.rtf,.txt,.png,.jpg,.jpeg,.gif,.webp,.heic,.tif,.tiff';
const allowedExt = new Set(ACCEPT.split(',').map((e) => e.slice(1)));

/** Multipart: the category before the file, as the server reads the fields in order. */
function uploadDocument(pupilId: string, category: string, file: File): Promise<{ id: string }> {
  const body = new FormData();
  body.append('category', category);
  body.append('file', file);
  return api.post<{ id: string }>(`pupils/${pupilId}/documents`, body);
}

function UploadForm({ p, onDone }: { p: PupilPageData; onDone: (name: string) => void }) {
  const client = useQueryClient();
  const fileInput = useRef<HTMLInputElement>(null);
  const [category, setCategory] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [sending, setSending] = useState(false);

  async function submit() {
    const found: FieldErrors = {};
    if (!category) found['document.category'] = 'Kies het soort document.';
    if (!file) found['document.file'] = 'Kies een bestand.';
    else if (file.size > MAX_BYTES) found['document.file'] = `Het bestand is ${bytes(file.size)}; dat is groter dan 20 MB.`;
    else if (!allowedExt.has(file.name.split('.').pop()?.toLowerCase() ?? '')) found['document.file'] = 'Dit soort bestand kan niet. Kies een PDF, Office-bestand of afbeelding.';
    setFormError(null);
    if (Object.keys(found).length) {
      setErrors(found);
      setAttempt((n) => n + 1);
      return;
    }
    setErrors({});
    setSending(true);
    try {
      await uploadDocument(p.id, category, file!);
      const name = file!.name;
      setCategory('');
      setFile(null);
      if (fileInput.current) fileInput.current.value = '';
      await client.invalidateQueries({ queryKey: pupilKey(p.id) });
      onDone(name);
    } catch (e) {
      if (e instanceof ApiError && e.fields.length) {
        const f: FieldErrors = {};
        for (const fe of e.fields) f[`document.${fe.path || 'file'}`] ??= fe.message;
        setErrors(f);
      } else if (e instanceof ApiError) {
        setFormError(e.status === 413 && e.code.startsWith('HTTP_') ? 'Het bestand is te groot (hoogstens 20 MB).' : e.message);
      } else {
        setFormError('Het uploaden is niet gelukt. Probeer het opnieuw.');
      }
      setAttempt((n) => n + 1);
    } finally {
      setSending(false);
    }
  }

  const fileError = errors['document.file'];
  const fid = fieldId('document.file');
  return (
    <form
      className="lr-form lr-form--panel"
      noValidate
      aria-labelledby="document-form-titel"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Heading3 id="document-form-titel">Document toevoegen</Heading3>
      <ErrorSummary errors={errors} formError={formError} attempt={attempt} labels={{ 'document.category': 'Soort document', 'document.file': 'Bestand' }} />
      <SelectField
        name="document.category"
        label="Soort document"
        value={category}
        onChange={setCategory}
        options={documentCategories.map((c) => ({ value: c, label: documentCategoryLabels[c] ?? c }))}
        placeholder="Kies een soort"
        error={errors['document.category']}
      />
      <FormField
        invalid={!!fileError}
        label={<FormLabel htmlFor={fid}>Bestand</FormLabel>}
        description={<FormFieldDescription id={`${fid}-uitleg`}>PDF, Word, Excel, PowerPoint of een afbeelding (JPG, PNG); hoogstens 20 MB.</FormFieldDescription>}
        input={
          <>
            {fileError && (
              <FormFieldErrorMessage id={`${fid}-fout`} className="lr-field-error">
                {fileError}
              </FormFieldErrorMessage>
            )}
            <input
              ref={fileInput}
              id={fid}
              name="file"
              type="file"
              accept={ACCEPT}
              className="lr-file"
              aria-invalid={fileError ? true : undefined}
              aria-describedby={[`${fid}-uitleg`, fileError ? `${fid}-fout` : null].filter(Boolean).join(' ')}
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          </>
        }
      />
      {file && (
        <Paragraph className="lr-small">
          Gekozen: {file.name} ({bytes(file.size)})
        </Paragraph>
      )}
      <ButtonGroup>
        <PrimaryActionButton type="submit" disabled={sending} busy={sending}>
          {sending ? 'Bezig met uploaden…' : 'Uploaden'}
        </PrimaryActionButton>
      </ButtonGroup>
    </form>
  );
}

function DeleteDocument({ p, doc, onDone }: { p: PupilPageData; doc: PupilPageData['documents'][number]; onDone: () => void }) {
  const client = useQueryClient();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const prefix = `verwijder-${doc.id.slice(0, 8)}`;
  const form = useForm(DeleteReasonInput, (input: z.output<typeof DeleteReasonInput>) => api.post(`documents/${doc.id}/delete`, input), { prefix: prefix, onDone: async () => {
    await client.invalidateQueries({ queryKey: pupilKey(p.id) });
    onDone();
  } });
  if (!asking) {
    return (
      <SecondaryActionButton type="button" hint="danger" onClick={() => setAsking(true)} aria-label={`Verwijderen: ${doc.filename}`}>
        Verwijderen
      </SecondaryActionButton>
    );
  }
  return (
    <form
      className="lr-form lr-confirm-form"
      noValidate
      role="alertdialog"
      aria-labelledby={`${prefix}-titel`}
      onSubmit={(e) => {
        e.preventDefault();
        void form.submit({ reason });
      }}
    >
      <p id={`${prefix}-titel`}>
        <strong>{doc.filename} verwijderen?</strong> Het document is daarna voor niemand meer te openen.
      </p>
      <ErrorSummary errors={form.errors} formError={form.formError} attempt={form.attempt} labels={prefixLabels(prefix, { reason: 'Reden' })} />
      <TextAreaField name={form.name('reason')} label="Reden van verwijderen" value={reason} onChange={setReason} error={form.error('reason')} rows={2} />
      <ButtonGroup>
        <PrimaryActionButton type="submit" hint="danger" disabled={form.sending} busy={form.sending}>
          Ja, verwijderen
        </PrimaryActionButton>
        <SecondaryActionButton type="button" onClick={() => setAsking(false)}>
          Annuleren
        </SecondaryActionButton>
      </ButtonGroup>
    </form>
  );
}

export function DocumentsSection({ p }: { p: PupilPageData }) {
  const { notice, flash } = useFlash();
  return (
    <Section id="documenten" title="Documenten">
      {notice}
      {p.documents.length === 0 ? (
        <Paragraph className="lr-muted">Nog geen documenten.</Paragraph>
      ) : (
        <TableWrap label="Documenten">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">Bestand</TableHeaderCell>
                <TableHeaderCell scope="col">Soort</TableHeaderCell>
                <TableHeaderCell scope="col">Grootte</TableHeaderCell>
                <TableHeaderCell scope="col">Toegevoegd</TableHeaderCell>
                {p.allowed.deleteDocument && (
                  <TableHeaderCell scope="col">
                    <span className="lr-visually-hidden">Acties</span>
                  </TableHeaderCell>
                )}
              </TableRow>
            </TableHeader>
            <TableBody>
              {p.documents.map((d) => (
                <TableRow key={d.id}>
                  <TableCell>
                    {d.closed ? (
                      <ClosedDocument doc={d} />
                    ) : (
                      <a className="utrecht-link" href={`/api/documents/${d.id}/download`} download>
                        {d.filename}
                      </a>
                    )}
                    {d.access && <MedicalAccess p={p} doc={{ ...d, access: d.access }} onFlash={flash} />}
                  </TableCell>
                  <TableCell>{documentCategoryLabels[d.category] ?? d.category}</TableCell>
                  <TableCell>{bytes(d.sizeBytes)}</TableCell>
                  <TableCell>
                    {dateTime(d.createdAt)}
                    <div className="lr-muted lr-small">{d.uploadedBy.name}</div>
                  </TableCell>
                  {p.allowed.deleteDocument && (
                    <TableCell>
                      <DeleteDocument p={p} doc={d} onDone={() => flash(`${d.filename} is verwijderd.`)} />
                    </TableCell>
                  )}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableWrap>
      )}
      {p.allowed.uploadDocument && <UploadForm p={p} onDone={(name) => flash(`${name} is toegevoegd.`)} />}
    </Section>
  );
}

import { useQueryClient } from '@tanstack/react-query';
import {
  Heading3,
  Paragraph,
  SecondaryActionButton,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useState } from 'react';
import { z } from 'zod';
import { api, ApiError } from '../../../web/api.ts';
import { FileField, SelectField } from '../../../web/forms.tsx';
import { dateTime } from '../../../web/ui.tsx';
import { DeleteReasonInput, documentCategories } from '../schema.ts';
import { ClosedDocument, MedicalAccess } from './document-access.tsx';
import { bytes, documentCategoryLabels, prefixLabels, pupilKey, Section, TextAreaField, useFlash, type PupilPageData } from './dossier-kit.tsx';
import { Form, useForm } from '../../../web/use-form.tsx';
import { TableWrap } from '../../../web/list-table.tsx';

const MAX_BYTES = 20 * 1024 * 1024;
const ACCEPT = '.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp,.rtf,.txt,.png,.jpg,.jpeg,.gif,.webp,.heic,.tif,.tiff';
const allowedExt = new Set(ACCEPT.split(',').map((e) => e.slice(1)));

/**
 * The upload as the browser checks it; the server reads the multipart body itself
 * (documents.ts) and answers with errors on the same fields.
 */
const UploadInput = z.object({
  category: z.enum(documentCategories, 'Kies het soort document.'),
  file: z.instanceof(File, { error: 'Kies een bestand.' }).superRefine((file, ctx) => {
    if (file.size > MAX_BYTES) ctx.addIssue({ code: 'custom', message: `Het bestand is ${bytes(file.size)}; dat is groter dan 20 MB.` });
    else if (!allowedExt.has(file.name.split('.').pop()?.toLowerCase() ?? '')) ctx.addIssue({ code: 'custom', message: 'Dit soort bestand kan niet. Kies een PDF, Office-bestand of afbeelding.' });
  }),
});

/** Multipart: the category before the file, as the server reads the fields in order. */
async function uploadDocument(pupilId: string, { category, file }: z.output<typeof UploadInput>): Promise<{ id: string }> {
  const body = new FormData();
  body.append('category', category);
  body.append('file', file);
  try {
    return await api.post<{ id: string }>(`pupils/${pupilId}/documents`, body);
  } catch (e) {
    // Refused before it reached the app (a proxy's limit): no message of ours, so say it here.
    if (e instanceof ApiError && e.status === 413 && e.code.startsWith('HTTP_')) throw new ApiError(e.status, e.code, 'Het bestand is te groot (hoogstens 20 MB).');
    throw e;
  }
}

function UploadForm({ p, onDone }: { p: PupilPageData; onDone: (name: string) => void }) {
  const client = useQueryClient();
  const [category, setCategory] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const form = useForm(
    UploadInput,
    async (input) => {
      await uploadDocument(p.id, input);
      return input.file.name;
    },
    {
      prefix: 'document',
      failMessage: 'Het uploaden is niet gelukt. Probeer het opnieuw.',
      onDone: async (name) => {
        setCategory('');
        setFile(null);
        await client.invalidateQueries({ queryKey: pupilKey(p.id) });
        onDone(name);
      },
    },
  );
  return (
    <Form
      form={form}
      className="lr-form lr-form--panel"
      aria-labelledby="document-form-titel"
      onSubmit={() => form.submit({ category: category || undefined, file: file ?? undefined })}
      labels={{ 'document.category': 'Soort document', 'document.file': 'Bestand' }}
      intro={<Heading3 id="document-form-titel">Document toevoegen</Heading3>}
      submit={{ label: 'Uploaden', busyLabel: 'Bezig met uploaden…' }}
    >
      <SelectField
        name="document.category"
        label="Soort document"
        value={category}
        onChange={setCategory}
        options={documentCategories.map((c) => ({ value: c, label: documentCategoryLabels[c] ?? c }))}
        placeholder="Kies een soort"
      />
      <FileField
        name="document.file"
        label="Bestand"
        description="PDF, Word, Excel, PowerPoint of een afbeelding (JPG, PNG); hoogstens 20 MB."
        accept={ACCEPT}
        file={file}
        onChange={setFile}
      />
      {file && (
        <Paragraph className="lr-small">
          Gekozen: {file.name} ({bytes(file.size)})
        </Paragraph>
      )}
    </Form>
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
    <Form
      form={form}
      className="lr-form lr-confirm-form"
      role="alertdialog"
      aria-labelledby={`${prefix}-titel`}
      onSubmit={() => form.submit({ reason })}
      labels={prefixLabels(prefix, { reason: 'Reden' })}
      intro={
        <p id={`${prefix}-titel`}>
          <strong>{doc.filename} verwijderen?</strong> Het document is daarna voor niemand meer te openen.
        </p>
      }
      submit={{ label: 'Ja, verwijderen', danger: true }}
      actions={
        <SecondaryActionButton type="button" onClick={() => setAsking(false)}>
          Annuleren
        </SecondaryActionButton>
      }
    >
      <TextAreaField name={form.name('reason')} label="Reden van verwijderen" value={reason} onChange={setReason} rows={2} />
    </Form>
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

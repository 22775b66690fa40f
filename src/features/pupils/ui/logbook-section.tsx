import { useQueryClient } from '@tanstack/react-query';
import { Paragraph, SecondaryActionButton } from '@utrecht/component-library-react';
import { useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import { today } from '../../../platform/time.ts';
import { api } from '../../../web/api.ts';
import { CheckboxField, maxLengthOf, SelectField, useFields } from '../../../web/forms.tsx';
import { DateField, plausible } from '../../../web/date-fields.tsx';
import { dateTime, day } from '../../../web/ui.tsx';
import { LogbookInput, logbookKindLabels, logbookKinds, type LogbookEntry } from '../schema.ts';
import { CONFIDENTIAL_HIDDEN, prefixLabels, pupilKey, Section, TextAreaField, useAction, useFlash, type PupilPageData } from './dossier-kit.tsx';
import { Form, useForm } from '../../../web/use-form.tsx';

type Entry = z.infer<typeof LogbookEntry>;
const labels = { kind: 'Soort aantekening', occurredOn: 'Datum', body: 'Wat gebeurde er?', confidential: 'Vertrouwelijk' };

function LogbookForm({ p, onDone }: { p: PupilPageData; onDone: () => void }) {
  const client = useQueryClient();
  const empty = () => ({ kind: '', occurredOn: today(), body: '' });
  const { values, set, setValues } = useFields(empty());
  const [confidential, setConfidential] = useState(false);
  const form = useForm(LogbookInput, (input: z.output<typeof LogbookInput>) => api.post<{ id: string }>(`pupils/${p.id}/logbook`, input), { prefix: 'logboek', onDone: async () => {
    setValues(empty());
    setConfidential(false);
    await client.invalidateQueries({ queryKey: pupilKey(p.id) });
    onDone();
  } });
  return (
    <Form
      form={form}
      className="lr-form lr-form--panel"
      aria-labelledby="logboek-form-titel"
      onSubmit={() => form.submit({ kind: values.kind || undefined, occurredOn: values.occurredOn, body: values.body, confidential })}
      labels={prefixLabels('logboek', labels)}
      intro={
        <h3 className="utrecht-heading-3" id="logboek-form-titel">
          Aantekening toevoegen
        </h3>
      }
      submit={{ label: 'Aantekening opslaan' }}
    >
      <div className="lr-form-row">
        <SelectField
          name={form.name('kind')}
          label={labels.kind}
          value={values.kind}
          onChange={set('kind')}
          options={logbookKinds.map((k) => ({ value: k, label: logbookKindLabels[k] }))}
          placeholder="Kies een soort"
        />
        <DateField name={form.name('occurredOn')} label={labels.occurredOn} value={values.occurredOn} onChange={set('occurredOn')} plausible={plausible.past()} />
      </div>
      <TextAreaField
        name={form.name('body')}
        label={labels.body}
        description="Schrijf feitelijk: wat zag of hoorde u, wie waren erbij. Geen oordelen of diagnoses."
        value={values.body}
        onChange={set('body')}
        rows={5}
        maxLength={maxLengthOf(LogbookInput.shape.body)}
      />
      <CheckboxField name={form.name('confidential')} label="Vertrouwelijk: alleen zichtbaar voor het ondersteuningsteam" checked={confidential} onChange={setConfidential} />
    </Form>
  );
}

function SignalButton({ p, entry, headingId }: { p: PupilPageData; entry: Entry; headingId: string }) {
  const client = useQueryClient();
  const action = useAction();
  const [done, setDone] = useState(false);
  const badge = useRef<HTMLSpanElement>(null);
  // The button is gone after signalling: the focus goes to what replaced it.
  useEffect(() => {
    if (done) badge.current?.focus();
  }, [done]);
  if (entry.signalled || done) {
    return (
      <span ref={badge} tabIndex={done ? -1 : undefined} role={done ? 'status' : undefined} className="lr-badge lr-badge--signal">
        Gesignaleerd aan OCO
      </span>
    );
  }
  if (!p.allowed.signal) return null;
  return (
    <span className="lr-signal">
      <SecondaryActionButton
        type="button"
        disabled={action.busy}
        busy={action.busy}
        aria-describedby={headingId}
        onClick={() =>
          void action.run(
            () => api.post<{ id: string }>(`pupils/${p.id}/signals`, { logbookEntryId: entry.id, note: '' }),
            async () => {
              setDone(true);
              await client.invalidateQueries({ queryKey: pupilKey(p.id) });
            },
          )
        }
      >
        Signaleer aan OCO
      </SecondaryActionButton>
      {action.error && (
        <span role="alert" className="lr-inline-error">
          {action.error}
        </span>
      )}
    </span>
  );
}

export function LogbookSection({ p }: { p: PupilPageData }) {
  const { notice, flash } = useFlash();
  return (
    <Section id="logboek" title="Logboek">
      {notice}
      {p.allowed.writeLogbook && <LogbookForm p={p} onDone={() => flash('De aantekening is opgeslagen.')} />}
      <h3 className="utrecht-heading-3">Aantekeningen</h3>
      {p.logbook.length === 0 ? (
        <Paragraph className="lr-muted">Nog geen aantekeningen.</Paragraph>
      ) : (
        <ol className="lr-logbook">
          {p.logbook.map((e) => {
            const headingId = `logboek-${e.id}`;
            return (
              <li key={e.id} className="lr-logbook__entry" aria-labelledby={headingId}>
                <div className="lr-logbook__head">
                  <h4 className="utrecht-heading-4 lr-logbook__title" id={headingId}>
                    {logbookKindLabels[e.kind]} – {day(e.occurredOn)}
                  </h4>
                  {e.confidential && <span className="lr-badge lr-badge--confidential">Vertrouwelijk</span>}
                  <SignalButton p={p} entry={e} headingId={headingId} />
                </div>
                {e.body === null ? <p className="lr-muted lr-logbook__hidden">{CONFIDENTIAL_HIDDEN}</p> : <p className="lr-logbook__body">{e.body}</p>}
                <p className="lr-muted lr-small">
                  {e.author.name} · vastgelegd {dateTime(e.createdAt)}
                </p>
              </li>
            );
          })}
        </ol>
      )}
    </Section>
  );
}

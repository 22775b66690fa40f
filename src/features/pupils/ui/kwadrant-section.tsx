import { useQueryClient } from '@tanstack/react-query';
import { Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import type { z } from 'zod';
import { today } from '../../../platform/time.ts';
import { api } from '../../../web/api.ts';
import { SelectField, TextField, useFields } from '../../../web/forms.tsx';
import { day } from '../../../web/ui.tsx';
import { KwadrantInput, quadrantLabels, quadrants } from '../schema.ts';
import { Disclosure, prefixLabels, pupilKey, Section, TextAreaField, useFlash, type PupilPageData } from './dossier-kit.tsx';
import { Form, useForm } from '../../../web/use-form.tsx';

const labels = { quadrant: 'Onderdeel', instrument: 'Toets of vragenlijst', measuredOn: 'Afnamedatum', score: 'Uitslag', interpretation: 'Interpretatie (optioneel)' };

function KwadrantForm({ p, onDone }: { p: PupilPageData; onDone: () => void }) {
  const client = useQueryClient();
  const empty = () => ({ quadrant: '', instrument: '', measuredOn: today(), score: '', interpretation: '' });
  const { values, set, setValues } = useFields(empty());
  const form = useForm(KwadrantInput, (input: z.output<typeof KwadrantInput>) => api.post(`pupils/${p.id}/kwadrant`, input), { prefix: 'kwadrant', onDone: async () => {
    setValues(empty());
    await client.invalidateQueries({ queryKey: pupilKey(p.id) });
    onDone();
  } });
  return (
    <Form
      form={form}
      aria-label="Kwadrantresultaat toevoegen"
      onSubmit={() => form.submit({ ...values, quadrant: values.quadrant || undefined })}
      labels={prefixLabels('kwadrant', labels)}
      submit={{ label: 'Resultaat opslaan' }}
    >
      <SelectField
        name={form.name('quadrant')}
        label={labels.quadrant}
        value={values.quadrant}
        onChange={set('quadrant')}
        options={quadrants.map((q) => ({ value: q, label: quadrantLabels[q] }))}
        placeholder="Kies een kwadrant"
      />
      <div className="lr-form-row">
        <TextField name={form.name('instrument')} label={labels.instrument} description="Bijvoorbeeld Cito 3.0, SAQI of NIO." value={values.instrument} onChange={set('instrument')} />
        <TextField name={form.name('measuredOn')} label={labels.measuredOn} type="date" value={values.measuredOn} onChange={set('measuredOn')} />
      </div>
      <TextField name={form.name('score')} label={labels.score} description="Score, niveau of percentiel zoals de toets die geeft." value={values.score} onChange={set('score')} />
      <TextAreaField name={form.name('interpretation')} label={labels.interpretation} value={values.interpretation} onChange={set('interpretation')} rows={3} />
    </Form>
  );
}

export function KwadrantSection({ p }: { p: PupilPageData }) {
  const [open, setOpen] = useState(false);
  const { notice, flash } = useFlash();
  return (
    <Section id="kwadrant" title="Kwadrant">
      {notice}
      <div className="lr-kwadrant">
        {quadrants.map((q) => {
          const entries = p.kwadrant.filter((k) => k.quadrant === q);
          return (
            <section key={q} className="lr-kwadrant__block" aria-labelledby={`kwadrant-${q}`}>
              <h3 className="utrecht-heading-3" id={`kwadrant-${q}`}>
                {quadrantLabels[q]}
              </h3>
              {entries.length === 0 ? (
                <Paragraph className="lr-muted">Nog geen gegevens.</Paragraph>
              ) : (
                <ul className="lr-items">
                  {entries.map((k) => (
                    <li key={k.id}>
                      <strong>{k.instrument}</strong>: {k.score}
                      <div className="lr-muted lr-small">
                        {day(k.measuredOn)}
                        {k.source === 'import' ? ' · geïmporteerd' : ''}
                      </div>
                      {k.interpretation && <div>{k.interpretation}</div>}
                    </li>
                  ))}
                </ul>
              )}
            </section>
          );
        })}
      </div>
      {p.allowed.recordKwadrant && (
        <Disclosure id="kwadrant-formulier" label="Resultaat toevoegen" open={open} onOpenChange={setOpen}>
          <KwadrantForm
            p={p}
            onDone={() => {
              setOpen(false);
              flash('Het resultaat is toegevoegd aan het kwadrant.');
            }}
          />
        </Disclosure>
      )}
    </Section>
  );
}

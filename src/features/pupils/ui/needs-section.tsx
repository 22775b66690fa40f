import { ButtonGroup, Paragraph, PrimaryActionButton } from '@utrecht/component-library-react';
import { useState } from 'react';
import type { z } from 'zod';
import { api } from '../../../web/api.ts';
import { ErrorSummary, SelectField, useFields } from '../../../web/forms.tsx';
import { dateTime } from '../../../web/ui.tsx';
import { NeedInput, needCategories, needCategoryLabels } from '../schema.ts';
import { Disclosure, prefixLabels, Section, TextAreaField, useFlash, usePrefixedSubmit, type PupilPageData } from './dossier-kit.tsx';
import { EndButton, useRefresh } from './support-kit.tsx';

const needLabels = { category: 'Categorie', description: 'Omschrijving' };

function NeedForm({ p, onDone }: { p: PupilPageData; onDone: () => void }) {
  const refresh = useRefresh(p.id);
  const { values, set, setValues } = useFields({ category: '', description: '' });
  const form = usePrefixedSubmit('behoefte', NeedInput, (input: z.output<typeof NeedInput>) => api.post(`pupils/${p.id}/needs`, input), async () => {
    setValues({ category: '', description: '' });
    await refresh();
    onDone();
  });
  return (
    <form
      className="lr-form"
      noValidate
      aria-label="Ondersteuningsbehoefte toevoegen"
      onSubmit={(e) => {
        e.preventDefault();
        void form.submit({ category: values.category || undefined, description: values.description });
      }}
    >
      <ErrorSummary errors={form.summaryErrors} formError={form.formError} attempt={form.attempt} labels={prefixLabels('behoefte', needLabels)} />
      <SelectField
        name={form.name('category')}
        label={needLabels.category}
        value={values.category}
        onChange={set('category')}
        options={needCategories.map((c) => ({ value: c, label: needCategoryLabels[c] }))}
        placeholder="Kies een categorie"
        error={form.errors.category}
      />
      <TextAreaField name={form.name('description')} label={needLabels.description} description="Wat heeft de leerling nodig?" value={values.description} onChange={set('description')} error={form.errors.description} rows={3} />
      <ButtonGroup>
        <PrimaryActionButton type="submit" disabled={form.sending} busy={form.sending}>
          Behoefte toevoegen
        </PrimaryActionButton>
      </ButtonGroup>
    </form>
  );
}

export function NeedsSection({ p }: { p: PupilPageData }) {
  const [open, setOpen] = useState(false);
  const { notice, flash } = useFlash();
  const refresh = useRefresh(p.id);
  return (
    <Section id="behoeften" title="Ondersteuningsbehoeften">
      {notice}
      {p.needs.length === 0 ? (
        <Paragraph className="lr-muted">Geen ondersteuningsbehoeften vastgelegd.</Paragraph>
      ) : (
        <ul className="lr-items">
          {p.needs.map((n) => (
            <li key={n.id} className="lr-item">
              <div>
                <span className="lr-badge">{needCategoryLabels[n.category]}</span> {n.description}
                <div className="lr-muted lr-small">Sinds {dateTime(n.createdAt)}</div>
              </div>
              {p.allowed.manageSupport && (
                <EndButton
                  what={`${needCategoryLabels[n.category]} – ${n.description}`}
                  onConfirm={async () => {
                    await api.post(`pupils/${p.id}/needs/${n.id}/end`);
                    await refresh();
                    flash('De ondersteuningsbehoefte is beëindigd.');
                  }}
                />
              )}
            </li>
          ))}
        </ul>
      )}
      {p.allowed.manageSupport && (
        <Disclosure id="behoefte-formulier" label="Behoefte toevoegen" open={open} onOpenChange={setOpen}>
          <NeedForm
            p={p}
            onDone={() => {
              setOpen(false);
              flash('De ondersteuningsbehoefte is toegevoegd.');
            }}
          />
        </Disclosure>
      )}
    </Section>
  );
}

import { ButtonGroup, PrimaryActionButton } from '@utrecht/component-library-react';
import type { z } from 'zod';
import { api } from '../../../web/api.ts';
import { ErrorSummary, SelectField, useFields } from '../../../web/forms.tsx';
import { dateTime } from '../../../web/ui.tsx';
import { NeedInput, needCategories, needCategoryLabels } from '../schema.ts';
import { prefixLabels, TextAreaField, type PupilPageData } from './dossier-kit.tsx';
import { ActiveItemsSection, useRefresh } from './support-kit.tsx';
import { useForm } from '../../../web/use-form.tsx';

const needLabels = { category: 'Categorie', description: 'Omschrijving' };

function NeedForm({ p, onDone }: { p: PupilPageData; onDone: () => void }) {
  const refresh = useRefresh(p.id);
  const { values, set, setValues } = useFields({ category: '', description: '' });
  const form = useForm(NeedInput, (input: z.output<typeof NeedInput>) => api.post(`pupils/${p.id}/needs`, input), { prefix: 'behoefte', onDone: async () => {
    setValues({ category: '', description: '' });
    await refresh();
    onDone();
  } });
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
      <ErrorSummary errors={form.errors} formError={form.formError} attempt={form.attempt} labels={prefixLabels('behoefte', needLabels)} />
      <SelectField
        name={form.name('category')}
        label={needLabels.category}
        value={values.category}
        onChange={set('category')}
        options={needCategories.map((c) => ({ value: c, label: needCategoryLabels[c] }))}
        placeholder="Kies een categorie"
        error={form.error('category')}
      />
      <TextAreaField name={form.name('description')} label={needLabels.description} description="Wat heeft de leerling nodig?" value={values.description} onChange={set('description')} error={form.error('description')} rows={3} />
      <ButtonGroup>
        <PrimaryActionButton type="submit" disabled={form.sending} busy={form.sending}>
          Behoefte toevoegen
        </PrimaryActionButton>
      </ButtonGroup>
    </form>
  );
}

export function NeedsSection({ p }: { p: PupilPageData }) {
  return (
    <ActiveItemsSection
      p={p}
      id="behoeften"
      title="Ondersteuningsbehoeften"
      empty="Geen ondersteuningsbehoeften vastgelegd."
      items={p.needs.map((n) => ({
        id: n.id,
        what: `${needCategoryLabels[n.category]} – ${n.description}`,
        body: (
          <>
            <span className="lr-badge">{needCategoryLabels[n.category]}</span> {n.description}
            <div className="lr-muted lr-small">Sinds {dateTime(n.createdAt)}</div>
          </>
        ),
      }))}
      endPath="needs"
      messages={{ ended: 'De ondersteuningsbehoefte is beëindigd.', added: 'De ondersteuningsbehoefte is toegevoegd.' }}
      addLabel="Behoefte toevoegen"
      formId="behoefte-formulier"
      form={(onDone) => <NeedForm p={p} onDone={onDone} />}
    />
  );
}

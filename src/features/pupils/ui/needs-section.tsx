import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../web/api.ts';
import { SelectField, useFields } from '../../../web/forms.tsx';
import { dateTime } from '../../../web/ui.tsx';
import { NeedInput, needCategories, needCategoryLabels } from '../schema.ts';
import { prefixLabels, TextAreaField, type PupilPageData } from './dossier-kit.tsx';
import { ActiveItemsSection, useRefresh } from './support-kit.tsx';
import { Form, useForm } from '../../../web/use-form.tsx';

const needLabels = { category: 'Categorie', description: 'Omschrijving', supportNeedId: 'Behoefte op de lijst van het samenwerkingsverband' };

/** The partnership's list of support needs (the support offer's): naming one lets the dekkend-aanbod map count this pupil. */
function useSupportNeeds() {
  const q = useQuery({ queryKey: ['support-offer-settings'], queryFn: () => api.get<{ needs: { id: string; label: string; active: boolean }[] }>('support-offer/settings'), staleTime: 300_000 });
  return (q.data?.needs ?? []).filter((n) => n.active);
}

function NeedForm({ p, onDone }: { p: PupilPageData; onDone: () => void }) {
  const refresh = useRefresh(p.id);
  const { values, set, setValues } = useFields({ category: '', description: '', supportNeedId: '' });
  const supportNeeds = useSupportNeeds();
  const form = useForm(NeedInput, (input: z.output<typeof NeedInput>) => api.post(`pupils/${p.id}/needs`, input), { prefix: 'behoefte', onDone: async () => {
    setValues({ category: '', description: '', supportNeedId: '' });
    await refresh();
    onDone();
  } });
  return (
    <Form
      form={form}
      aria-label="Ondersteuningsbehoefte toevoegen"
      onSubmit={() => form.submit({ category: values.category || undefined, description: values.description, supportNeedId: values.supportNeedId || null })}
      labels={prefixLabels('behoefte', needLabels)}
      submit={{ label: 'Behoefte toevoegen' }}
    >
      <SelectField
        name={form.name('category')}
        label={needLabels.category}
        value={values.category}
        onChange={set('category')}
        options={needCategories.map((c) => ({ value: c, label: needCategoryLabels[c] }))}
        placeholder="Kies een categorie"
      />
      {supportNeeds.length > 0 && (
        <SelectField
          name={form.name('supportNeedId')}
          label={needLabels.supportNeedId}
          description="Niet verplicht. Hiermee telt het samenwerkingsverband welke ondersteuning in de regio nodig is."
          value={values.supportNeedId}
          onChange={set('supportNeedId')}
          options={supportNeeds.map((n) => ({ value: n.id, label: n.label }))}
          placeholder="Geen keuze"
        />
      )}
      <TextAreaField name={form.name('description')} label={needLabels.description} description="Wat heeft de leerling nodig?" value={values.description} onChange={set('description')} rows={3} />
    </Form>
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
            <span className="lr-badge">{needCategoryLabels[n.category]}</span> {n.supportNeed && <span className="lr-badge">{n.supportNeed}</span>} {n.description}
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

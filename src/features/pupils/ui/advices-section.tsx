import { ButtonGroup, PrimaryActionButton } from '@utrecht/component-library-react';
import { useState } from 'react';
import type { z } from 'zod';
import { api } from '../../../web/api.ts';
import { ErrorSummary } from '../../../web/forms.tsx';
import { dateTime } from '../../../web/ui.tsx';
import { AdviceInput } from '../schema.ts';
import { prefixLabels, TextAreaField, type PupilPageData } from './dossier-kit.tsx';
import { ActiveItemsSection, useRefresh } from './support-kit.tsx';
import { useForm } from '../../../web/use-form.tsx';

function AdviceForm({ p, onDone }: { p: PupilPageData; onDone: () => void }) {
  const refresh = useRefresh(p.id);
  const [advice, setAdvice] = useState('');
  const form = useForm(AdviceInput, (input: z.output<typeof AdviceInput>) => api.post(`pupils/${p.id}/advices`, input), { prefix: 'advies', onDone: async () => {
    setAdvice('');
    await refresh();
    onDone();
  } });
  return (
    <form
      className="lr-form"
      noValidate
      aria-label="Handelingsadvies toevoegen"
      onSubmit={(e) => {
        e.preventDefault();
        void form.submit({ advice });
      }}
    >
      <ErrorSummary errors={form.errors} formError={form.formError} attempt={form.attempt} labels={prefixLabels('advies', { advice: 'Handelingsadvies' })} />
      <TextAreaField
        name={form.name('advice')}
        label="Handelingsadvies"
        description="Wat werkt voor deze leerling in de les? Schrijf het zo dat elke docent ermee verder kan."
        value={advice}
        onChange={setAdvice}
        error={form.error('advice')}
        rows={3}
      />
      <ButtonGroup>
        <PrimaryActionButton type="submit" disabled={form.sending} busy={form.sending}>
          Advies toevoegen
        </PrimaryActionButton>
      </ButtonGroup>
    </form>
  );
}

export function AdvicesSection({ p }: { p: PupilPageData }) {
  return (
    <ActiveItemsSection
      p={p}
      id="handelingsadviezen"
      title="Handelingsadviezen"
      empty="Geen handelingsadviezen."
      items={p.advices.map((a) => ({
        id: a.id,
        what: a.advice,
        body: (
          <>
            {a.advice}
            <div className="lr-muted lr-small">
              {a.source ? `${a.source} · ` : ''}
              {dateTime(a.createdAt)}
            </div>
          </>
        ),
      }))}
      endPath="advices"
      messages={{ ended: 'Het handelingsadvies is beëindigd.', added: 'Het handelingsadvies is toegevoegd.' }}
      addLabel="Advies toevoegen"
      formId="advies-formulier"
      form={(onDone) => <AdviceForm p={p} onDone={onDone} />}
    />
  );
}

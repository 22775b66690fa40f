import { useState } from 'react';
import type { z } from 'zod';
import { api } from '../../../web/api.ts';
import { dateTime } from '../../../web/ui.tsx';
import { AdviceInput } from '../schema.ts';
import { prefixLabels, TextAreaField, type PupilPageData } from './dossier-kit.tsx';
import { ActiveItemsSection, useRefresh } from './support-kit.tsx';
import { Form, useForm } from '../../../web/use-form.tsx';

function AdviceForm({ p, onDone }: { p: PupilPageData; onDone: () => void }) {
  const refresh = useRefresh(p.id);
  const [advice, setAdvice] = useState('');
  const form = useForm(AdviceInput, (input: z.output<typeof AdviceInput>) => api.post(`pupils/${p.id}/advices`, input), { prefix: 'advies', onDone: async () => {
    setAdvice('');
    await refresh();
    onDone();
  } });
  return (
    <Form
      form={form}
      aria-label="Handelingsadvies toevoegen"
      onSubmit={() => form.submit({ advice })}
      labels={prefixLabels('advies', { advice: 'Handelingsadvies' })}
      submit={{ label: 'Advies toevoegen' }}
    >
      <TextAreaField
        name={form.name('advice')}
        label="Handelingsadvies"
        description="Wat werkt voor deze leerling in de les? Schrijf het zo dat elke docent ermee verder kan."
        value={advice}
        onChange={setAdvice}
        rows={3}
      />
    </Form>
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

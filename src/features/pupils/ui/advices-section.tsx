import { ButtonGroup, Paragraph, PrimaryActionButton } from '@utrecht/component-library-react';
import { useState } from 'react';
import type { z } from 'zod';
import { api } from '../../../web/api.ts';
import { ErrorSummary } from '../../../web/forms.tsx';
import { dateTime } from '../../../web/ui.tsx';
import { AdviceInput } from '../schema.ts';
import { Disclosure, prefixLabels, Section, TextAreaField, useFlash, usePrefixedSubmit, type PupilPageData } from './dossier-kit.tsx';
import { EndButton, useRefresh } from './support-kit.tsx';

function AdviceForm({ p, onDone }: { p: PupilPageData; onDone: () => void }) {
  const refresh = useRefresh(p.id);
  const [advice, setAdvice] = useState('');
  const form = usePrefixedSubmit('advies', AdviceInput, (input: z.output<typeof AdviceInput>) => api.post(`pupils/${p.id}/advices`, input), async () => {
    setAdvice('');
    await refresh();
    onDone();
  });
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
      <ErrorSummary errors={form.summaryErrors} formError={form.formError} attempt={form.attempt} labels={prefixLabels('advies', { advice: 'Handelingsadvies' })} />
      <TextAreaField
        name={form.name('advice')}
        label="Handelingsadvies"
        description="Wat werkt voor deze leerling in de les? Schrijf het zo dat elke docent ermee verder kan."
        value={advice}
        onChange={setAdvice}
        error={form.errors.advice}
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
  const [open, setOpen] = useState(false);
  const { notice, flash } = useFlash();
  const refresh = useRefresh(p.id);
  return (
    <Section id="handelingsadviezen" title="Handelingsadviezen">
      {notice}
      {p.advices.length === 0 ? (
        <Paragraph className="lr-muted">Geen handelingsadviezen.</Paragraph>
      ) : (
        <ul className="lr-items">
          {p.advices.map((a) => (
            <li key={a.id} className="lr-item">
              <div>
                {a.advice}
                <div className="lr-muted lr-small">
                  {a.source ? `${a.source} · ` : ''}
                  {dateTime(a.createdAt)}
                </div>
              </div>
              {p.allowed.manageSupport && (
                <EndButton
                  what={a.advice}
                  onConfirm={async () => {
                    await api.post(`pupils/${p.id}/advices/${a.id}/end`);
                    await refresh();
                    flash('Het handelingsadvies is beëindigd.');
                  }}
                />
              )}
            </li>
          ))}
        </ul>
      )}
      {p.allowed.manageSupport && (
        <Disclosure id="advies-formulier" label="Advies toevoegen" open={open} onOpenChange={setOpen}>
          <AdviceForm
            p={p}
            onDone={() => {
              setOpen(false);
              flash('Het handelingsadvies is toegevoegd.');
            }}
          />
        </Disclosure>
      )}
    </Section>
  );
}

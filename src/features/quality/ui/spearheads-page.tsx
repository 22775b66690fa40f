import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Paragraph, SecondaryActionButton } from '@utrecht/component-library-react';
import { useState } from 'react';
import type { z } from 'zod';
import { useFlash } from '../../../web/actions.tsx';
import { api } from '../../../web/api.ts';
import { CheckboxField, TextAreaField, TextField } from '../../../web/forms.tsx';
import { Link, Loading, PageTitle, QueryError } from '../../../web/ui.tsx';
import { Form, useForm } from '../../../web/use-form.tsx';
import { FIRST_SPEARHEADS, SpearheadsInput, type SpearheadsView } from '../schema.ts';
import './quality.css';

type View = z.infer<typeof SpearheadsView>;
type Draft = { id?: string; label: string; description: string; active: boolean };

function SpearheadsForm({ view, onDone }: { view: View; onDone: () => void }) {
  // A partnership without spearheads starts from the seven of seed 001's support plan.
  const [items, setItems] = useState<Draft[]>(() => (view.spearheads.length ? view.spearheads.map((s) => ({ ...s })) : FIRST_SPEARHEADS.map((s) => ({ ...s, active: true }))));
  const form = useForm(SpearheadsInput, (input: z.output<typeof SpearheadsInput>) => api.put('quality/spearheads', input), { onDone });
  const set = (i: number, d: Partial<Draft>) => setItems((all) => all.map((x, j) => (j === i ? { ...x, ...d } : x)));
  return (
    <Form form={form} onSubmit={() => form.submit({ spearheads: items })} submit={{ label: 'Speerpunten opslaan' }} aria-label="Speerpunten">
      <ol className="lr-quality-list">
        {items.map((s, i) => (
          <li key={s.id ?? `nieuw-${i}`} className="lr-quality-item">
            <TextField name={`spearheads.${i}.label`} label={`Speerpunt ${i + 1}`} value={s.label} onChange={(label) => set(i, { label })} />
            <TextAreaField name={`spearheads.${i}.description`} label="Toelichting" value={s.description} onChange={(description) => set(i, { description })} rows={2} />
            <div className="utrecht-button-group">
              <CheckboxField name={`spearheads.${i}.active`} label="In gebruik" checked={s.active} onChange={(active) => set(i, { active })} />
              {!s.id && (
                <SecondaryActionButton type="button" onClick={() => setItems((all) => all.filter((_, j) => j !== i))}>
                  Weghalen<span className="lr-visually-hidden"> {s.label}</span>
                </SecondaryActionButton>
              )}
            </div>
          </li>
        ))}
      </ol>
      <SecondaryActionButton type="button" onClick={() => setItems((all) => [...all, { label: '', description: '', active: true }])}>
        Speerpunt toevoegen
      </SecondaryActionButton>
    </Form>
  );
}

/** The spearheads of the partnership's support plan: the headings every school's action plan is written under. */
export function SpearheadsPage() {
  const client = useQueryClient();
  const q = useQuery({ queryKey: ['quality-spearheads'], queryFn: () => api.get<View>('quality/spearheads') });
  const { notice, flash } = useFlash();
  const [n, setN] = useState(0);
  if (q.isPending) return <Loading what="Speerpunten" />;
  if (q.isError) return <QueryError error={q.error} />;
  return (
    <>
      <Paragraph>
        <Link to="/kwaliteit/actieplannen">← Actieplannen</Link>
      </Paragraph>
      <PageTitle title="Speerpunten van het ondersteuningsplan" />
      <Paragraph>Elke school schrijft haar actieplan per speerpunt. Een speerpunt dat u uitzet, blijft in oudere plannen staan.</Paragraph>
      {notice}
      {q.data.allowed.manage ? (
        <SpearheadsForm
          key={n}
          view={q.data}
          onDone={async () => {
            await client.invalidateQueries({ queryKey: ['quality-spearheads'] });
            setN((x) => x + 1);
            flash('De speerpunten zijn opgeslagen.');
          }}
        />
      ) : (
        <ol className="lr-quality-list">
          {q.data.spearheads.filter((s) => s.active).map((s) => (
            <li key={s.id}>
              <strong>{s.label}</strong>
              {s.description && <Paragraph>{s.description}</Paragraph>}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

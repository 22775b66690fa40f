import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Heading2, Paragraph, SecondaryActionButton } from '@utrecht/component-library-react';
import { useState } from 'react';
import type { z } from 'zod';
import { useFlash } from '../../../web/actions.tsx';
import { api } from '../../../web/api.ts';
import { CheckboxField, TextAreaField, TextField } from '../../../web/forms.tsx';
import { Link, Loading, PageTitle, QueryError } from '../../../web/ui.tsx';
import { Form, useForm } from '../../../web/use-form.tsx';
import { FIRST_NEEDS, SettingsInput, supportLevels, type SettingsView } from '../schema.ts';
import './support-offer.css';

type Settings = z.infer<typeof SettingsView>;
type NeedDraft = { id?: string; label: string; description: string; active: boolean };


function SettingsForm({ s, onDone }: { s: Settings; onDone: () => void }) {
  const [needs, setNeeds] = useState<NeedDraft[]>(() =>
    s.needs.length ? s.needs.map((n) => ({ id: n.id, label: n.label, description: n.description, active: n.active })) : FIRST_NEEDS.map((n) => ({ ...n, active: true })),
  );
  const [levels, setLevels] = useState(s.levels);
  const [rules, setRules] = useState(s.rules);
  const form = useForm(SettingsInput, (input: z.output<typeof SettingsInput>) => api.put('support-offer/settings', input), { onDone });
  const setNeed = (i: number, n: Partial<NeedDraft>) => setNeeds((all) => all.map((x, j) => (j === i ? { ...x, ...n } : x)));
  const move = (i: number, by: number) =>
    setNeeds((all) => {
      const next = [...all];
      const [n] = next.splice(i, 1);
      next.splice(i + by, 0, n!);
      return next;
    });
  return (
    <Form form={form} onSubmit={() => form.submit({ needs, levels, rules })} submit={{ label: 'Opslaan' }} aria-label="Behoeften, niveaus en regels">
      <section aria-labelledby="behoeften">
        <Heading2 id="behoeften">Ondersteuningsbehoeften</Heading2>
        <Paragraph className="lr-muted">
          Elke school vult voor deze behoeften in wat zij biedt. Een behoefte die u uitzet, blijft in oude profielen staan maar komt niet in nieuwe.
        </Paragraph>
        <ol className="lr-offer-need-list">
          {needs.map((n, i) => (
            <li key={n.id ?? `nieuw-${i}`} className="lr-offer-need-row">
              <div className="lr-form-row">
                <TextField name={`needs.${i}.label`} label={`Behoefte ${i + 1}`} value={n.label} onChange={(label) => setNeed(i, { label })} />
                <TextField name={`needs.${i}.description`} label="Uitleg voor ouders" value={n.description} onChange={(description) => setNeed(i, { description })} />
              </div>
              <div className="utrecht-button-group">
                <CheckboxField name={`needs.${i}.active`} label="In gebruik" checked={n.active} onChange={(active) => setNeed(i, { active })} />
                {i > 0 && (
                  <SecondaryActionButton type="button" onClick={() => move(i, -1)}>
                    Omhoog<span className="lr-visually-hidden"> {n.label}</span>
                  </SecondaryActionButton>
                )}
                {!n.id && (
                  <SecondaryActionButton type="button" onClick={() => setNeeds((all) => all.filter((_, j) => j !== i))}>
                    Weghalen<span className="lr-visually-hidden"> {n.label}</span>
                  </SecondaryActionButton>
                )}
              </div>
            </li>
          ))}
        </ol>
        <SecondaryActionButton type="button" onClick={() => setNeeds((all) => [...all, { label: '', description: '', active: true }])}>
          Behoefte toevoegen
        </SecondaryActionButton>
      </section>

      <section aria-labelledby="niveaus">
        <Heading2 id="niveaus">Niveaus</Heading2>
        {supportLevels.map((l) => (
          <div key={l} className="lr-form-row">
            <TextField name={`levels.${l}.label`} label="Naam" value={levels[l].label} onChange={(label) => setLevels((x) => ({ ...x, [l]: { ...x[l], label } }))} />
            <TextAreaField name={`levels.${l}.description`} label={`Wat ${levels[l].label || l} betekent`} value={levels[l].description} onChange={(description) => setLevels((x) => ({ ...x, [l]: { ...x[l], description } }))} rows={2} />
          </div>
        ))}
      </section>

      <section aria-labelledby="regels">
        <Heading2 id="regels">Regels voor publiceren</Heading2>
        <CheckboxField name="rules.requireBasisForEveryNeed" label="Bij elke behoefte staat wat de school in de basisondersteuning biedt" checked={rules.requireBasisForEveryNeed} onChange={(v) => setRules((r) => ({ ...r, requireBasisForEveryNeed: v }))} />
        <CheckboxField name="rules.requireCapacity" label="Het profiel noemt het aantal plaatsen" checked={rules.requireCapacity} onChange={(v) => setRules((r) => ({ ...r, requireCapacity: v }))} />
        <CheckboxField name="rules.requireContact" label="Het profiel noemt een telefoonnummer of e-mailadres" checked={rules.requireContact} onChange={(v) => setRules((r) => ({ ...r, requireContact: v }))} />
        <TextField name="rules.updateBefore" label="Elk schooljaar gepubliceerd vóór (maand-dag)" description="Bijvoorbeeld 10-01 voor 1 oktober." value={rules.updateBefore} onChange={(updateBefore) => setRules((r) => ({ ...r, updateBefore }))} />
      </section>
    </Form>
  );
}

/** The partnership's list of needs, its words for the levels and its rules for publishing a profile. */
export function SupportOfferSettingsPage() {
  const client = useQueryClient();
  const settings = useQuery({ queryKey: ['support-offer-settings'], queryFn: () => api.get<Settings>('support-offer/settings') });
  const { notice, flash } = useFlash();
  const [n, setN] = useState(0);
  if (settings.isPending) return <Loading what="Instellingen" />;
  if (settings.isError) return <QueryError error={settings.error} />;
  const s = settings.data;
  return (
    <>
      <Paragraph>
        <Link to="/profielen">← Ondersteuningsprofielen</Link>
      </Paragraph>
      <PageTitle title="Ondersteuningsprofielen: behoeften en regels" />
      {notice}
      {s.allowed.manage ? (
        <SettingsForm
          key={n}
          s={s}
          onDone={async () => {
            await client.invalidateQueries({ queryKey: ['support-offer-settings'] });
            setN((x) => x + 1);
            flash('De behoeften, niveaus en regels zijn opgeslagen.');
          }}
        />
      ) : (
        <Paragraph>Alleen de beheerder en de directeur van het samenwerkingsverband stellen dit vast.</Paragraph>
      )}
    </>
  );
}

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Heading2, Paragraph, SecondaryActionButton } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { z } from 'zod';
import { DateField, plausible } from '../../../web/date-fields.tsx';
import { useFlash, useUnloadWarning } from '../../../web/actions.tsx';
import { api } from '../../../web/api.ts';
import { CheckboxField, TextAreaField, TextField } from '../../../web/forms.tsx';
import { dateTime, day, Link, Loading, PageTitle, QueryError } from '../../../web/ui.tsx';
import { Form, useForm } from '../../../web/use-form.tsx';
import {
  FIRST_THEMES,
  RoundTableInput,
  roundTableAudienceLabels,
  roundTableAudiences,
  verdictLabels,
  verdicts,
  type RoundTableView,
  type Verdict,
} from '../round-table-schema.ts';
import './quality.css';

type View = z.infer<typeof RoundTableView>;
type Input = z.output<typeof RoundTableInput>;
type ThemeDraft = { theme: string } & Record<Verdict, string>;

/** One point per line, as typed; empty lines dropped. */
const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);
/** A point's error ('content.themes.0.keep.3') is shown at its column's field. */
const fieldName = (path: string) => path.replace(/^(content\.themes\.\d+\.(keep|drop|miss))\.\d+$/, '$1');

function RoundTableForm({ view, onSaved }: { view: View | null; onSaved: (id: string | null) => void }) {
  const [title, setTitle] = useState(view?.title ?? '');
  const [heldOn, setHeldOn] = useState(view?.heldOn ?? '');
  const [audiences, setAudiences] = useState<string[]>(view?.audiences ?? []);
  const [statements, setStatements] = useState(view?.content.statements ?? [{ text: '', reactions: '' }]);
  const [themes, setThemes] = useState<ThemeDraft[]>(() =>
    view ? view.content.themes.map((t) => ({ theme: t.theme, keep: t.keep.join('\n'), drop: t.drop.join('\n'), miss: t.miss.join('\n') })) : [{ theme: '', keep: '', drop: '', miss: '' }],
  );
  const [dirty, setDirty] = useState(false);
  useUnloadWarning(dirty);
  const change = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setDirty(true);
  };
  const form = useForm(
    RoundTableInput,
    async (input: Input) => (view ? (await api.put(`quality/round-tables/${view.id}`, { ...input, revision: view.revision }), null) : (await api.post<{ id: string }>('quality/round-tables', input)).id),
    {
      fieldName,
      onDone: (id) => {
        setDirty(false);
        onSaved(id);
      },
    },
  );
  const setStatement = (i: number, d: Partial<{ text: string; reactions: string }>) => change(setStatements)(statements.map((s, j) => (j === i ? { ...s, ...d } : s)));
  const setTheme = (i: number, d: Partial<ThemeDraft>) => change(setThemes)(themes.map((t, j) => (j === i ? { ...t, ...d } : t)));
  const unused = FIRST_THEMES.filter((t) => !themes.some((x) => x.theme.trim().toLowerCase() === t.toLowerCase()));
  return (
    <Form
      form={form}
      onSubmit={() =>
        form.submit({
          title,
          heldOn,
          audiences,
          content: { statements, themes: themes.map((t) => ({ theme: t.theme, keep: lines(t.keep), drop: lines(t.drop), miss: lines(t.miss) })) },
        })
      }
      submit={{ label: view ? 'Verslag opslaan' : 'Thematafel vastleggen' }}
      aria-label="Verslag van de thematafel"
    >
      <TextField name="title" label="Naam van de thematafel" description="Bijvoorbeeld: Thematafel directeuren." value={title} onChange={change(setTitle)} />
      <DateField name="heldOn" label="Datum" value={heldOn} onChange={change(setHeldOn)} plausible={plausible.past()} />
      <fieldset className="lr-quality-fieldset" id="veld-audiences">
        <legend>Wie zaten er aan tafel?</legend>
        {roundTableAudiences.map((a) => (
          <CheckboxField
            key={a}
            name={`audiences.${a}`}
            label={roundTableAudienceLabels[a]}
            checked={audiences.includes(a)}
            onChange={(on) => change(setAudiences)(on ? [...audiences, a] : audiences.filter((x) => x !== a))}
          />
        ))}
      </fieldset>

      <Heading2>Stellingen</Heading2>
      <ol className="lr-quality-list">
        {statements.map((s, i) => (
          <li key={i} className="lr-quality-item">
            <TextAreaField name={`content.statements.${i}.text`} label={`Stelling ${i + 1}`} value={s.text} onChange={(text) => setStatement(i, { text })} rows={2} />
            <TextAreaField name={`content.statements.${i}.reactions`} label="Reacties uit de zaal" value={s.reactions} onChange={(reactions) => setStatement(i, { reactions })} rows={3} />
            <SecondaryActionButton type="button" onClick={() => change(setStatements)(statements.filter((_, j) => j !== i))}>
              Stelling weghalen<span className="lr-visually-hidden"> {i + 1}</span>
            </SecondaryActionButton>
          </li>
        ))}
      </ol>
      <SecondaryActionButton type="button" onClick={() => change(setStatements)([...statements, { text: '', reactions: '' }])}>
        Stelling toevoegen
      </SecondaryActionButton>

      <Heading2>Thema’s</Heading2>
      <Paragraph>Schrijf per kolom één punt per regel.</Paragraph>
      <ol className="lr-quality-list">
        {themes.map((t, i) => (
          <li key={i} className="lr-quality-item">
            <TextField name={`content.themes.${i}.theme`} label={`Thema ${i + 1}`} value={t.theme} onChange={(theme) => setTheme(i, { theme })} />
            <div className="lr-round-table-verdicts">
              {verdicts.map((v) => (
                <TextAreaField key={v} name={`content.themes.${i}.${v}`} label={`${verdictLabels[v]} (${t.theme || `thema ${i + 1}`})`} value={t[v]} onChange={(text) => setTheme(i, { [v]: text })} rows={4} />
              ))}
            </div>
            <SecondaryActionButton type="button" onClick={() => change(setThemes)(themes.filter((_, j) => j !== i))}>
              Thema weghalen<span className="lr-visually-hidden"> {t.theme || i + 1}</span>
            </SecondaryActionButton>
          </li>
        ))}
      </ol>
      <div className="utrecht-button-group">
        <SecondaryActionButton type="button" onClick={() => change(setThemes)([...themes, { theme: '', keep: '', drop: '', miss: '' }])}>
          Thema toevoegen
        </SecondaryActionButton>
        {unused.slice(0, 3).map((name) => (
          <SecondaryActionButton key={name} type="button" onClick={() => change(setThemes)([...themes, { theme: name, keep: '', drop: '', miss: '' }])}>
            {name} toevoegen
          </SecondaryActionButton>
        ))}
      </div>
    </Form>
  );
}

function ReadOnly({ v }: { v: View }) {
  return (
    <>
      <Paragraph>
        {day(v.heldOn)}. Aan tafel: {v.audiences.map((a) => roundTableAudienceLabels[a]).join(', ')}.
      </Paragraph>
      <Heading2>Stellingen</Heading2>
      <ol className="lr-quality-list">
        {v.content.statements.map((s, i) => (
          <li key={i}>
            <strong>{s.text}</strong>
            {s.reactions && <Paragraph>{s.reactions}</Paragraph>}
          </li>
        ))}
      </ol>
      <Heading2>Thema’s</Heading2>
      {v.content.themes.map((t, i) => (
        <section key={i} aria-label={t.theme} className="lr-round-table-theme">
          <h3 className="utrecht-heading-3">{t.theme}</h3>
          <div className="lr-round-table-verdicts">
            {verdicts.map((verdict) => (
              <div key={verdict}>
                <Paragraph>
                  <strong>{verdictLabels[verdict]}</strong>
                </Paragraph>
                {t[verdict].length ? (
                  <ul>
                    {t[verdict].map((p, j) => (
                      <li key={j}>{p}</li>
                    ))}
                  </ul>
                ) : (
                  <Paragraph className="lr-muted">Niets genoemd.</Paragraph>
                )}
              </div>
            ))}
          </div>
        </section>
      ))}
    </>
  );
}

/** One round table: its record, written by the partnership; read by the schools' leaders and OCOs. `/kwaliteit/thematafels/nieuw` records a new one. */
export function RoundTablePage() {
  const { id = '' } = useParams();
  const isNew = id === 'nieuw';
  const client = useQueryClient();
  const navigate = useNavigate();
  const { notice, flash } = useFlash();
  const [n, setN] = useState(0);
  const q = useQuery({ queryKey: ['quality-round-table', id], queryFn: () => api.get<View>(`quality/round-tables/${id}`), enabled: !isNew });
  const back = (
    <Paragraph>
      <Link to="/kwaliteit/thematafels">← Thematafels</Link>
    </Paragraph>
  );
  if (isNew) {
    return (
      <>
        {back}
        <PageTitle title="Thematafel vastleggen" />
        <RoundTableForm
          view={null}
          onSaved={async (created) => {
            await client.invalidateQueries({ queryKey: ['quality-round-tables'] });
            navigate(`/kwaliteit/thematafels/${created}`);
          }}
        />
      </>
    );
  }
  if (q.isPending) return <Loading what="Thematafel" />;
  if (q.isError) return <QueryError error={q.error} />;
  const v = q.data;
  return (
    <>
      {back}
      <PageTitle title={v.title} />
      {notice}
      {v.allowed.manage ? (
        <>
          <Paragraph className="lr-muted">
            Laatst opgeslagen {dateTime(v.updatedAt)}
            {v.updatedBy ? ` door ${v.updatedBy}` : ''}.
          </Paragraph>
          <RoundTableForm
            key={`${v.revision}-${n}`}
            view={v}
            onSaved={async () => {
              await client.invalidateQueries({ queryKey: ['quality-round-table', id] });
              await client.invalidateQueries({ queryKey: ['quality-round-tables'] });
              setN((x) => x + 1);
              flash('Het verslag is opgeslagen.');
            }}
          />
        </>
      ) : (
        <ReadOnly v={v} />
      )}
    </>
  );
}

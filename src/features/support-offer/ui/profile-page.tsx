import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Heading2, Paragraph, SecondaryActionButton } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useParams } from 'react-router';
import type { z } from 'zod';
import { useFlash, useUnloadWarning } from '../../../web/actions.tsx';
import { api, type Json } from '../../../web/api.ts';
import { CheckboxField, fieldId, SelectField, TextAreaField, TextField } from '../../../web/forms.tsx';
import { dateTime, Loading, Notice, PageTitle, QueryError } from '../../../web/ui.tsx';
import { Form, useForm } from '../../../web/use-form.tsx';
import {
  aspectLabels,
  aspects,
  capacityKey,
  capacityLevels,
  FreePlacesInput,
  provisionLabels,
  provisions,
  PublishInput,
  SaveProfileInput,
  supportLevels,
  type ProfileContent,
  type ProfileView,
  type SupportLevel,
} from '../schema.ts';
import './support-offer.css';

type View = Json<ProfileView>;
type Aspect = (typeof aspects)[number];
type Provision = (typeof provisions)[number];
interface OfferDraft {
  on: boolean;
  aspects: Aspect[];
  note: string;
}
interface Draft {
  summary: string;
  expertise: string;
  limits: string;
  offers: Record<string, OfferDraft>;
  provisions: Provision[];
  capacity: { level: string; yearGroup: string; places: string }[];
  contact: ProfileContent['contact'];
  lat: string;
  lon: string;
}

const offerKey = (needId: string, level: SupportLevel) => `${needId}|${level}`;

function toDraft(c: ProfileContent): Draft {
  return {
    summary: c.summary,
    expertise: c.expertise,
    limits: c.limits,
    offers: Object.fromEntries(c.offers.map((o) => [offerKey(o.needId, o.level), { on: true, aspects: o.aspects, note: o.note }])),
    provisions: c.provisions,
    capacity: c.capacity.map((r) => ({ level: r.level, yearGroup: r.yearGroup === null ? '' : String(r.yearGroup), places: String(r.places) })),
    contact: c.contact,
    lat: c.coordinates ? String(c.coordinates.lat) : '',
    lon: c.coordinates ? String(c.coordinates.lon) : '',
  };
}

/** A number as typed ('' is no number, so the schema names the field; a comma is a decimal point). */
const num = (s: string) => (s.trim() === '' ? Number.NaN : Number(s.replace(',', '.')));

/** The offers in the order of the form (need by need, level by level): their index names their fields. */
function offerOrder(needs: View['needs'], d: Draft) {
  const order: string[] = [];
  for (const n of needs) for (const level of supportLevels) if (d.offers[offerKey(n.id, level)]?.on) order.push(offerKey(n.id, level));
  return order;
}

function toContent(needs: View['needs'], d: Draft) {
  return {
    summary: d.summary,
    offers: offerOrder(needs, d).map((k) => {
      const [needId, level] = k.split('|') as [string, SupportLevel];
      const o = d.offers[k]!;
      return { needId, level, aspects: o.aspects, note: o.note };
    }),
    provisions: d.provisions,
    expertise: d.expertise,
    limits: d.limits,
    capacity: d.capacity.map((r) => ({ level: r.level, yearGroup: r.yearGroup === '' ? null : num(r.yearGroup), places: num(r.places) })),
    contact: d.contact,
    coordinates: d.lat.trim() === '' && d.lon.trim() === '' ? null : { lat: num(d.lat), lon: num(d.lon) },
  };
}

const levelOptions = capacityLevels.map((l) => ({ value: l, label: l === 'alle' ? 'Alle niveaus' : l }));

function NeedOffers({ need, view, draft, setOffer, order, readOnly }: {
  need: View['needs'][number];
  view: View;
  draft: Draft;
  setOffer: (key: string, o: OfferDraft) => void;
  order: string[];
  readOnly: boolean;
}) {
  return (
    <fieldset className="lr-offer-need">
      <legend>
        {need.label}
        {!need.active && ' (niet meer op de lijst)'}
      </legend>
      {need.description && <p className="lr-muted lr-small">{need.description}</p>}
      {supportLevels.map((level) => {
        const key = offerKey(need.id, level);
        const o = draft.offers[key] ?? { on: false, aspects: [], note: '' };
        const index = order.indexOf(key);
        const name = `content.offers.${index}`;
        return (
          <div key={level} className="lr-offer-level">
            <CheckboxField
              name={`aanbod-${key}`}
              label={`${view.settings.levels[level].label}: de school biedt dit`}
              checked={o.on}
              onChange={(on) => !readOnly && setOffer(key, { ...o, on })}
            />
            {o.on && (
              <div className="lr-offer-how">
                <fieldset className="lr-offer-aspects">
                  <legend className="lr-small">Hoe</legend>
                  {aspects.map((a) => (
                    <CheckboxField
                      key={a}
                      name={`aspect-${key}-${a}`}
                      label={aspectLabels[a]}
                      checked={o.aspects.includes(a)}
                      onChange={(v) => !readOnly && setOffer(key, { ...o, aspects: v ? aspects.filter((x) => x === a || o.aspects.includes(x)) : o.aspects.filter((x) => x !== a) })}
                    />
                  ))}
                </fieldset>
                <TextField name={`${name}.note`} label={`Toelichting bij ${need.label.toLowerCase()}, ${view.settings.levels[level].label.toLowerCase()}`} value={o.note} onChange={(note) => !readOnly && setOffer(key, { ...o, note })} />
              </div>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}

function ProfileForm({ view, onSaved, onDirty }: { view: View; onSaved: (revision: number) => void; onDirty: (dirty: boolean) => void }) {
  const content = view.content as ProfileContent;
  const [draft, setDraft] = useState<Draft>(() => toDraft(content));
  const [dirty, setDirty] = useState(false);
  useUnloadWarning(dirty);
  const readOnly = !view.allowed.edit;
  const change = (f: (d: Draft) => Draft) => {
    if (readOnly) return;
    setDraft(f);
    setDirty(true);
    onDirty(true);
  };
  const set = <K extends keyof Draft>(k: K) => (v: Draft[K]) => change((d) => ({ ...d, [k]: v }));
  const setContact = (k: keyof Draft['contact']) => (v: string) => change((d) => ({ ...d, contact: { ...d.contact, [k]: v } }));
  const order = offerOrder(view.needs, draft);
  const form = useForm(SaveProfileInput, (input: z.output<typeof SaveProfileInput>) => api.put<{ revision: number }>(`support-offer/profiles/${view.id}`, input), {
    onDone: (r) => {
      setDirty(false);
      onDirty(false);
      onSaved(r.revision);
    },
  });
  return (
    <Form
      form={form}
      aria-label="Ondersteuningsprofiel"
      onSubmit={() => form.submit({ revision: view.revision, content: toContent(view.needs, draft) })}
      submit={readOnly ? null : { label: 'Profiel opslaan', testId: 'profiel-opslaan' }}
      labels={{ 'content.offers': 'Ondersteuning per behoefte', 'content.capacity': 'Plaatsen', 'content.contact.phone': 'Telefoon' }}
    >
      <section aria-labelledby="kort">
        <Heading2 id="kort">In het kort</Heading2>
        <TextAreaField name="content.summary" label="Wat voor school is dit, voor een leerling die extra hulp nodig heeft?" description="In gewone woorden, voor ouders. Hoogstens 600 tekens." value={draft.summary} onChange={set('summary')} rows={3} readOnly={readOnly} />
      </section>

      <section aria-labelledby="per-behoefte" id={fieldId('content.offers')} tabIndex={-1}>
        <Heading2 id="per-behoefte">Ondersteuning per behoefte</Heading2>
        <Paragraph className="lr-muted">
          Vink per niveau aan wat de school biedt, en hoe: met extra handen, materialen, een aangepaste ruimte, deskundigheid of samenwerking met anderen.
        </Paragraph>
        {view.needs.length === 0 && <Notice type="warning">Het samenwerkingsverband heeft nog geen lijst van ondersteuningsbehoeften vastgesteld.</Notice>}
        <div className="lr-offer-needs">
          {view.needs.map((n) => (
            <NeedOffers key={n.id} need={n} view={view} draft={draft} order={order} readOnly={readOnly} setOffer={(key, o) => change((d) => ({ ...d, offers: { ...d.offers, [key]: o } }))} />
          ))}
        </div>
      </section>

      <section aria-labelledby="voorzieningen">
        <Heading2 id="voorzieningen">Voorzieningen en deskundigheid</Heading2>
        <fieldset className="lr-offer-provisions">
          <legend>Voorzieningen in de school</legend>
          {provisions.map((p) => (
            <CheckboxField
              key={p}
              name={`voorziening-${p}`}
              label={provisionLabels[p]}
              checked={draft.provisions.includes(p)}
              onChange={(v) => set('provisions')(v ? provisions.filter((x) => x === p || draft.provisions.includes(x)) : draft.provisions.filter((x) => x !== p))}
            />
          ))}
        </fieldset>
        <TextAreaField name="content.expertise" label="Deskundigheid en andere voorzieningen" value={draft.expertise} onChange={set('expertise')} rows={3} readOnly={readOnly} />
        <TextAreaField name="content.limits" label="Grenzen: wat de school niet kan bieden" description="Eerlijk over grenzen helpt ouders en het samenwerkingsverband een passende plek te vinden." value={draft.limits} onChange={set('limits')} rows={3} readOnly={readOnly} />
      </section>

      <section aria-labelledby="plaatsen" id={fieldId('content.capacity')} tabIndex={-1}>
        <Heading2 id="plaatsen">Plaatsen</Heading2>
        <Paragraph className="lr-muted">Hoeveel leerlingen met extra ondersteuning de school per niveau en leerjaar kan opnemen. Leeg leerjaar: alle leerjaren.</Paragraph>
        {draft.capacity.map((r, i) => (
          <div className="lr-form-row lr-offer-capacity" key={i}>
            <SelectField name={`content.capacity.${i}.level`} label="Niveau" value={r.level} onChange={(v) => set('capacity')(draft.capacity.map((x, j) => (j === i ? { ...x, level: v } : x)))} options={levelOptions} />
            <TextField name={`content.capacity.${i}.yearGroup`} label="Leerjaar" inputMode="numeric" value={r.yearGroup} onChange={(v) => set('capacity')(draft.capacity.map((x, j) => (j === i ? { ...x, yearGroup: v } : x)))} />
            <TextField name={`content.capacity.${i}.places`} label="Plaatsen" inputMode="numeric" value={r.places} onChange={(v) => set('capacity')(draft.capacity.map((x, j) => (j === i ? { ...x, places: v } : x)))} />
            {!readOnly && (
              <SecondaryActionButton type="button" onClick={() => set('capacity')(draft.capacity.filter((_, j) => j !== i))}>
                Verwijderen<span className="lr-visually-hidden"> rij {i + 1}</span>
              </SecondaryActionButton>
            )}
          </div>
        ))}
        {!readOnly && (
          <SecondaryActionButton type="button" onClick={() => set('capacity')([...draft.capacity, { level: 'alle', yearGroup: '', places: '' }])}>
            Rij toevoegen
          </SecondaryActionButton>
        )}
      </section>

      <section aria-labelledby="contact">
        <Heading2 id="contact">Contact en ligging</Heading2>
        <div className="lr-form-row">
          <TextField name="content.contact.name" label="Contactpersoon voor ondersteuning" value={draft.contact.name} onChange={setContact('name')} />
          <TextField name="content.contact.phone" label="Telefoon" type="tel" autoComplete="off" value={draft.contact.phone} onChange={setContact('phone')} />
        </div>
        <div className="lr-form-row">
          <TextField name="content.contact.email" label="E-mail" type="email" value={draft.contact.email} onChange={setContact('email')} />
          <TextField name="content.contact.website" label="Website" type="url" value={draft.contact.website} onChange={setContact('website')} />
        </div>
        <div className="lr-form-row">
          <TextField name="content.coordinates.lat" label="Breedtegraad (voor de kaart)" inputMode="text" value={draft.lat} onChange={set('lat')} description="Bijvoorbeeld 52,50. Leeg: de school staat niet op de kaart." />
          <TextField name="content.coordinates.lon" label="Lengtegraad" inputMode="text" value={draft.lon} onChange={set('lon')} description="Bijvoorbeeld 4,95." />
        </div>
      </section>
      {dirty && <Paragraph className="lr-muted">Er zijn wijzigingen die nog niet zijn opgeslagen.</Paragraph>}
    </Form>
  );
}

function PublishForm({ view, disabledReason, onDone }: { view: View; disabledReason: string | null; onDone: () => void }) {
  const form = useForm(PublishInput, (input: z.output<typeof PublishInput>) => api.post(`support-offer/profiles/${view.id}/publish`, input), { prefix: 'publiceren', onDone });
  return (
    <Form
      form={form}
      aria-labelledby="publiceren-titel"
      className="lr-form lr-card"
      intro={
        <>
          <Heading2 id="publiceren-titel">Publiceren</Heading2>
          <Paragraph>Na publiceren staat het opgeslagen profiel in de openbare schoolgids van het samenwerkingsverband.</Paragraph>
        </>
      }
      onSubmit={() => form.submit({ revision: view.revision })}
      disabledReason={disabledReason}
      submit={{ label: view.published ? 'Wijzigingen publiceren' : 'Profiel publiceren', testId: 'profiel-publiceren' }}
      labels={{ 'content.offers': 'Ondersteuning per behoefte', 'content.capacity': 'Plaatsen', 'content.contact.phone': 'Telefoon' }}
    />
  );
}

function FreePlacesForm({ view, onDone }: { view: View; onDone: () => void }) {
  const rows = (view.content as ProfileContent).capacity;
  const [free, setFree] = useState<Record<string, string>>(() => Object.fromEntries(rows.map((r) => [capacityKey(r), String(view.freePlaces[capacityKey(r)] ?? '')])));
  const form = useForm(FreePlacesInput, (input: z.output<typeof FreePlacesInput>) => api.put(`support-offer/profiles/${view.id}/free-places`, input), { onDone });
  if (rows.length === 0) return null;
  return (
    <Form
      form={form}
      aria-labelledby="vrij-titel"
      className="lr-form lr-card"
      intro={
        <>
          <Heading2 id="vrij-titel">Vrije plaatsen nu</Heading2>
          <Paragraph className="lr-muted">Houd dit actueel; het is meteen zichtbaar, zonder opnieuw te publiceren. {view.freePlacesAt ? `Bijgewerkt ${dateTime(view.freePlacesAt)}.` : ''}</Paragraph>
        </>
      }
      onSubmit={() => form.submit({ places: rows.map((r) => ({ key: capacityKey(r), free: num(free[capacityKey(r)] ?? '') })) })}
      submit={{ label: 'Vrije plaatsen opslaan' }}
    >
      {rows.map((r, i) => (
        <TextField
          key={capacityKey(r)}
          name={`places.${i}.free`}
          inputMode="numeric"
          label={`${r.level === 'alle' ? 'Alle niveaus' : r.level}${r.yearGroup ? `, leerjaar ${r.yearGroup}` : ''} (van ${r.places})`}
          value={free[capacityKey(r)] ?? ''}
          onChange={(v) => setFree((f) => ({ ...f, [capacityKey(r)]: v }))}
        />
      ))}
    </Form>
  );
}

/** One location's profile for one school year: written in one sitting, published by the school leader. */
export function ProfilePage() {
  const { id = '' } = useParams();
  const client = useQueryClient();
  const key = ['support-profile', id];
  const profile = useQuery({ queryKey: key, queryFn: () => api.get<View>(`support-offer/profiles/${id}`) });
  const { notice, flash } = useFlash({ testId: 'profiel-melding' });
  const [formKey, setFormKey] = useState(0);
  const [dirty, setDirty] = useState(false);
  const reload = async (message: string) => {
    await client.invalidateQueries({ queryKey: key });
    await client.invalidateQueries({ queryKey: ['support-profiles'] });
    flash(message);
  };
  if (profile.isPending) return <Loading what="Profiel" />;
  if (profile.isError) {
    return (
      <>
        <PageTitle title="Ondersteuningsprofiel" />
        <QueryError error={profile.error} />
      </>
    );
  }
  const v = profile.data;
  const status = !v.published ? 'Nog niet gepubliceerd.' : v.changedSincePublished ? `Gepubliceerd ${dateTime(v.published.at)}; er zijn opgeslagen wijzigingen die nog niet gepubliceerd zijn.` : `Gepubliceerd ${dateTime(v.published.at)}${v.published.by ? ` door ${v.published.by}` : ''}.`;
  return (
    <>
      <PageTitle title={`Ondersteuningsprofiel ${v.school.name}, ${v.location.name}`} />
      <Paragraph>
        Schooljaar {v.schoolYear}. {status} Laatst opgeslagen {dateTime(v.updatedAt)}
        {v.updatedBy ? ` door ${v.updatedBy}` : ''}.
      </Paragraph>
      {notice}
      <div className="lr-offer-layout">
        <ProfileForm
          key={`${formKey}-${v.revision}`}
          view={v}
          onDirty={setDirty}
          onSaved={() => {
            setFormKey((k) => k + 1);
            void reload('Het profiel is opgeslagen.');
          }}
        />
        <aside className="lr-offer-aside" aria-label="Publiceren en vrije plaatsen">
          {v.allowed.publish && (v.changedSincePublished || !v.published) && <PublishForm view={v} disabledReason={dirty ? 'Sla eerst uw wijzigingen op; publiceren doet u met het opgeslagen profiel.' : null} onDone={() => void reload('Het profiel is gepubliceerd.')} />}
          {v.allowed.freePlaces && <FreePlacesForm key={v.revision} view={v} onDone={() => void reload('De vrije plaatsen zijn opgeslagen.')} />}
        </aside>
      </div>
    </>
  );
}

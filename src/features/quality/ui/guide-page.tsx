import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Heading2, Paragraph } from '@utrecht/component-library-react';
import type { z } from 'zod';
import { api } from '../../../web/api.ts';
import { SelectField } from '../../../web/forms.tsx';
import { ListToolbar, useListParams } from '../../../web/list-table.tsx';
import { Loading, PageTitle, QueryError } from '../../../web/ui.tsx';
import { findingKindLabels, guideThemes, type GuideView } from '../audit-schema.ts';
import './quality.css';

type View = z.infer<typeof GuideView>;

/**
 * The shared guide of the peer audits (seed 000, "Handreiking van scholen
 * voor scholen"): success factors and pitfalls by theme, with the school year
 * they were found in, for every school to read and search. It grows with
 * every round's reports.
 */
export function GuidePage() {
  const { params, set } = useListParams();
  const q = params.get('zoek') ?? '';
  const theme = params.get('thema') ?? '';
  const guide = useQuery({
    queryKey: ['quality-guide', q, theme],
    queryFn: () => api.get<View>('quality/guide', { q: q || undefined, theme: theme || undefined }),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <PageTitle title="Handreiking: tips van scholen voor scholen" />
      <Paragraph>
        De succesfactoren en valkuilen uit de verslagen van de onderlinge audits, per thema en met het schooljaar waarin ze zijn gevonden. Na elke auditronde wordt de
        handreiking aangevuld. Elke school is uniek: weeg zelf af wat in uw praktijk past.
      </Paragraph>
      <ListToolbar label="Zoeken in de handreiking" search={{ value: q, onSearch: (v) => set({ zoek: v }), label: 'Zoek in de tips' }}>
        <SelectField name="thema" label="Thema" value={theme} onChange={(v) => set({ thema: v })} options={[{ value: '', label: 'Alle thema’s' }, ...guideThemes.map((t) => ({ value: t, label: t }))]} />
      </ListToolbar>
      {guide.isPending ? (
        <Loading what="Handreiking" />
      ) : guide.isError ? (
        <QueryError error={guide.error} />
      ) : guide.data.total === 0 ? (
        <Paragraph>{q || theme ? 'Geen tips gevonden. Probeer een ander woord of thema.' : 'Nog geen tips: de handreiking vult zich met de verslagen van de audits.'}</Paragraph>
      ) : (
        <>
          <Paragraph aria-live="polite">
            {guide.data.total} {guide.data.total === 1 ? 'tip' : 'tips'} in {guide.data.themes.length} {guide.data.themes.length === 1 ? 'thema' : 'thema’s'}.
          </Paragraph>
          {guide.data.themes.map((t) => (
            <section key={t.theme} aria-label={t.theme}>
              <Heading2>{t.theme}</Heading2>
              {(['success', 'pitfall'] as const).map((kind) => {
                const entries = t.entries.filter((e) => e.kind === kind);
                if (!entries.length) return null;
                return (
                  <div key={kind}>
                    <Paragraph>
                      <strong>{findingKindLabels[kind]}</strong>
                    </Paragraph>
                    <ul>
                      {entries.map((e, i) => (
                        <li key={i}>
                          {e.text} <span className="lr-muted">({e.schoolYear})</span>
                        </li>
                      ))}
                    </ul>
                  </div>
                );
              })}
            </section>
          ))}
        </>
      )}
    </>
  );
}

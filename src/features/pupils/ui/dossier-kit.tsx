import type { ReactNode } from 'react';
import type { z } from 'zod';

// Shared with the OPP and request pages.
export { Disclosure, TextAreaField } from '../../../web/forms.tsx';
export { useAction, useFlash } from '../../../web/actions.tsx';
import { supportLevelLabels, type PupilPage, type supportLevels } from '../schema.ts';

/** The pupil page as it arrives over JSON (dates are ISO strings; ui.tsx formats both). */
export type PupilPageData = z.infer<typeof PupilPage>;
export type SupportLevel = (typeof supportLevels)[number];

export const pupilKey = (id: string) => ['pupil', id] as const;

export const documentCategoryLabels: Record<string, string> = {
  toetsverslag: 'Toetsverslag',
  okr: 'Onderwijskundig rapport (OKR)',
  verslag: 'Verslag',
  medisch: 'Medisch of psychiatrisch verslag (gezondheid)',
  brief: 'Brief',
  overig: 'Overig',
};

export const supportLevelLabel = (level: string | null | undefined) =>
  level ? (supportLevelLabels[level as SupportLevel] ?? level) : '—';

export function SupportBadge({ level }: { level: SupportLevel }) {
  return <span className={`lr-badge lr-level lr-level--${level}`}>{supportLevelLabels[level]}</span>;
}

export const CONFIDENTIAL_HIDDEN = 'Vertrouwelijke aantekening (alleen zichtbaar voor het ondersteuningsteam)';

/** Prefixes the labels for an error summary's links. */
export const prefixLabels = (prefix: string, labels: Record<string, string>) =>
  Object.fromEntries(Object.entries(labels).map(([k, v]) => [`${prefix}.${k}`, v]));

/** A section of the pupil page with its own h2 and an anchor for the table of contents. */
export function Section({ id, title, children, actions }: { id: string; title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <section className="lr-dossier-section" aria-labelledby={`${id}-titel`} id={id}>
      <div className="lr-dossier-section__head">
        <h2 className="utrecht-heading-2" id={`${id}-titel`}>
          {title}
        </h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

export const bytes = (n: number) => (n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toLocaleString('nl-NL', { maximumFractionDigits: 1 })} MB` : `${Math.max(1, Math.round(n / 1024))} kB`);

import { useEffect, useRef, useState, type ReactNode } from 'react';
import { z } from 'zod';
import type { Json } from '../../../web/api.ts';
import { SelectField } from '../../../web/forms.tsx';
import { Form, useForm } from '../../../web/use-form.tsx';

// Shared with the dossier and request pages.
export { Disclosure, RadioGroup, TextAreaField } from '../../../web/forms.tsx';
export { useAction } from '../../../web/actions.tsx';
import { destinationsByKind, oppStatusLabels, type FactOption, type OppPage, type OppVersion, type oppStatuses } from '../schema.ts';

export type OppPageData = Json<z.infer<typeof OppPage>>;
export type OppVersionData = Json<z.infer<typeof OppVersion>>;
export type FactOptionData = z.infer<typeof FactOption>;
export interface PupilPlan {
  id: string;
  kind: string;
  status: string;
  currentVersion: number;
  createdAt: string;
  nextEvaluationOn: string | null;
}

export const oppKey = (id: string) => ['opp', id] as const;
export const oppVersionKey = (id: string, number: number) => ['opp', id, 'version', number] as const;
export const oppFactsKey = (pupilId: string) => ['pupil', pupilId, 'opp-facts'] as const;
export const pupilPlansKey = (pupilId: string) => ['pupil', pupilId, 'opps'] as const;

export const versionStatusLabels: Record<string, string> = { ...oppStatusLabels, superseded: 'Vervangen' };
export const statusLabel = (s: string) => versionStatusLabels[s] ?? s;

/** Status as text plus colour (never colour alone); every pair passes 4.5:1. */
export function StatusBadge({ status }: { status: (typeof oppStatuses)[number] | string }) {
  return <span className={`lr-badge lr-opp-status lr-opp-status--${status}`}>{statusLabel(status)}</span>;
}

export const factorCategoryLabels: Record<string, string> = {
  leren: 'Leren',
  gedrag: 'Gedrag',
  sociaal_emotioneel: 'Sociaal-emotioneel',
  thuis: 'Thuissituatie',
  gezondheid: 'Gezondheid',
  werkhouding: 'Werkhouding',
  taal: 'Taal',
  anders: 'Anders',
};

export const factSourceLabels: Record<string, string> = {
  kwadrant: 'Kwadrant',
  logbook: 'Logboek',
  meeting_decision: 'Besluit overleg',
  agreement: 'Afspraak',
  need: 'Ondersteuningsbehoefte',
};

export const goalResultLabels: Record<string, string> = { achieved: 'Behaald', partly: 'Deels behaald', not: 'Niet behaald' };
export const measureDecisionLabels: Record<string, string> = { continue: 'Doorgaan', change: 'Aanpassen', stop: 'Stoppen' };
export const outcomeLabels: Record<string, string> = { new_version: 'Nieuwe versie van het plan', close: 'Plan afsluiten (terug naar basisondersteuning)' };
export const signerLabels: Record<string, string> = { parent: 'Ouder of verzorger', pupil: 'Leerling' };

/** The five questions parents read first (B1). */
export const summaryQuestions = [
  ['whatWeSee', 'Wat zien we bij uw kind?'],
  ['whatWeAim', 'Wat willen we bereiken?'],
  ['whatSchoolDoes', 'Wat doet de school?'],
  ['whatWeAsk', 'Wat vragen we van u (en van uw kind)?'],
  ['nextTalk', 'Wanneer praten we weer?'],
] as const;

/** Exit destinations by school kind: po/sbo → po; vo/pro/opdc → vo; vso/so → vso. */
export function destinationsFor(schoolKind: string) {
  const k = schoolKind.toLowerCase();
  const group = k === 'po' || k === 'sbo' ? 'po' : k === 'vso' || k === 'so' ? 'vso' : 'vo';
  return destinationsByKind[group] ?? [];
}
export function destinationLabel(schoolKind: string, value: string) {
  if (!value) return '—';
  return destinationsFor(schoolKind).find((d) => d.value === value)?.label ?? Object.values(destinationsByKind).flat().find((d) => d.value === value)?.label ?? value;
}

/** A short-lived confirmation read out by screen readers. */
export function useFlash() {
  const [message, setMessage] = useState<string | null>(null);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  const flash = (m: string) => {
    setMessage(m);
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => setMessage(null), 10000);
  };
  const clear = () => setMessage(null);
  return { message, flash, clear };
}

/** A section of the OPP page with its own h2 and an anchor. */
export function OppSection({ id, title, children, actions, intro }: { id: string; title: string; children: ReactNode; actions?: ReactNode; intro?: ReactNode }) {
  return (
    <section className="lr-opp-section" aria-labelledby={`${id}-titel`} id={id}>
      <div className="lr-opp-section__head">
        <h2 className="utrecht-heading-2" id={`${id}-titel`} tabIndex={-1}>
          {title}
        </h2>
        {actions}
      </div>
      {intro && <p className="lr-muted lr-opp-intro">{intro}</p>}
      {children}
    </section>
  );
}

/** A modal dialog on the native <dialog>: focus is trapped and returns to the opener; Escape closes. */
export function Modal({ id, title, open, onClose, children }: { id: string; title: string; open: boolean; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      id={id}
      className="lr-opp-dialog"
      aria-labelledby={`${id}-titel`}
      onClose={onClose}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <div className="lr-opp-dialog__head">
        <h2 className="utrecht-heading-2" id={`${id}-titel`}>
          {title}
        </h2>
        <button type="button" className="utrecht-button utrecht-button--subtle lr-opp-dialog__close" onClick={onClose}>
          Sluiten
        </button>
      </div>
      {open && children}
    </dialog>
  );
}

/** A new id for a goal or measure row: short, unique enough within one plan. */
export const newRowId = () => Math.random().toString(36).slice(2, 10);

const VersionPair = z.object({ a: z.string(), b: z.string() });

/** Two versions to compare, left and right: the OPP page's versions section and the compare page. */
export function VersionPicker({ label, submitLabel, versions, a, b, setA, setB, onCompare }: {
  label: string;
  submitLabel: string;
  versions: number[];
  a: string;
  b: string;
  setA: (v: string) => void;
  setB: (v: string) => void;
  onCompare: (pair: { a: string; b: string }) => void;
}) {
  const form = useForm(VersionPair, async (pair) => onCompare(pair));
  const options = versions.map((n) => ({ value: String(n), label: `Versie ${n}` }));
  return (
    <Form form={form} className="lr-opp-compare-form" aria-label={label} onSubmit={() => form.submit({ a, b })} submit={{ label: submitLabel, secondary: true }}>
      <SelectField name="vergelijk.a" label="Versie links" value={a} onChange={setA} options={options} />
      <SelectField name="vergelijk.b" label="Versie rechts" value={b} onChange={setB} options={options} />
    </Form>
  );
}

import { useQuery } from '@tanstack/react-query';
import { Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import type { z } from 'zod';
import { api } from '../../../web/api.ts';
import { SelectField, useFields } from '../../../web/forms.tsx';
import { dateTime, Notice } from '../../../web/ui.tsx';
import { CaseManagerInput, SupportLevelInput, supportLevelLabels, supportLevels } from '../schema.ts';
import { Disclosure, prefixLabels, Section, SupportBadge, supportLevelLabel, TextAreaField, useFlash, type PupilPageData } from './dossier-kit.tsx';
import { useRefresh } from './support-kit.tsx';
import { Form, useForm } from '../../../web/use-form.tsx';

const levelLabels = { level: 'Nieuw niveau', reason: 'Reden' };

function SupportLevelForm({ p, onDone }: { p: PupilPageData; onDone: () => void }) {
  const refresh = useRefresh(p.id);
  const { values, set, setValues } = useFields({ level: '', reason: '' });
  const form = useForm(SupportLevelInput, (input: z.output<typeof SupportLevelInput>) => api.put(`pupils/${p.id}/support-level`, input), { prefix: 'niveau', onDone: async () => {
    setValues({ level: '', reason: '' });
    await refresh();
    onDone();
  } });
  return (
    <Form
      form={form}
      aria-label="Ondersteuningsniveau wijzigen"
      onSubmit={() => form.submit({ level: values.level || undefined, reason: values.reason })}
      labels={prefixLabels('niveau', levelLabels)}
      submit={{ label: 'Niveau opslaan' }}
    >
      <SelectField
        name={form.name('level')}
        label={levelLabels.level}
        value={values.level}
        onChange={set('level')}
        options={supportLevels.filter((l) => l !== p.supportLevel).map((l) => ({ value: l, label: supportLevelLabels[l] }))}
        placeholder="Kies een niveau"
      />
      <TextAreaField name={form.name('reason')} label={levelLabels.reason} description="Waarom verandert het niveau? Dit komt in de geschiedenis." value={values.reason} onChange={set('reason')} rows={3} />
    </Form>
  );
}

export function SupportLevelSection({ p }: { p: PupilPageData }) {
  const [open, setOpen] = useState(false);
  const { notice, flash } = useFlash();
  const history = p.supportHistory.filter((h) => h.field === 'support_level');
  return (
    <Section id="ondersteuningsniveau" title="Ondersteuningsniveau">
      <Paragraph>
        Huidig niveau: <SupportBadge level={p.supportLevel} />
      </Paragraph>
      {notice}
      {p.allowed.manageSupport && (
        <Disclosure id="niveau-formulier" label="Niveau wijzigen" open={open} onOpenChange={setOpen}>
          <SupportLevelForm
            p={p}
            onDone={() => {
              setOpen(false);
              flash('Het ondersteuningsniveau is gewijzigd.');
            }}
          />
        </Disclosure>
      )}
      <h3 className="utrecht-heading-3">Geschiedenis</h3>
      {history.length === 0 ? (
        <Paragraph className="lr-muted">Het niveau is nog niet gewijzigd.</Paragraph>
      ) : (
        <ol className="lr-history">
          {history.map((h, i) => (
            <li key={i}>
              <strong>
                {supportLevelLabel(h.oldValue)} → {supportLevelLabel(h.newValue)}
              </strong>
              <span className="lr-muted">
                {' '}
                · {dateTime(h.changedAt)} · {h.changedBy.name}
              </span>
              <div>Reden: {h.reason}</div>
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}

const cmLabels = { userId: 'Nieuwe casemanager', reason: 'Reden' };

function CaseManagerForm({ p, onDone }: { p: PupilPageData; onDone: () => void }) {
  const refresh = useRefresh(p.id);
  const candidates = useQuery({ queryKey: ['pupil', p.id, 'case-manager-candidates'], queryFn: () => api.get<{ id: string; name: string }[]>(`pupils/${p.id}/case-manager-candidates`) });
  const { values, set, setValues } = useFields({ userId: '', reason: '' });
  const form = useForm(CaseManagerInput, (input: z.output<typeof CaseManagerInput>) => api.put(`pupils/${p.id}/case-manager`, input), { prefix: 'casemanager', onDone: async () => {
    setValues({ userId: '', reason: '' });
    await refresh();
    onDone();
  } });
  const NONE = 'geen';
  const options = [
    ...(candidates.data ?? []).filter((c) => c.id !== p.caseManager?.id).map((c) => ({ value: c.id, label: c.name })),
    ...(p.caseManager ? [{ value: NONE, label: 'Geen casemanager' }] : []),
  ];
  return (
    <Form
      form={form}
      aria-label="Casemanager wijzigen"
      onSubmit={() => form.submit({ userId: values.userId === NONE ? null : values.userId || undefined, reason: values.reason })}
      labels={prefixLabels('casemanager', cmLabels)}
      submit={{ label: 'Casemanager opslaan' }}
    >
      {candidates.isError && <Notice type="error">De lijst met medewerkers kon niet worden geladen.</Notice>}
      <SelectField
        name={form.name('userId')}
        label={cmLabels.userId}
        value={values.userId}
        onChange={set('userId')}
        options={options}
        placeholder={candidates.isPending ? 'Medewerkers laden…' : 'Kies een medewerker'}
      />
      <TextAreaField name={form.name('reason')} label={cmLabels.reason} value={values.reason} onChange={set('reason')} rows={2} />
    </Form>
  );
}

export function CaseManagerSection({ p }: { p: PupilPageData }) {
  const [open, setOpen] = useState(false);
  // The candidates load on first opening; after that the form stays, with what was typed.
  const [opened, setOpened] = useState(false);
  const { notice, flash } = useFlash();
  const history = p.supportHistory.filter((h) => h.field === 'case_manager');
  return (
    <Section id="casemanager" title="Casemanager">
      <Paragraph>{p.caseManager ? p.caseManager.name : 'Nog geen casemanager.'}</Paragraph>
      {notice}
      {p.allowed.manageSupport && (
        <Disclosure
          id="casemanager-formulier"
          label="Casemanager wijzigen"
          open={open}
          onOpenChange={(o) => {
            setOpen(o);
            if (o) setOpened(true);
          }}
        >
          {opened ? (
            <CaseManagerForm
              p={p}
              onDone={() => {
                setOpen(false);
                flash('De casemanager is gewijzigd.');
              }}
            />
          ) : null}
        </Disclosure>
      )}
      {history.length > 0 && (
        <>
          <h3 className="utrecht-heading-3">Eerdere wijzigingen</h3>
          <ol className="lr-history">
            {history.map((h, i) => (
              <li key={i}>
                <strong>
                  {h.oldValue ?? 'geen'} → {h.newValue ?? 'geen'}
                </strong>
                <span className="lr-muted">
                  {' '}
                  · {dateTime(h.changedAt)} · {h.changedBy.name}
                </span>
                <div>Reden: {h.reason}</div>
              </li>
            ))}
          </ol>
        </>
      )}
    </Section>
  );
}

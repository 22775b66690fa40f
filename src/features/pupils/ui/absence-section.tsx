import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Paragraph, SecondaryActionButton, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useState } from 'react';
import type { z } from 'zod';
import { today } from '../../../platform/time.ts';
import { api, ApiError } from '../../../web/api.ts';
import { DateField } from '../../../web/date-fields.tsx';
import { CheckboxField, SelectField, TextField } from '../../../web/forms.tsx';
import { TableWrap } from '../../../web/list-table.tsx';
import { day, Loading, Notice, QueryError } from '../../../web/ui.tsx';
import { Form, useForm } from '../../../web/use-form.tsx';
import { AbsenceInput, absenceKindLabels, absenceKinds, ReportInput, reportKindLabels, type AbsenceView } from '../../absence/schema.ts';
import { Section, useFlash, type PupilPageData } from './dossier-kit.tsx';

type Absence = z.infer<typeof AbsenceView>;
const absenceKey = (pupilId: string) => ['pupil', pupilId, 'absence'] as const;
const hoursText = (n: number) => n.toLocaleString('nl-NL', { maximumFractionDigits: 2 });
/** '1,5' or '1.5' as typed; what is no number goes to the schema as it is, which says what to type. */
const parseHours = (text: string): number | string => {
  const n = Number(text.trim().replace(',', '.'));
  return text.trim() !== '' && Number.isFinite(n) ? n : text;
};

/**
 * A pupil's absence (verzuim): what the rules say now (16 hours in 4 school
 * weeks, early warning, sick pattern, long absence), the records, recording
 * by hand, and the reports made to the leerplichtambtenaar.
 */
export function AbsenceSection({ p }: { p: PupilPageData }) {
  const absence = useQuery({ queryKey: absenceKey(p.id), queryFn: () => api.get<Absence>(`pupils/${p.id}/absence`) });
  const [mode, setMode] = useState<'record' | 'report' | null>(null);
  const { notice, flash } = useFlash();
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const a = absence.data;
  const done = (message: string) => {
    setMode(null);
    flash(message);
    void client.invalidateQueries({ queryKey: absenceKey(p.id) });
  };
  async function remove(id: string, what: string) {
    if (!window.confirm(`${what} weghalen?`)) return;
    try {
      await api.delete(`pupils/${p.id}/absence/${id}`);
      done('De verzuimregel is weggehaald.');
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Weghalen is niet gelukt.');
    }
  }
  return (
    <Section
      id="verzuim"
      title="Verzuim"
      actions={
        a && !mode ? (
          <div className="utrecht-button-group">
            {a.allowed.record && (
              <SecondaryActionButton type="button" onClick={() => setMode('record')}>
                Verzuim vastleggen
              </SecondaryActionButton>
            )}
            {a.allowed.report && (
              <SecondaryActionButton type="button" onClick={() => setMode('report')}>
                Melding vastleggen
              </SecondaryActionButton>
            )}
          </div>
        ) : undefined
      }
    >
      {notice}
      {error && <Notice type="error">{error}</Notice>}
      {absence.isPending ? (
        <Loading what="Verzuim" />
      ) : absence.isError ? (
        <QueryError error={absence.error} />
      ) : (
        <>
          <AbsenceSummary a={a!} />
          {mode === 'record' && <RecordForm pupilId={p.id} onCancel={() => setMode(null)} onDone={() => done('Het verzuim is vastgelegd.')} />}
          {mode === 'report' && <ReportForm pupilId={p.id} a={a!} onCancel={() => setMode(null)} onDone={() => done('De melding is vastgelegd.')} />}
          {a!.records.length === 0 ? (
            <Paragraph className="lr-muted">Geen verzuim vastgelegd.</Paragraph>
          ) : (
            <TableWrap label="Verzuim per dag">
              <Table>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">Datum</TableHeaderCell>
                    <TableHeaderCell scope="col">Soort</TableHeaderCell>
                    <TableHeaderCell scope="col">Uren</TableHeaderCell>
                    <TableHeaderCell scope="col">Reden</TableHeaderCell>
                    <TableHeaderCell scope="col">Vastgelegd door</TableHeaderCell>
                    {a!.allowed.remove && (
                      <TableHeaderCell scope="col">
                        <span className="lr-visually-hidden">Acties</span>
                      </TableHeaderCell>
                    )}
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {a!.records.map((r) => (
                    <TableRow key={r.id}>
                      <TableCell>{day(r.day)}</TableCell>
                      <TableCell>{absenceKindLabels[r.kind]}</TableCell>
                      <TableCell>
                        {hoursText(r.hours)}
                        {r.wholeDay ? ' (hele dag)' : ''}
                      </TableCell>
                      <TableCell>{r.reason === null ? <span className="lr-muted">Alleen voor het ondersteuningsteam</span> : r.reason || '—'}</TableCell>
                      <TableCell>{r.source === 'import' ? 'Import' : (r.recordedBy ?? '—')}</TableCell>
                      {a!.allowed.remove && (
                        <TableCell>
                          <SecondaryActionButton type="button" hint="danger" onClick={() => void remove(r.id, `${absenceKindLabels[r.kind]} op ${day(r.day)}`)}>
                            Weghalen<span className="lr-visually-hidden"> {absenceKindLabels[r.kind]} op {day(r.day)}</span>
                          </SecondaryActionButton>
                        </TableCell>
                      )}
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableWrap>
          )}
          {a!.reports.length > 0 && (
            <>
              <h3 className="utrecht-heading-3">Meldingen aan de leerplichtambtenaar</h3>
              <ul>
                {a!.reports.map((r) => (
                  <li key={r.id}>
                    {reportKindLabels[r.kind]}: gemeld op {day(r.reportedOn)}
                    {r.reportedBy ? ` door ${r.reportedBy}` : ''}
                    {r.note ? `. ${r.note}` : ''}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </Section>
  );
}

function AbsenceSummary({ a }: { a: Absence }) {
  const s = a.state;
  return (
    <>
      {!a.regionSet && <Notice type="warning">De school heeft nog geen vakantieregio gekozen: vakantieweken tellen nu als schoolweken. Kies de regio op de pagina van de school.</Notice>}
      {s.reportDue && (
        <Notice type="error">
          Melding nodig: {hoursText(s.reportDue.hours)} uur ongeoorloofd verzuim in 4 schoolweken (van {day(s.reportDue.from)} tot en met {day(s.reportDue.day)}). Meld dit
          bij de leerplichtambtenaar en leg de melding hier vast.
          {s.reportsDue > 1 ? ` Er zijn ${s.reportsDue} meldingen nodig die nog niet zijn vastgelegd.` : ''}
        </Notice>
      )}
      {s.earlyWarning && (
        <Notice type="warning">
          Let op: {hoursText(s.unreportedHours)} uur ongeoorloofd verzuim in de laatste 4 schoolweken. Bij 16 uur moet de school het melden.
        </Notice>
      )}
      {s.long?.thuiszitter && (
        <Notice type="error">
          Sinds {day(s.long.since)} niet op school ({s.long.schoolWeeks} schoolweken{s.long.sick ? ', ziek gemeld' : ''}): dit is een thuiszitter. Meld de leerling bij de
          consulent van het samenwerkingsverband.
        </Notice>
      )}
      {s.sick.flagged && (
        <Notice type="warning">
          Zorgwekkend ziekteverzuim: {s.sick.reports} ziekmeldingen in de laatste {a.settings.sickWeeks} schoolweken, de langste {s.sick.longestSpell} schooldagen achter
          elkaar.
        </Notice>
      )}
      <dl className="lr-dl">
        <dt>Ongeoorloofd in de laatste 4 schoolweken</dt>
        <dd>
          {hoursText(s.window.hours)} uur (sinds {day(s.window.from)})
        </dd>
        <dt>Nog niet gemeld</dt>
        <dd>{hoursText(s.unreportedHours)} uur</dd>
      </dl>
    </>
  );
}

function RecordForm({ pupilId, onDone, onCancel }: { pupilId: string; onDone: () => void; onCancel: () => void }) {
  const [values, setValues] = useState({ day: today(), kind: '', hours: '', wholeDay: false, reason: '' });
  const set = <K extends keyof typeof values>(k: K) => (v: (typeof values)[K]) => setValues((x) => ({ ...x, [k]: v }));
  const form = useForm(AbsenceInput, (input: z.output<typeof AbsenceInput>) => api.post(`pupils/${pupilId}/absence`, input), { prefix: 'verzuim', onDone });
  const labels = { 'verzuim.day': 'Datum', 'verzuim.kind': 'Soort', 'verzuim.hours': 'Lesuren', 'verzuim.reason': 'Reden' };
  return (
    <Form
      form={form}
      aria-label="Verzuim vastleggen"
      labels={labels}
      onSubmit={() => form.submit({ ...values, kind: values.kind || undefined, hours: parseHours(values.hours) })}
      submit={{ label: 'Vastleggen' }}
      actions={
        <SecondaryActionButton type="button" onClick={onCancel}>
          Annuleren
        </SecondaryActionButton>
      }
    >
      <div className="lr-form-row">
        <DateField name="verzuim.day" label="Datum" value={values.day} onChange={set('day')} />
        <SelectField
          name="verzuim.kind"
          label="Soort"
          value={values.kind}
          onChange={set('kind')}
          placeholder="Kies de soort"
          options={absenceKinds.map((k) => ({ value: k, label: absenceKindLabels[k] }))}
        />
        <TextField name="verzuim.hours" label="Lesuren" description="Bijvoorbeeld 2 of 1,5. Te laat: het deel van het uur, bijvoorbeeld 0,25." value={values.hours} onChange={set('hours')} />
      </div>
      <CheckboxField name="verzuim.wholeDay" label="Alle lessen van de dag gemist" checked={values.wholeDay} onChange={set('wholeDay')} />
      <TextField
        name="verzuim.reason"
        label="Reden (kort)"
        description={values.kind === 'ziek' ? 'Alleen het ondersteuningsteam leest de reden van een ziekmelding.' : undefined}
        value={values.reason}
        onChange={set('reason')}
      />
    </Form>
  );
}

function ReportForm({ pupilId, a, onDone, onCancel }: { pupilId: string; a: Absence; onDone: () => void; onCancel: () => void }) {
  const thuiszitter = !!a.state.long?.thuiszitter && !a.state.reportDue;
  const [values, setValues] = useState({
    kind: thuiszitter ? 'langdurig' : '16_uur',
    dueOn: a.state.reportDue?.day ?? a.state.long?.since ?? today(),
    reportedOn: today(),
    note: '',
  });
  const set = <K extends keyof typeof values>(k: K) => (v: (typeof values)[K]) => setValues((x) => ({ ...x, [k]: v }));
  const form = useForm(ReportInput, (input: z.output<typeof ReportInput>) => api.post(`pupils/${pupilId}/absence/reports`, input), { prefix: 'melding', onDone });
  const labels = { 'melding.kind': 'Soort melding', 'melding.dueOn': 'Nodig sinds', 'melding.reportedOn': 'Gemeld op', 'melding.note': 'Toelichting' };
  return (
    <Form
      form={form}
      aria-label="Melding vastleggen"
      labels={labels}
      intro={<Paragraph>Leg vast dat de school het verzuim heeft gemeld bij de leerplichtambtenaar (voor het vo via het Verzuimloket van DUO).</Paragraph>}
      onSubmit={() => form.submit(values)}
      submit={{ label: 'Melding vastleggen' }}
      actions={
        <SecondaryActionButton type="button" onClick={onCancel}>
          Annuleren
        </SecondaryActionButton>
      }
    >
      <SelectField
        name="melding.kind"
        label="Soort melding"
        value={values.kind}
        onChange={set('kind')}
        options={Object.entries(reportKindLabels).map(([value, label]) => ({ value, label }))}
      />
      <div className="lr-form-row">
        <DateField name="melding.dueOn" label="Nodig sinds" value={values.dueOn} onChange={set('dueOn')} />
        <DateField name="melding.reportedOn" label="Gemeld op" value={values.reportedOn} onChange={set('reportedOn')} />
      </div>
      <TextField name="melding.note" label="Toelichting" value={values.note} onChange={set('note')} />
    </Form>
  );
}

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Heading2, Heading3, Paragraph, SecondaryActionButton, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useState } from 'react';
import type { z } from 'zod';
import { api } from '../../../web/api.ts';
import { DateField } from '../../../web/date-fields.tsx';
import { SelectField, TextField } from '../../../web/forms.tsx';
import { TableWrap } from '../../../web/list-table.tsx';
import { day, Loading, Notice, QueryError } from '../../../web/ui.tsx';
import { Form, useForm } from '../../../web/use-form.tsx';
import { CalendarInput, holidayRegionLabels, type CalendarView } from '../schema.ts';

type Calendar = z.infer<typeof CalendarView>;
type FreeDayRow = { key: number; day: string; label: string };

function CalendarForm({ schoolId, calendar, onDone, onCancel }: { schoolId: string; calendar: Calendar; onDone: () => void; onCancel: () => void }) {
  const [region, setRegion] = useState<string>(calendar.region ?? '');
  const [rows, setRows] = useState<FreeDayRow[]>(calendar.freeDays.map((f, i) => ({ key: i, ...f })));
  const [nextKey, setNextKey] = useState(calendar.freeDays.length);
  const form = useForm(CalendarInput, (input: z.output<typeof CalendarInput>) => api.put(`schools/${schoolId}/calendar`, input), { prefix: 'kalender', onDone });
  const set = (key: number, patch: Partial<FreeDayRow>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const formLabels: Record<string, string> = { 'kalender.region': 'Vakantieregio' };
  rows.forEach((_, i) => {
    formLabels[`kalender.freeDays.${i}.day`] = `Vrije dag ${i + 1}: datum`;
    formLabels[`kalender.freeDays.${i}.label`] = `Vrije dag ${i + 1}: reden`;
  });
  return (
    <section className="lr-card" aria-labelledby="kalender-form-titel">
      <Heading3 id="kalender-form-titel">Schoolkalender bewerken</Heading3>
      <Form
        form={form}
        onSubmit={() => form.submit({ region: region || null, freeDays: rows.map(({ day: d, label }) => ({ day: d, label })) })}
        labels={formLabels}
        submit={{ label: 'Kalender opslaan' }}
        actions={
          <SecondaryActionButton type="button" onClick={onCancel}>
            Annuleren
          </SecondaryActionButton>
        }
      >
        <SelectField
          name="kalender.region"
          label="Vakantieregio"
          description="De schoolvakanties van de Rijksoverheid verschillen per regio. Kies de regio van deze school."
          value={region}
          onChange={setRegion}
          placeholder="Nog niet gekozen"
          options={Object.entries(holidayRegionLabels).map(([value, label]) => ({ value, label }))}
        />
        <fieldset className="lr-radios">
          <legend className="lr-radios__legend">Eigen vrije dagen (studiedagen, Goede Vrijdag als de school dicht is)</legend>
          {rows.length === 0 && <Paragraph>Nog geen eigen vrije dagen.</Paragraph>}
          {rows.map((r, i) => (
            <div key={r.key} className="lr-role-row">
              <DateField name={`kalender.freeDays.${i}.day`} label={`Vrije dag ${i + 1}: datum`} value={r.day} onChange={(d) => set(r.key, { day: d })} />
              <TextField name={`kalender.freeDays.${i}.label`} label={`Vrije dag ${i + 1}: reden`} value={r.label} onChange={(v) => set(r.key, { label: v })} />
              <SecondaryActionButton type="button" hint="danger" onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}>
                Weghalen<span className="lr-visually-hidden"> vrije dag {i + 1}</span>
              </SecondaryActionButton>
            </div>
          ))}
          <SecondaryActionButton
            type="button"
            onClick={() => {
              setRows((rs) => [...rs, { key: nextKey, day: '', label: 'Studiedag' }]);
              setNextKey((k) => k + 1);
            }}
          >
            Vrije dag toevoegen
          </SecondaryActionButton>
        </fieldset>
      </Form>
    </section>
  );
}

/**
 * The school's calendar on its page: its holiday region, the school year's
 * holidays and public holidays, its own free days, and how many school weeks
 * that makes. The absence rules count in these school weeks.
 */
export function SchoolCalendarSection({ schoolId }: { schoolId: string }) {
  const client = useQueryClient();
  const calendar = useQuery({ queryKey: ['school', schoolId, 'calendar'], queryFn: () => api.get<Calendar>(`schools/${schoolId}/calendar`) });
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  if (calendar.isPending) return <Loading what="Schoolkalender" />;
  if (calendar.isError) return <QueryError error={calendar.error} />;
  const c = calendar.data;
  return (
    <section aria-labelledby="kalender-titel" style={{ marginBlockStart: '2rem' }}>
      <div className="lr-page-title">
        <Heading2 id="kalender-titel">Schoolkalender {c.schoolYear}</Heading2>
        {c.allowed.manage && !editing && (
          <SecondaryActionButton type="button" onClick={() => { setEditing(true); setSaved(false); }}>
            Kalender bewerken
          </SecondaryActionButton>
        )}
      </div>
      {saved && <Notice>De schoolkalender is opgeslagen.</Notice>}
      {!c.region && <Notice type="warning">Er is nog geen vakantieregio gekozen. Zonder regio telt Leerrecht de schoolvakanties niet mee in schoolweken (bijvoorbeeld voor de verzuimregels).</Notice>}
      {!c.covered && <Notice type="warning">Leerrecht kent de schoolvakanties van dit schooljaar nog niet.</Notice>}
      {editing && (
        <CalendarForm
          schoolId={schoolId}
          calendar={c}
          onCancel={() => setEditing(false)}
          onDone={() => {
            setEditing(false);
            setSaved(true);
            void client.invalidateQueries({ queryKey: ['school', schoolId, 'calendar'] });
          }}
        />
      )}
      <dl className="lr-dl">
        <dt>Vakantieregio</dt>
        <dd>{c.region ? holidayRegionLabels[c.region] : 'Nog niet gekozen'}</dd>
        <dt>Schoolweken</dt>
        <dd>
          {c.schoolWeeks} schoolweken, {c.schoolDays} schooldagen
        </dd>
      </dl>
      <TableWrap label="Vakanties en vrije dagen">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Wat</TableHeaderCell>
              <TableHeaderCell scope="col">Van</TableHeaderCell>
              <TableHeaderCell scope="col">Tot en met</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {[
              ...c.holidays.map((h) => ({ key: `v${h.from}`, what: h.name, from: h.from, to: h.to })),
              ...c.publicHolidays.map((h) => ({ key: `f${h.day}`, what: h.name, from: h.day, to: h.day })),
              ...c.freeDays.filter((f) => f.day >= `${c.schoolYear.slice(0, 4)}-08-01` && f.day <= `${c.schoolYear.slice(5)}-07-31`).map((f) => ({ key: `s${f.day}`, what: `${f.label} (eigen vrije dag)`, from: f.day, to: f.day })),
            ]
              .sort((a, b) => (a.from < b.from ? -1 : 1))
              .map((r) => (
                <TableRow key={r.key}>
                  <TableCell>{r.what}</TableCell>
                  <TableCell>{day(r.from)}</TableCell>
                  <TableCell>{day(r.to)}</TableCell>
                </TableRow>
              ))}
          </TableBody>
        </Table>
      </TableWrap>
    </section>
  );
}

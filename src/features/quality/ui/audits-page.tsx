import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Heading2, Paragraph, SecondaryActionButton, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { z } from 'zod';
import { schoolYearOf } from '../../../platform/time.ts';
import { useAction, useFlash } from '../../../web/actions.tsx';
import { api, type Json } from '../../../web/api.ts';
import { SelectField, TextAreaField } from '../../../web/forms.tsx';
import { TableWrap } from '../../../web/list-table.tsx';
import { dateTime, Link, Loading, Notice, PageTitle, QueryError } from '../../../web/ui.tsx';
import { Form, useForm } from '../../../web/use-form.tsx';
import { AdjustRoundInput, type RoundView } from '../audit-schema.ts';
import './quality.css';

type View = Json<z.infer<typeof RoundView>>;
type Round = NonNullable<View['round']>;

function yearOptions(): { value: string; label: string }[] {
  const now = Number(schoolYearOf(new Date()).slice(0, 4));
  return [now + 1, now, now - 1, now - 2].map((y) => ({ value: `${y}-${y + 1}`, label: `${y}-${y + 1}` }));
}

/** The director changes who audits whom, with a reason; the server refuses a change that breaks the rotation's rules. */
function AdjustForm({ round, onDone }: { round: Round; onDone: () => void }) {
  const [auditorSchoolId, setAuditor] = useState('');
  const [auditedSchoolId, setAudited] = useState('');
  const [reason, setReason] = useState('');
  const form = useForm(AdjustRoundInput, (input: z.output<typeof AdjustRoundInput>) => api.post(`quality/audit-rounds/${round.id}/adjustments`, input), { prefix: 'aanpassen', onDone });
  const schools = round.pairs.map((p) => ({ value: p.auditor.id, label: p.auditor.name })).sort((a, b) => a.label.localeCompare(b.label, 'nl'));
  return (
    <Form form={form} onSubmit={() => form.submit({ auditorSchoolId, auditedSchoolId, reason })} submit={{ label: 'Rotatie aanpassen' }} aria-labelledby="aanpassen-kop">
      <Heading2 id="aanpassen-kop">Rotatie aanpassen</Heading2>
      <Paragraph>De school die de gekozen school zou auditen, neemt de oude school van de eerste over. Een wijziging die een regel breekt, wordt geweigerd.</Paragraph>
      <div className="lr-form-row">
        <SelectField name="aanpassen.auditorSchoolId" label="Auditerende school" value={auditorSchoolId} onChange={setAuditor} options={schools} placeholder="Kies een school" />
        <SelectField name="aanpassen.auditedSchoolId" label="Auditeert voortaan" value={auditedSchoolId} onChange={setAudited} options={schools} placeholder="Kies een school" />
      </div>
      <TextAreaField name="aanpassen.reason" label="Reden" value={reason} onChange={setReason} rows={2} />
    </Form>
  );
}

/** The peer audits of a school year (seed 000): the rotation with its kept seed, who audits whom, and each audit. */
export function AuditsPage() {
  const [params, setParams] = useSearchParams();
  const chosen = params.get('schooljaar') ?? undefined;
  const client = useQueryClient();
  const q = useQuery({ queryKey: ['audit-round', chosen ?? ''], queryFn: () => api.get<View>('quality/audit-rounds', chosen ? { schoolYear: chosen } : undefined) });
  const draw = useAction();
  const { notice, flash } = useFlash({ testId: 'audits-melding' });
  if (q.isPending) return <Loading what="Audits" />;
  if (q.isError) return <QueryError error={q.error} />;
  const v = q.data;
  const refresh = async (message: string) => {
    await client.invalidateQueries({ queryKey: ['audit-round'] });
    flash(message);
  };
  return (
    <>
      <PageTitle title="Onderlinge audits" />
      <Paragraph>
        Elke school auditeert jaarlijks één andere school en wordt zelf één keer geauditeerd. Geen school auditeert de school die haar auditeert, en twee scholen treffen elkaar
        binnen drie rondes niet opnieuw als dat te vermijden is. De trekking wordt bewaard met haar startwaarde, zodat iedereen kan nagaan dat zij eerlijk was.
      </Paragraph>
      <div className="lr-filters">
        <SelectField name="schooljaar" label="Schooljaar" value={v.schoolYear} onChange={(y) => setParams((p) => (p.set('schooljaar', y), p), { replace: true })} options={yearOptions()} />
      </div>
      {notice}
      {draw.error && <Notice type="error">{draw.error}</Notice>}
      {!v.round ? (
        <>
          <Paragraph>De rotatie voor {v.schoolYear} is nog niet getrokken.</Paragraph>
          {v.allowed.draw && (
            <SecondaryActionButton
              type="button"
              disabled={draw.busy}
              onClick={() => void draw.run(() => api.post('quality/audit-rounds', { schoolYear: v.schoolYear }), () => refresh('De rotatie is getrokken.'))}
            >
              Rotatie {v.schoolYear} trekken
            </SecondaryActionButton>
          )}
        </>
      ) : (
        <>
          <Paragraph>
            Getrokken op {dateTime(v.round.drawnAt)}
            {v.round.drawnBy ? ` door ${v.round.drawnBy}` : ''}, startwaarde <code>{v.round.seed}</code>.
            {v.round.repeats > 0 ? ` ${v.round.repeats} ${v.round.repeats === 1 ? 'paar' : 'paren'} trof elkaar binnen drie rondes al: dat was niet te vermijden.` : ''}
          </Paragraph>
          <TableWrap label={`Rotatie ${v.schoolYear}`}>
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">Auditerende school</TableHeaderCell>
                  <TableHeaderCell scope="col">Geauditeerde school</TableHeaderCell>
                  <TableHeaderCell scope="col">
                    <span className="lr-visually-hidden">Audit</span>
                  </TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {v.round.pairs.map((p) => (
                  <TableRow key={p.auditId}>
                    <TableCell>{p.auditor.name}</TableCell>
                    <TableCell>{p.audited.name}</TableCell>
                    <TableCell>
                      <Link to={`/kwaliteit/audits/${p.auditId}`}>
                        Audit openen<span className="lr-visually-hidden"> bij {p.audited.name}</span>
                      </Link>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableWrap>
          {v.round.adjustments.length > 0 && (
            <>
              <Heading2>Aanpassingen</Heading2>
              <ul>
                {v.round.adjustments.map((a, i) => (
                  <li key={i}>
                    {dateTime(a.at)}, {a.by}: {a.reason}
                  </li>
                ))}
              </ul>
            </>
          )}
          {v.allowed.adjust && <AdjustForm round={v.round} onDone={() => refresh('De rotatie is aangepast.')} />}
        </>
      )}
    </>
  );
}

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Heading2, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import type { z } from 'zod';
import { api } from '../../../web/api.ts';
import { CheckboxField, SelectField } from '../../../web/forms.tsx';
import { ListToolbar, TableWrap, useListParams } from '../../../web/list-table.tsx';
import { useMay } from '../../../web/session.tsx';
import { day, Link, Loading, Notice, PageTitle, Pager, QueryError } from '../../../web/ui.tsx';
import { useState } from 'react';
import { Form, useForm } from '../../../web/use-form.tsx';
import { ZorgplichtSettings, type Board, type ZorgplichtSettingsView } from '../schema.ts';
import { DueCell, statusText } from './clock.tsx';
import { showOptions, useAllSchools } from './registrations-page.tsx';

type BoardData = z.infer<typeof Board>;
type Settings = z.infer<typeof ZorgplichtSettingsView>;

/** The partnership's doorzettingsmacht setting: read by the board's readers, changed by the director (and the partnership's administrator). */
function SettingsSection() {
  const client = useQueryClient();
  const settings = useQuery({ queryKey: ['zorgplicht', 'settings'], queryFn: () => api.get<Settings>('zorgplicht/settings') });
  const [saved, setSaved] = useState<string | null>(null);
  const form = useForm(ZorgplichtSettings, (input: z.output<typeof ZorgplichtSettings>) => api.put('zorgplicht/settings', input), {
    prefix: 'instelling',
    onDone: () => {
      setSaved('De instelling is opgeslagen.');
      void client.invalidateQueries({ queryKey: ['zorgplicht'] });
    },
  });
  if (!settings.data) return null;
  const s = settings.data;
  return (
    <section aria-labelledby="doorzettingsmacht-titel" className="lr-card">
      <Heading2 id="doorzettingsmacht-titel">Doorzettingsmacht</Heading2>
      <Paragraph>
        {s.doorzettingsmacht
          ? 'Het samenwerkingsverband heeft de directeur doorzettingsmacht gegeven: de directeur kan bij een zaak aan de plaatsingstafel een plaatsingsbesluit vastleggen.'
          : 'De directeur heeft geen doorzettingsmacht: de plaatsingstafel geeft een bindend advies, de directeur legt geen plaatsingsbesluit vast.'}
      </Paragraph>
      {s.allowed.manage && (
        <Form form={form} submit={{ label: s.doorzettingsmacht ? 'Doorzettingsmacht uitzetten' : 'Doorzettingsmacht aanzetten', secondary: true }} onSubmit={() => form.submit({ doorzettingsmacht: !s.doorzettingsmacht })} after={saved && <Paragraph role="status">{saved}</Paragraph>} />
      )}
    </section>
  );
}

/**
 * The partnership's zorgplicht board: every registration with a suspected
 * support need, flagged when stuck past the 6 weeks or when the same child
 * was registered at another school within the year.
 */
export function BoardPage() {
  const allowedHere = !!useMay().readZorgplichtBoard;
  const { params, set } = useListParams();
  const query = {
    show: params.get('toon') ?? 'open',
    schoolId: params.get('school') ?? undefined,
    overdue: params.get('te-laat') === '1' ? 'true' : undefined,
    flagged: params.get('gemarkeerd') === '1' ? 'true' : undefined,
    table: params.get('aan-tafel') === '1' ? 'true' : undefined,
    page: Number(params.get('pagina') ?? '1') || 1,
  };
  const schools = useAllSchools();
  const board = useQuery({ queryKey: ['zorgplicht', 'board', query], queryFn: () => api.get<BoardData>('zorgplicht/board', query), enabled: allowedHere });
  if (!allowedHere) {
    return (
      <>
        <PageTitle title="Zorgplichtbord" />
        <Notice type="info">Het zorgplichtbord is voor de consulenten en de directeur van het samenwerkingsverband.</Notice>
      </>
    );
  }
  const data = board.data;
  return (
    <>
      <PageTitle title="Zorgplichtbord" />
      <Paragraph>
        Alle aanmeldingen in het samenwerkingsverband waarbij de school een ondersteuningsbehoefte vermoedt. Gemarkeerd: langer dan 6 weken open, of hetzelfde kind is
        binnen een jaar ook op een andere school aangemeld. Elke leerling die u hier ziet, wordt vastgelegd in de auditlog.
      </Paragraph>
      <ListToolbar label="Zorgplichtbord filteren">
        <SelectField name="toon" label="Toon" value={query.show} onChange={(v) => set({ toon: v === 'open' ? '' : v })} options={showOptions} />
        <SelectField
          name="school"
          label="School"
          value={query.schoolId ?? ''}
          onChange={(v) => set({ school: v })}
          options={[{ value: '', label: 'Alle scholen' }, ...(schools.data?.schools ?? []).map((s) => ({ value: s.id, label: s.name }))]}
        />
        <CheckboxField name="te-laat" label="Alleen te laat" checked={query.overdue === 'true'} onChange={(v) => set({ 'te-laat': v ? '1' : '' })} />
        <CheckboxField name="gemarkeerd" label="Alleen gemarkeerd" checked={query.flagged === 'true'} onChange={(v) => set({ gemarkeerd: v ? '1' : '' })} />
        <CheckboxField name="aan-tafel" label="Alleen aan tafel" checked={query.table === 'true'} onChange={(v) => set({ 'aan-tafel': v ? '1' : '' })} />
      </ListToolbar>
      {board.isPending && <Loading what="Aanmeldingen" />}
      {board.isError && <QueryError error={board.error} />}
      {data && (
        <>
          <Paragraph aria-live="polite">
            {data.total === 1 ? '1 aanmelding' : `${data.total} aanmeldingen`}: {data.counts.open} open, {data.counts.overdue} te laat, {data.counts.stuck} langer dan 6 weken open,{' '}
            {data.counts.secondSchool} ook op een andere school aangemeld, {data.counts.atTable} aan de plaatsingstafel (peildatum {day(data.today)}).
          </Paragraph>
          {data.rows.length > 0 && (
            <TableWrap label="Zorgplichtbord">
              <Table>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">Leerling</TableHeaderCell>
                    <TableHeaderCell scope="col">School</TableHeaderCell>
                    <TableHeaderCell scope="col">Ontvangen</TableHeaderCell>
                    <TableHeaderCell scope="col">Beslissen uiterlijk</TableHeaderCell>
                    <TableHeaderCell scope="col">Status</TableHeaderCell>
                    <TableHeaderCell scope="col">Signalen</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {data.rows.map((r) => (
                    <TableRow key={r.id}>
                      <TableHeaderCell scope="row">
                        <Link to={`/zorgplicht/${r.id}`}>{r.pupilName}</Link>
                      </TableHeaderCell>
                      <TableCell>{r.school.name}</TableCell>
                      <TableCell>{day(r.clock.received)}</TableCell>
                      <TableCell>
                        <DueCell clock={r.clock} open={r.status === 'open'} />
                      </TableCell>
                      <TableCell>
                        {statusText(r)}
                        {r.openPlacements > 0 && ` (${r.openPlacements} school gevraagd)`}
                      </TableCell>
                      <TableCell>
                        {r.stuck && <span className="lr-badge lr-zp-flag">langer dan 6 weken open</span>} {r.secondSchool && <span className="lr-badge lr-zp-flag">ook elders aangemeld</span>}{' '}
                        {r.atTable && <span className="lr-badge">aan tafel</span>} {r.atTable && r.advice && <span className="lr-badge">bindend advies</span>}{' '}
                        {r.actionsOverdue > 0 && <span className="lr-badge lr-zp-flag">{r.actionsOverdue === 1 ? '1 afspraak te laat' : `${r.actionsOverdue} afspraken te laat`}</span>}{' '}
                        {r.enforced && <span className="lr-badge">besluit directeur</span>}
                        {!r.stuck && !r.secondSchool && !r.atTable && !r.enforced && '—'}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableWrap>
          )}
          <Pager page={data.page} total={data.total} pageSize={data.pageSize} onPage={(n) => set({ pagina: String(n) })} />
        </>
      )}
      <SettingsSection />
    </>
  );
}

import { useQuery } from '@tanstack/react-query';
import { Paragraph, SecondaryActionButton, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useNavigate, useSearchParams } from 'react-router';
import type { z } from 'zod';
import { schoolYearOf } from '../../../platform/time.ts';
import { useAction } from '../../../web/actions.tsx';
import { api } from '../../../web/api.ts';
import { SelectField } from '../../../web/forms.tsx';
import { TableWrap } from '../../../web/list-table.tsx';
import { ButtonLinkTo, day, Link, Loading, Notice, PageTitle, QueryError } from '../../../web/ui.tsx';
import { planStatusLabels, type PlanList } from '../schema.ts';
import './quality.css';

type List = z.infer<typeof PlanList>;

/** The coming school year, this one and the two before: the spring round plans ahead, the autumn round looks back. */
function yearOptions(): { value: string; label: string }[] {
  const now = Number(schoolYearOf(new Date()).slice(0, 4));
  return [now + 1, now, now - 1, now - 2].map((y) => ({ value: `${y}-${y + 1}`, label: `${y}-${y + 1}` }));
}

/**
 * The action plans of a school year: a school sees its own, the partnership
 * every school's, with where each stands in the spring and autumn rounds.
 */
export function ActionPlansPage() {
  const [params, setParams] = useSearchParams();
  const chosen = params.get('schooljaar') ?? undefined;
  const list = useQuery({ queryKey: ['action-plans', chosen ?? ''], queryFn: () => api.get<List>('quality/plans', chosen ? { schoolYear: chosen } : undefined) });
  const navigate = useNavigate();
  const start = useAction();

  if (list.isPending) return <Loading what="Actieplannen" />;
  if (list.isError) {
    return (
      <>
        <PageTitle title="Actieplannen" />
        <QueryError error={list.error} />
      </>
    );
  }
  const l = list.data;
  const open = l.rows.filter((r) => r.status === 'none' || r.status === 'draft');
  return (
    <>
      <PageTitle title="Actieplannen">{l.allowed.manageSpearheads && <ButtonLinkTo to="/beheer/speerpunten">Speerpunten</ButtonLinkTo>}</PageTitle>
      <Paragraph>
        Elke school schrijft per schooljaar een actieplan met SMART-doelen per speerpunt van het ondersteuningsplan. In de voorjaarsronde wordt het plan ingediend en besproken
        (uiterlijk {day(l.springDue)}); in de najaarsronde na het schooljaar worden de doelen geëvalueerd (uiterlijk {day(l.autumnDue)}).
      </Paragraph>
      <div className="lr-filters">
        <SelectField name="schooljaar" label="Schooljaar" value={l.schoolYear} onChange={(v) => setParams((p) => (p.set('schooljaar', v), p), { replace: true })} options={yearOptions()} />
      </div>
      {l.allowed.roundReport && (
        <Paragraph>
          <a href={`/api/quality/plans/report.pdf?schoolYear=${l.schoolYear}`} download>
            Samenvattend verslag van de voorjaarsronde {l.schoolYear} (pdf)
          </a>
        </Paragraph>
      )}
      <Notice type={open.length ? 'info' : 'ok'}>
        {open.length === 0
          ? `Alle scholen in deze lijst hebben hun actieplan voor ${l.schoolYear} ingediend.`
          : `${open.length} van de ${l.rows.length} scholen ${open.length === 1 ? 'heeft' : 'hebben'} het actieplan voor ${l.schoolYear} nog niet ingediend.`}
      </Notice>
      {start.error && <Notice type="error">{start.error}</Notice>}
      {l.rows.length === 0 ? (
        <Paragraph>Geen scholen om te tonen.</Paragraph>
      ) : (
        <TableWrap label={`Actieplannen ${l.schoolYear}`}>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">School</TableHeaderCell>
                <TableHeaderCell scope="col">Stand {l.schoolYear}</TableHeaderCell>
                <TableHeaderCell scope="col">Doelen</TableHeaderCell>
                <TableHeaderCell scope="col">
                  <span className="lr-visually-hidden">Acties</span>
                </TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {l.rows.map((r) => (
                <TableRow key={r.school.id} data-testid={`actieplan-${r.school.name}`}>
                  <TableCell>{r.school.name}</TableCell>
                  <TableCell>
                    <span className={`lr-badge lr-quality-status--${r.status}`}>{planStatusLabels[r.status]}</span>
                  </TableCell>
                  <TableCell>{r.planId ? r.goals : '—'}</TableCell>
                  <TableCell>
                    {r.planId ? (
                      <Link to={`/kwaliteit/actieplannen/${r.planId}`}>
                        Openen<span className="lr-visually-hidden"> actieplan {r.school.name}</span>
                      </Link>
                    ) : (
                      r.allowed.start && (
                        <SecondaryActionButton
                          type="button"
                          disabled={start.busy}
                          onClick={() => {
                            let id = '';
                            void start.run(
                              async () => {
                                id = (await api.post<{ id: string }>('quality/plans', { schoolId: r.school.id, schoolYear: l.schoolYear })).id;
                              },
                              () => navigate(`/kwaliteit/actieplannen/${id}`),
                            );
                          }}
                        >
                          Actieplan beginnen<span className="lr-visually-hidden"> voor {r.school.name}</span>
                        </SecondaryActionButton>
                      )
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableWrap>
      )}
    </>
  );
}

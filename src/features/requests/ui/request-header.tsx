import { dateTime, day } from '../../../web/ui.tsx';
import { requestKindLabels, tlvSchoolKindLabels } from '../schema.ts';
import { daysText, daysToTargetText, StatusBadge, WaitingBadge, type RequestData } from './request-kit.tsx';

/** The facts of the request under the page title, with the clock the partnership works against. */
export function RequestMeta({ r }: { r: RequestData }) {
  const c = r.clock;
  const overdue = c.daysToTarget !== null && c.daysToTarget < 0 && !['decided', 'answered', 'withdrawn'].includes(r.status);
  return (
    <dl className="lr-req-meta" data-testid="aanvraag-kop">
      <div>
        <dt>Status</dt>
        <dd>
          <StatusBadge status={r.status} /> {c.waitingForSchool && <WaitingBadge />}
        </dd>
      </div>
      <div>
        <dt>Soort</dt>
        <dd>
          {requestKindLabels[r.kind]}
          {r.tlvSchoolKind ? ` voor ${tlvSchoolKindLabels[r.tlvSchoolKind]}` : ''}
          {r.arrangementKind ? `: ${r.arrangementKind.name}` : ''}
        </dd>
      </div>
      <div>
        <dt>{r.pupil ? 'Leerling' : 'Groep'}</dt>
        <dd>
          {r.pupil ? (
            <>
              {r.pupil.name}
              <span className="lr-req-sub">
                geboren {day(r.pupil.birthDate)}
                {r.pupil.className ? `, klas ${r.pupil.className}` : ''}
              </span>
            </>
          ) : (
            r.groupDescription || '—'
          )}
        </dd>
      </div>
      <div>
        <dt>School</dt>
        <dd>{r.school.name}</dd>
      </div>
      <div>
        <dt>Opgesteld door</dt>
        <dd>{r.createdBy.name}</dd>
      </div>
      {r.status !== 'draft' && (
        <div>
          <dt>Consulent</dt>
          <dd data-testid="aanvraag-consulent">{r.assignedTo?.name ?? 'Nog niet toegewezen'}</dd>
        </div>
      )}
      {c.submittedAt && (
        <div>
          <dt>Ingediend</dt>
          <dd>
            {dateTime(c.submittedAt)}
            <span className="lr-req-sub" data-testid="aanvraag-dagen">
              {daysText(c.daysSinceSubmission)} geleden
            </span>
          </dd>
        </div>
      )}
      {c.decisionDueOn && (
        <div>
          <dt>Besluit uiterlijk</dt>
          <dd>
            {day(c.decisionDueOn)}
            {r.status !== 'decided' && r.status !== 'answered' && r.status !== 'withdrawn' && (
              <span className={overdue ? 'lr-req-sub lr-req-overdue' : 'lr-req-sub'}>{daysToTargetText(c.daysToTarget)}</span>
            )}
          </dd>
        </div>
      )}
      {c.waitingDays > 0 && (
        <div>
          <dt>Gewacht op de school</dt>
          <dd>
            {daysText(c.waitingDays)}
            <span className="lr-req-sub">{c.waitingForSchool ? 'de klok staat stil tot de school antwoordt' : 'de termijn is met deze dagen verlengd'}</span>
          </dd>
        </div>
      )}
    </dl>
  );
}

/** The PDFs: the commission's summary for those who weigh it, the decision letter once decided. */
export function RequestDocuments({ r }: { r: RequestData }) {
  if (!r.can.summary && !r.decision) return null;
  return (
    <ul className="lr-req-pdfs" aria-label="Documenten bij de aanvraag">
      {r.can.summary && (
        <li>
          <a className="utrecht-link" href={`/api/requests/${r.id}/summary.pdf`} data-testid="samenvatting-pdf">
            Samenvatting voor de commissie (PDF)
          </a>
        </li>
      )}
      {r.decision && (
        <li>
          <a className="utrecht-link" href={`/api/requests/${r.id}/decision.pdf`} data-testid="besluit-pdf">
            Besluitbrief (PDF)
          </a>
        </li>
      )}
    </ul>
  );
}

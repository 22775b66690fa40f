import { dateTime, day } from '../../../web/ui.tsx';
import { oppKindLabels } from '../schema.ts';
import { StatusBadge, type OppPageData } from './opp-kit.tsx';

/** The facts of the plan under the page title. */
export function OppEditorMeta({ p }: { p: OppPageData }) {
  const v = p.current;
  return (
    <dl className="lr-opp-meta">
      <div>
        <dt>Status</dt>
        <dd>
          <StatusBadge status={p.status} />
        </dd>
      </div>
      <div>
        <dt>Versie</dt>
        <dd>{v.number}</dd>
      </div>
      <div>
        <dt>Soort</dt>
        <dd>{oppKindLabels[p.kind]}</dd>
      </div>
      <div>
        <dt>School</dt>
        <dd>
          {p.school.name}
          {p.pupil.className ? `, klas ${p.pupil.className}` : ''}
        </dd>
      </div>
      <div>
        <dt>Leeftijd</dt>
        <dd>{p.pupil.age} jaar</dd>
      </div>
      <div>
        <dt>Casemanager</dt>
        <dd>{p.caseManager?.name ?? 'Geen'}</dd>
      </div>
      <div>
        <dt>Laatst opgeslagen</dt>
        <dd>
          {dateTime(v.updatedAt)} door {v.updatedBy.name}
        </dd>
      </div>
      {p.nextEvaluationOn && (
        <div>
          <dt>Volgende evaluatie</dt>
          <dd>{day(p.nextEvaluationOn)}</dd>
        </div>
      )}
    </dl>
  );
}

/** The page's own table of contents. */
export function OppEditorToc() {
  return (
    <nav aria-label="Op deze pagina" className="lr-opp-toc">
      <ul>
        <li>
          <a className="utrecht-link" href="#plan">
            Plan
          </a>
        </li>
        <li>
          <a className="utrecht-link" href="#reacties">
            Reacties
          </a>
        </li>
        <li>
          <a className="utrecht-link" href="#gesprekken">
            Gesprekken
          </a>
        </li>
        <li>
          <a className="utrecht-link" href="#evaluaties">
            Evaluaties
          </a>
        </li>
        <li>
          <a className="utrecht-link" href="#versies">
            Versies
          </a>
        </li>
      </ul>
    </nav>
  );
}

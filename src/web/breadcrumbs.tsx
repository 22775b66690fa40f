import { Link } from 'react-router';
import './breadcrumbs.css';

export interface Crumb {
  to: string;
  label: string;
}

/**
 * Where the page sits: the pages above it, each a link, then the page itself.
 * The trail is the page's place in the app, not the reader's history, so the
 * way back is the same whoever comes (WCAG 2.4.8 location; NL Design System
 * breadcrumb navigation).
 */
export function Breadcrumbs({ trail, current }: { trail: Crumb[]; current: string }) {
  if (trail.length === 0) return null;
  return (
    <nav aria-label="Kruimelpad" className="lr-breadcrumbs lr-no-print">
      <ol>
        {trail.map((c) => (
          <li key={c.to}>
            <Link to={c.to} className="utrecht-link">
              {c.label}
            </Link>
          </li>
        ))}
        <li>
          <span aria-current="page">{current}</span>
        </li>
      </ol>
    </nav>
  );
}

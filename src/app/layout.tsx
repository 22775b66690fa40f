import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, NavLink, Outlet, useLocation, useMatches, useNavigate } from 'react-router';
import { api } from '../web/api.ts';
import { Breadcrumbs, type Crumb } from '../web/breadcrumbs.tsx';
import { clearSession, type SessionUser } from '../web/session.tsx';
import { inSection, mainMenu, sectionMenus, shows, type MenuEntry } from './menu.ts';
import { useWork } from './work.ts';
import './layout.css';

/** What a route below the first level says about its place (app.tsx: `handle`). */
export interface PlaceHandle {
  crumbs: (params: Record<string, string | undefined>) => Crumb[];
  label: string;
}

/** The trail of the open page, from its route's handle; none on the first level. */
function PageCrumbs() {
  const matches = useMatches();
  const match = [...matches].reverse().find((m) => (m.handle as PlaceHandle | undefined)?.crumbs);
  if (!match) return null;
  const handle = match.handle as PlaceHandle;
  return <Breadcrumbs trail={[{ to: '/', label: 'Start' }, ...handle.crumbs(match.params)]} current={handle.label} />;
}

/** A menu label with its count: "Aanvragen 3", read out as "Aanvragen, 3 te doen". */
function EntryLabel({ entry, counts }: { entry: MenuEntry; counts: Record<string, number> | undefined }) {
  const n = entry.count ? (counts?.[entry.count] ?? 0) : 0;
  if (n === 0) return <>{entry.label}</>;
  return (
    <>
      {entry.label}{' '}
      <span className="lr-nav__count" aria-hidden="true">
        {n}
      </span>
      <span className="lr-visually-hidden">, {n} te doen</span>
    </>
  );
}

/** After a route change, move focus to the new page's heading so screen readers announce it. */
function useFocusOnNavigate() {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const id = window.setTimeout(() => document.getElementById('pagina-titel')?.focus(), 0);
    return () => window.clearTimeout(id);
  }, [pathname]);
}

/** The design system's SkipLink wraps the link in a <p> whose margins push the header down. */
function SkipLink() {
  return (
    <a className="utrecht-skip-link utrecht-skip-link--visible-on-focus lr-skip-link" href="#inhoud">
      Naar de inhoud
    </a>
  );
}

function Brand() {
  return (
    <span className="lr-brand">
      <span aria-hidden="true" className="lr-brand__mark">
        L
      </span>
      Leerrecht
    </span>
  );
}

export function AppLayout({ user }: { user: SessionUser }) {
  useFocusOnNavigate();
  const [menuOpen, setMenuOpen] = useState(false);
  const { pathname } = useLocation();
  useEffect(() => setMenuOpen(false), [pathname]);
  const client = useQueryClient();
  const navigate = useNavigate();
  const [signingOut, setSigningOut] = useState(false);
  const counts = useWork().data?.counts;

  async function signOut() {
    setSigningOut(true);
    try {
      await api.post('auth/sign-out');
    } catch {
      // Already signed out: the result is the same.
    }
    clearSession(client);
    navigate('/inloggen?uitgelogd=1', { replace: true });
  }

  return (
    <AppFrame
      bar={
        <>
          <div className="lr-user">
            <span className="lr-user__name">{user.name}</span>
            <span className="lr-user__org">{user.partnership.name}</span>
          </div>
          <button type="button" className="utrecht-button utrecht-button--secondary-action lr-signout" onClick={signOut} disabled={signingOut}>
            Uitloggen
          </button>
          <button
            type="button"
            className="utrecht-button utrecht-button--subtle lr-menu-toggle"
            aria-expanded={menuOpen}
            aria-controls="hoofdmenu"
            onClick={() => setMenuOpen((o) => !o)}
          >
            Menu
          </button>
        </>
      }
      nav={
        <>
          <nav aria-label="Hoofdmenu" className="lr-nav" data-open={menuOpen}>
            <ul id="hoofdmenu" className="lr-nav__list">
              {mainMenu.filter((entry) => shows(user, entry)).map((entry) => {
                const section = sectionMenus.find((sm) => sm.parent === entry.to);
                const current = !!section && inSection(pathname, section.paths);
                return (
                  <li key={entry.to}>
                    <NavLink
                      to={entry.to}
                      end={entry.end}
                      className="lr-nav__link"
                      // The section's own pages (e.g. Mijn klassen) mark their main entry too.
                      style={({ isActive }) => (current && !isActive ? { borderBottomColor: 'var(--lr-accent)', color: '#1a1a1a' } : undefined)}
                    >
                      <EntryLabel entry={entry} counts={counts} />
                    </NavLink>
                  </li>
                );
              })}
            </ul>
          </nav>
          {sectionMenus
            .filter((sm) => inSection(pathname, sm.paths) && mainMenu.some((e) => e.to === sm.parent && shows(user, e)))
            .map((sm) => (
              <nav key={sm.parent} aria-label={sm.label} className="lr-nav lr-subnav" style={{ background: '#f3f3f3' }}>
                <ul className="lr-nav__list">
                  {sm.items.filter((entry) => shows(user, entry)).map((entry) => (
                    <li key={entry.to}>
                      <NavLink to={entry.to} end className="lr-nav__link">
                        <EntryLabel entry={entry} counts={counts} />
                      </NavLink>
                    </li>
                  ))}
                </ul>
              </nav>
            ))}
        </>
      }
    >
      <PageCrumbs />
      <Outlet />
    </AppFrame>
  );
}

/** Pages before sign-in: sign-in, codes, password and invitation links, the outbox. */
export function PublicLayout({ children, wide = false }: { children?: ReactNode; wide?: boolean }) {
  useFocusOnNavigate();
  return <AppFrame narrow={!wide}>{children ?? <Outlet />}</AppFrame>;
}

/** The frame every page shares: skip link, header with the brand (and what a layout adds beside and below it), main, footer. */
function AppFrame({ bar, nav, narrow = false, children }: { bar?: ReactNode; nav?: ReactNode; narrow?: boolean; children: ReactNode }) {
  return (
    <div className="lr-app">
      <SkipLink />
      <header className="lr-header">
        <div className="lr-header__bar">
          <Link to="/" className="lr-brand-link" aria-label="Leerrecht, naar de startpagina">
            <Brand />
          </Link>
          {bar}
        </div>
        {nav}
      </header>
      <main id="inhoud" tabIndex={-1} className={narrow ? 'lr-main lr-main--narrow' : 'lr-main'}>
        {children}
      </main>
      <footer className="lr-footer">Leerrecht — passend onderwijs voor elke leerling</footer>
    </div>
  );
}

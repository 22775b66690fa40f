import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { api } from '../web/api.ts';
import { clearSession, type SessionUser } from '../web/session.tsx';

export const mainNav: { to: string; label: string; end?: boolean; may?: keyof SessionUser['may'] }[] = [
  { to: '/', label: 'Start', end: true },
  { to: '/leerlingen', label: 'Leerlingen' },
  { to: '/ondersteuning', label: 'Ondersteuning' },
  { to: '/opp', label: 'OPP' },
  { to: '/aanvragen', label: 'Aanvragen', may: 'readRequests' },
  { to: '/tlv-register', label: 'TLV-register', may: 'readRegister' },
  { to: '/arrangementen', label: 'Arrangementen', may: 'followArrangements' },
  { to: '/thuiszitters', label: 'Thuiszitters' },
  { to: '/scholen', label: 'Scholen' },
  { to: '/rapportages', label: 'Rapportages' },
  { to: '/beheer', label: 'Beheer' },
];

/** Second-level navigation per section: shown under the main menu while a path of the section is open. */
export const sectionNav = [
  {
    parent: '/leerlingen',
    label: 'Leerlingen',
    paths: ['/leerlingen', '/mijn-klassen', '/klassen/'],
    items: [
      { to: '/mijn-klassen', label: 'Mijn klassen' },
      { to: '/leerlingen', label: 'Zoeken' },
    ],
  },
  {
    parent: '/ondersteuning',
    label: 'Ondersteuning',
    paths: ['/ondersteuning'],
    items: [
      { to: '/ondersteuning/mijn-acties', label: 'Mijn acties' },
      { to: '/ondersteuning/overleggen', label: 'Overleggen' },
      { to: '/ondersteuning/signalen', label: 'Signalen' },
      { to: '/ondersteuning/afspraken', label: 'Afspraken' },
      { to: '/ondersteuning/route', label: 'Ondersteuningsroute' },
    ],
  },
];

const inSection = (pathname: string, paths: string[]) => paths.some((p) => pathname === p || pathname.startsWith(p.endsWith('/') ? p : `${p}/`));

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
              {mainNav.filter((item) => !item.may || user.may[item.may]).map((item) => {
                const section = sectionNav.find((sn) => sn.parent === item.to);
                const current = !!section && inSection(pathname, section.paths);
                return (
                  <li key={item.to}>
                    <NavLink
                      to={item.to}
                      end={item.end}
                      className="lr-nav__link"
                      // The section's own pages (e.g. Mijn klassen) mark their main item too.
                      style={({ isActive }) => (current && !isActive ? { borderBottomColor: 'var(--lr-accent)', color: '#1a1a1a' } : undefined)}
                    >
                      {item.label}
                    </NavLink>
                  </li>
                );
              })}
            </ul>
          </nav>
          {sectionNav
            .filter((sn) => inSection(pathname, sn.paths))
            .map((sn) => (
              <nav key={sn.parent} aria-label={sn.label} className="lr-nav lr-subnav" style={{ background: '#f3f3f3' }}>
                <ul className="lr-nav__list">
                  {sn.items.map((item) => (
                    <li key={item.to}>
                      <NavLink to={item.to} end className="lr-nav__link">
                        {item.label}
                      </NavLink>
                    </li>
                  ))}
                </ul>
              </nav>
            ))}
        </>
      }
    >
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

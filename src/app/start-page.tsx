import { Heading2, Paragraph } from '@utrecht/component-library-react';
import { useSession } from '../web/session.tsx';
import { Link, PageTitle } from '../web/ui.tsx';

const tiles = [
  { to: '/leerlingen', title: 'Leerlingen', text: 'Zoek een leerling en open het dossier.' },
  { to: '/scholen', title: 'Scholen', text: 'Scholen, locaties en besturen in het samenwerkingsverband.' },
  { to: '/ondersteuning', title: 'Ondersteuning', text: 'Besprekingen, afspraken en de ondersteuningsroute.' },
  { to: '/aanvragen', title: 'Aanvragen', text: 'Arrangementen, TLV’s en OPDC-plaatsingen.' },
];

export function StartPage() {
  const { data } = useSession();
  const user = data?.user;
  const admin = !!user?.may.inviteStaff;
  return (
    <>
      <PageTitle title="Start" />
      <Paragraph lead>Welkom, {user?.name}.</Paragraph>
      <Paragraph>
        U werkt in <strong>{user?.partnership.name}</strong>
        {user?.roles.length ? (
          <>
            {' '}als{' '}
            {user.roles.map((r, i) => (
              <span key={`${r.role}-${r.schoolId}`}>
                {i > 0 && (i === user.roles.length - 1 ? ' en ' : ', ')}
                {r.label}
                {r.schoolName ? ` (${r.schoolName})` : ''}
              </span>
            ))}
          </>
        ) : null}
        .
      </Paragraph>
      <ul className="lr-cards">
        {tiles.map((t) => (
          <li key={t.to} className="lr-card">
            <Heading2>
              <Link to={t.to}>{t.title}</Link>
            </Heading2>
            <Paragraph>{t.text}</Paragraph>
          </li>
        ))}
        {admin && (
          <li className="lr-card">
            <Heading2>
              <Link to="/beheer">Beheer</Link>
            </Heading2>
            <Paragraph>Medewerkers uitnodigen, rollen en inlogmethoden.</Paragraph>
          </li>
        )}
      </ul>
    </>
  );
}

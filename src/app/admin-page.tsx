import { Heading2, Paragraph } from '@utrecht/component-library-react';
import { useMay } from '../web/session.tsx';
import { Link, PageTitle } from '../web/ui.tsx';

export function AdminPage() {
  const may = useMay();
  const items = [
    { to: '/beheer/medewerkers', title: 'Medewerkers', text: 'Uitnodigen, rollen toekennen, accounts blokkeren.', show: !!may.listStaff },
    { to: '/beheer/besturen', title: 'Besturen', text: 'De schoolbesturen in het samenwerkingsverband.', show: true },
    { to: '/beheer/inlogmethoden', title: 'Inlogmethoden', text: 'Inloggen met het account van school of bestuur (OpenID Connect).', show: !!may.manageSignInMethods },
    { to: '/beheer/aanvragen', title: 'Aanvragen', text: 'Arrangementen, verplichte onderdelen en termijnen van aanvragen.', show: !!may.manageRequestSettings },
    { to: '/beheer/ondersteuningsprofielen', title: 'Ondersteuningsprofielen', text: 'De lijst van ondersteuningsbehoeften, de niveaus en de regels voor publiceren.', show: !!may.manageSupportOffer },
    { to: '/beheer/speerpunten', title: 'Speerpunten', text: 'De speerpunten van het ondersteuningsplan waaronder elke school haar actieplan schrijft.', show: !!may.manageSpearheads },
    { to: '/beheer/auditlog', title: 'Auditlog', text: 'Wie heeft wanneer welke gegevens bekeken of gewijzigd.', show: !!may.readAuditLog },
    { to: '/beheer/meldcode-logboek', title: 'Logboek meldcode', text: 'Wie met meldcodedossiers werkte, apart van het auditlog; zonder namen van leerlingen en zonder inhoud.', show: !!may.exportMeldcodeLog },
  ];
  return (
    <>
      <PageTitle title="Beheer" />
      <ul className="lr-cards">
        {items
          .filter((i) => i.show)
          .map((i) => (
            <li key={i.to} className="lr-card">
              <Heading2>
                <Link to={i.to}>{i.title}</Link>
              </Heading2>
              <Paragraph>{i.text}</Paragraph>
            </li>
          ))}
      </ul>
    </>
  );
}

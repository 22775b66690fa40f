import { Paragraph } from '@utrecht/component-library-react';
import { Link, PageTitle } from '../web/ui.tsx';

export function NotFoundPage() {
  return (
    <>
      <PageTitle title="Pagina niet gevonden" />
      <Paragraph>Deze pagina bestaat niet (meer). Controleer het adres of ga naar de <Link to="/">startpagina</Link>.</Paragraph>
    </>
  );
}

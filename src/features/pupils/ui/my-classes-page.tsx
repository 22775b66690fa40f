import { useQuery } from '@tanstack/react-query';
import { Paragraph } from '@utrecht/component-library-react';
import type { z } from 'zod';
import { api } from '../../../web/api.ts';
import { Link, Loading, PageTitle, QueryError } from '../../../web/ui.tsx';
import type { MyClass } from '../schema.ts';
import './pupils.css';

type Cls = z.infer<typeof MyClass>;

/** Mijn klassen: the classes I teach or mentor, each with its klassenscan and pupil list. */
export function MyClassesPage() {
  const classes = useQuery({ queryKey: ['my-classes'], queryFn: () => api.get<Cls[]>('my/classes') });
  return (
    <>
      <PageTitle title="Mijn klassen" />
      {classes.isPending && <Loading what="Klassen" />}
      {classes.isError && <QueryError error={classes.error} />}
      {classes.isSuccess &&
        (classes.data.length === 0 ? (
          <Paragraph>
            U bent aan geen klas gekoppeld. Zoek leerlingen via <Link to="/leerlingen">Leerlingen zoeken</Link>.
          </Paragraph>
        ) : (
          <ul className="lr-cards">
            {classes.data.map((c) => (
              <li key={c.id} className="lr-card" aria-labelledby={`klas-${c.id}`}>
                <h2 className="utrecht-heading-2" id={`klas-${c.id}`}>
                  Klas {c.name}
                </h2>
                <Paragraph className="lr-small">
                  {c.school.name} · {c.schoolYear}
                  <br />
                  {c.pupilCount === 1 ? '1 leerling' : `${c.pupilCount} leerlingen`}
                  {c.isMentor ? ' · u bent mentor' : ''}
                </Paragraph>
                <ul className="lr-card-links">
                  <li>
                    <Link to={`/klassen/${c.id}/scan`}>Klassenscan {c.name}</Link>
                  </li>
                  <li>
                    <Link to={`/leerlingen?klas=${c.id}`}>Leerlingen van {c.name}</Link>
                  </li>
                </ul>
              </li>
            ))}
          </ul>
        ))}
    </>
  );
}

import type { ReactNode } from 'react';
import { levels as educationLevels, schoolKinds } from '../../organisation/schema.ts';
import { directoryKindLabels, type DirectoryList, type DirectoryQuery, type DirectorySchool, type FreePlacesOverview } from '../directory-schema.ts';
import { aspectLabels, provisionLabels, supportLevels } from '../schema.ts';

/**
 * The public directory's pages, rendered to HTML on the server (so they are
 * found by search engines, work without JavaScript and show at once on a
 * phone); ui/directory-client.ts adds the map. Plain words for parents (B1).
 * Dates and numbers come formatted from the server (props), so this file
 * stays free of the app's data layer.
 */

export interface Frame {
  /** '/aanbod/vo2601' */
  base: string;
  partnership: string;
}

function Shell({ frame, children }: { frame: Frame; children: ReactNode }) {
  return (
    <div className="lr-dir">
      <a className="lr-dir-skip" href="#inhoud">
        Naar de inhoud
      </a>
      <header className="lr-dir-header">
        <a href={frame.base} className="lr-dir-brand">
          Schoolgids passend onderwijs
        </a>
        <span className="lr-dir-org">{frame.partnership}</span>
      </header>
      <main id="inhoud" className="lr-dir-main">
        {children}
      </main>
      <footer className="lr-dir-footer">
        <p>
          Deze gids toont wat scholen zelf over hun ondersteuning publiceren. Twijfelt u? Bel de school of het samenwerkingsverband. Er staan geen gegevens over leerlingen in.
        </p>
      </footer>
    </div>
  );
}

const kindText = (kind: keyof typeof directoryKindLabels, cluster: number | null) => `${directoryKindLabels[kind]}${cluster ? `, cluster ${cluster}` : ''}`;
const placesText = (n: number | null) => (n === null ? 'Vrije plaatsen: niet bekend' : n === 0 ? 'Geen vrije plaatsen' : n === 1 ? '1 vrije plaats' : `${n} vrije plaatsen`);
const km = (d: number) => `${d.toLocaleString('nl-NL', { maximumFractionDigits: 1 })} km`;

function Select({ name, label, value, options, empty }: { name: string; label: string; value: string | undefined; options: { value: string; label: string }[]; empty: string }) {
  return (
    <div className="lr-dir-field">
      <label htmlFor={`z-${name}`}>{label}</label>
      <select id={`z-${name}`} name={name} defaultValue={value ?? ''}>
        <option value="">{empty}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function DirectoryPage({ frame, data, query, tiles }: { frame: Frame; data: DirectoryList; query: DirectoryQuery; tiles: string | null }) {
  const needLabel = new Map(data.needs.map((n) => [n.id, n.label]));
  const points = data.schools.filter((s) => s.coordinates).map((s) => ({ id: s.id, name: `${s.name}, ${s.location}`, lat: s.coordinates!.lat, lon: s.coordinates!.lon, href: `${frame.base}/school/${s.id}` }));
  return (
    <Shell frame={frame}>
      <h1>Welke school past bij mijn kind?</h1>
      <p className="lr-dir-lead">
        Zoek een school in de regio van {data.partnership.name}. U ziet wat elke school biedt aan extra hulp, en of er plek is. Kijk ook naar de{' '}
        <a href={`${frame.base}/vrije-plaatsen`}>vrije plaatsen in het speciaal onderwijs en het opdc</a>.
      </p>
      <form className="lr-dir-search" method="get" action={frame.base} role="search" aria-label="Scholen zoeken">
        <div className="lr-dir-field">
          <label htmlFor="z-q">Naam van de school of plaats</label>
          <input id="z-q" name="q" type="search" defaultValue={query.q ?? ''} autoComplete="off" />
        </div>
        <Select name="behoefte" label="Mijn kind heeft hulp nodig bij" value={query.behoefte} empty="Alle soorten hulp" options={data.needs.map((n) => ({ value: n.id, label: n.label }))} />
        <Select name="ondersteuning" label="Hoeveel hulp" value={query.ondersteuning} empty="Alle niveaus van hulp" options={supportLevels.map((l) => ({ value: l, label: data.levels[l].label }))} />
        <Select name="soort" label="Soort school" value={query.soort} empty="Alle soorten scholen" options={schoolKinds.map((k) => ({ value: k, label: directoryKindLabels[k] }))} />
        <Select name="niveau" label="Niveau" value={query.niveau} empty="Alle niveaus" options={educationLevels.map((l) => ({ value: l, label: l }))} />
        <Select name="vanaf" label="Afstand vanaf" value={data.origin && query.vanaf ? data.origin.label : undefined} empty="Geen afstand" options={data.places.map((p) => ({ value: p, label: p }))} />
        <div className="lr-dir-check">
          <input id="z-vrij" name="vrij" type="checkbox" value="1" defaultChecked={query.vrij === '1'} />
          <label htmlFor="z-vrij">Alleen scholen met een vrije plaats</label>
        </div>
        <button type="submit" className="lr-dir-button">
          Zoeken
        </button>
        <button type="button" className="lr-dir-button lr-dir-button--secondary" id="mijn-locatie" hidden>
          Afstand vanaf mijn locatie
        </button>
      </form>

      <h2 id="resultaten" role="status">
        {data.schools.length === 1 ? '1 school gevonden' : `${data.schools.length} scholen gevonden`}
        {data.origin ? `, op afstand vanaf ${data.origin.label}` : ''}
      </h2>
      {tiles && points.length > 0 && (
        <div className="lr-dir-map" id="kaart" data-tiles={tiles} data-points={JSON.stringify(points)} aria-hidden="true">
          <p className="lr-dir-map-note">De kaart laadt…</p>
        </div>
      )}
      {data.schools.length === 0 ? (
        <p>Geen school gevonden. Probeer minder keuzes, of bel het samenwerkingsverband: samen zoeken we een passende plek.</p>
      ) : (
        <ol className="lr-dir-results">
          {data.schools.map((s) => {
            const served = [...new Set(s.offers.filter((o) => !query.ondersteuning || o.level === query.ondersteuning).map((o) => needLabel.get(o.needId)).filter(Boolean))];
            return (
              <li key={s.id} className="lr-dir-result">
                <h3>
                  <a href={`${frame.base}/school/${s.id}`}>
                    {s.name}
                    {s.location !== s.name ? `, ${s.location}` : ''}
                  </a>
                </h3>
                <p className="lr-dir-meta">
                  {kindText(s.kind, s.cluster)}
                  {s.levels.length ? ` · ${s.levels.join(', ')}` : ''} · {s.city || 'plaats onbekend'}
                  {s.distanceKm !== null ? ` · ${km(s.distanceKm)}` : ''}
                </p>
                <p>
                  <strong>{placesText(s.freePlaces)}</strong>
                  {!s.current && <span className="lr-dir-old"> · Profiel van schooljaar {s.schoolYear}: nog niet bijgewerkt</span>}
                </p>
                {served.length > 0 && <p className="lr-dir-needs">Hulp bij: {served.join(', ')}</p>}
              </li>
            );
          })}
        </ol>
      )}
    </Shell>
  );
}

export function SchoolPage({ frame, s, published, freeAt }: { frame: Frame; s: DirectorySchool; published: string; freeAt: string | null }) {
  const e = s.entry;
  const address = [e.street, [e.postcode, e.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  return (
    <Shell frame={frame}>
      <p>
        <a href={frame.base}>← Terug naar alle scholen</a>
      </p>
      <h1>
        {e.name}
        {e.location !== e.name ? `, ${e.location}` : ''}
      </h1>
      <p className="lr-dir-meta">
        {kindText(e.kind, e.cluster)}
        {e.levels.length ? ` · ${e.levels.join(', ')}` : ''}
        {address ? ` · ${address}` : ''}
      </p>
      {!e.current && <p className="lr-dir-old">Dit profiel is van schooljaar {e.schoolYear}. De school heeft het dit schooljaar nog niet bijgewerkt.</p>}
      {s.summary && <p className="lr-dir-lead">{s.summary}</p>}

      <h2>Contact</h2>
      <ul className="lr-dir-contact">
        {s.contact.name && <li>{s.contact.name}</li>}
        {s.contact.phone && (
          <li>
            Bel <a href={`tel:${s.contact.phone.replace(/[^0-9+]/g, '')}`}>{s.contact.phone}</a>
          </li>
        )}
        {s.contact.email && (
          <li>
            Mail <a href={`mailto:${s.contact.email}`}>{s.contact.email}</a>
          </li>
        )}
        {s.contact.website && (
          <li>
            <a href={s.contact.website} rel="noopener">
              Website van de school
            </a>
          </li>
        )}
      </ul>

      <h2>Plaats voor uw kind</h2>
      {s.capacity.length === 0 ? (
        <p>De school heeft niet ingevuld hoeveel plaatsen er zijn.</p>
      ) : (
        <table className="lr-dir-table">
          <caption>Plaatsen voor leerlingen met extra hulp{freeAt ? `, vrije plaatsen bijgewerkt ${freeAt}` : ''}</caption>
          <thead>
            <tr>
              <th scope="col">Niveau</th>
              <th scope="col">Leerjaar</th>
              <th scope="col">Plaatsen</th>
              <th scope="col">Nu vrij</th>
            </tr>
          </thead>
          <tbody>
            {s.capacity.map((c) => (
              <tr key={`${c.level}|${c.yearGroup ?? ''}`}>
                <td>{c.level === 'alle' ? 'Alle niveaus' : c.level}</td>
                <td>{c.yearGroup ?? 'Alle'}</td>
                <td>{c.places}</td>
                <td>{c.free ?? 'Niet bekend'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>Welke hulp biedt de school?</h2>
      <dl className="lr-dir-levels">
        {supportLevels.map((l) => (
          <div key={l}>
            <dt>{s.levels[l].label}</dt>
            <dd>{s.levels[l].description}</dd>
          </div>
        ))}
      </dl>
      {s.offers.length === 0 ? (
        <p>De school heeft geen hulp per onderwerp ingevuld.</p>
      ) : (
        s.offers.map((o) => (
          <section key={o.need.id} className="lr-dir-offer" aria-labelledby={`b-${o.need.id}`}>
            <h3 id={`b-${o.need.id}`}>{o.need.label}</h3>
            {o.need.description && <p className="lr-dir-meta">{o.need.description}</p>}
            <ul>
              {o.levels.map((l) => (
                <li key={l.level}>
                  <strong>{s.levels[l.level].label}</strong>
                  {l.aspects.length > 0 && `: ${l.aspects.map((a) => aspectLabels[a].toLowerCase()).join(', ')}`}
                  {l.note && `. ${l.note}`}
                </li>
              ))}
            </ul>
          </section>
        ))
      )}

      {(s.provisions.length > 0 || s.expertise) && (
        <>
          <h2>Voorzieningen en deskundigheid</h2>
          {s.provisions.length > 0 && (
            <ul>
              {s.provisions.map((p) => (
                <li key={p}>{provisionLabels[p]}</li>
              ))}
            </ul>
          )}
          {s.expertise && <p>{s.expertise}</p>}
        </>
      )}
      {s.limits && (
        <>
          <h2>Wat de school niet kan bieden</h2>
          <p>{s.limits}</p>
        </>
      )}
      <p className="lr-dir-meta">Gepubliceerd door de school op {published}.</p>
    </Shell>
  );
}

export function FreePlacesPage({ frame, data, at }: { frame: Frame; data: FreePlacesOverview; at: (d: Date | string | null) => string | null }) {
  return (
    <Shell frame={frame}>
      <p>
        <a href={frame.base}>← Terug naar alle scholen</a>
      </p>
      <h1>Vrije plaatsen in het speciaal onderwijs en het opdc</h1>
      <p className="lr-dir-lead">
        Hier ziet u waar nu plek is in het speciaal basisonderwijs (sbo), het speciaal onderwijs (so en vso) en het opdc. Voor deze scholen is een toelaatbaarheidsverklaring of een
        aanvraag bij het samenwerkingsverband nodig; de school van uw kind helpt daarbij.
      </p>
      {data.schools.length === 0 ? (
        <p>Er zijn nog geen gegevens over plaatsen gepubliceerd.</p>
      ) : (
        <table className="lr-dir-table">
          <caption>Plaatsen en vrije plaatsen per school</caption>
          <thead>
            <tr>
              <th scope="col">School</th>
              <th scope="col">Soort</th>
              <th scope="col">Niveau en leerjaar</th>
              <th scope="col">Plaatsen</th>
              <th scope="col">Nu vrij</th>
            </tr>
          </thead>
          <tbody>
            {data.schools.flatMap((s) =>
              (s.capacity.length ? s.capacity : [null]).map((c, i) => (
                <tr key={`${s.id}-${i}`}>
                  {i === 0 && (
                    <th scope="rowgroup" rowSpan={Math.max(1, s.capacity.length)}>
                      <a href={`${frame.base}/school/${s.id}`}>
                        {s.name}
                        {s.location !== s.name ? `, ${s.location}` : ''}
                      </a>
                      {s.city ? ` (${s.city})` : ''}
                      {at(s.freePlacesAt) && <span className="lr-dir-meta"> · bijgewerkt {at(s.freePlacesAt)}</span>}
                    </th>
                  )}
                  <td>{kindText(s.kind, s.cluster)}</td>
                  <td>{c ? `${c.level === 'alle' ? 'Alle niveaus' : c.level}${c.yearGroup ? `, leerjaar ${c.yearGroup}` : ''}` : 'Niet ingevuld'}</td>
                  <td>{c?.places ?? '—'}</td>
                  <td>{c ? (c.free ?? 'Niet bekend') : '—'}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      )}
    </Shell>
  );
}

export function NotFoundView({ frame, message }: { frame: Frame; message: string }) {
  return (
    <Shell frame={frame}>
      <h1>Niet gevonden</h1>
      <p>{message}</p>
      <p>
        <a href={frame.base}>Naar alle scholen</a>
      </p>
    </Shell>
  );
}

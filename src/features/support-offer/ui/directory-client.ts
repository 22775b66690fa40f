import './directory.css';

/**
 * What the public directory adds in the browser to the page the server
 * rendered: the map, and distances from the parent's own location. Both are
 * extras: the list, the search and the distances from a place work without
 * this script and without the map's tiles. Leaflet loads only when a page
 * has a map (its own chunk), so the list page stays small on a phone.
 */
interface Point {
  id: string;
  name: string;
  lat: number;
  lon: number;
  href: string;
}

async function showMap(el: HTMLElement) {
  const points = JSON.parse(el.dataset.points ?? '[]') as Point[];
  const tiles = el.dataset.tiles;
  if (!tiles || points.length === 0) return;
  const [{ default: L }] = await Promise.all([import('leaflet'), import('leaflet/dist/leaflet.css')]);
  el.replaceChildren();
  // Hidden while it only said "loading"; now it holds the map and its controls, which the keyboard reaches.
  el.removeAttribute('aria-hidden');
  el.setAttribute('role', 'region');
  el.setAttribute('aria-label', 'Kaart met de gevonden scholen; de lijst hieronder noemt dezelfde scholen');
  const map = L.map(el, { scrollWheelZoom: false });
  L.tileLayer(tiles, { maxZoom: 18, attribution: 'Kaart: <a href="https://www.pdok.nl/">PDOK</a> BRT-Achtergrondkaart' }).addTo(map);
  for (const p of points) {
    const link = document.createElement('a');
    link.href = p.href;
    link.textContent = p.name;
    L.circleMarker([p.lat, p.lon], { radius: 8, color: '#1a1a1a', weight: 2, fillColor: '#24578f', fillOpacity: 0.9 }).bindPopup(link).addTo(map);
  }
  map.fitBounds(L.latLngBounds(points.map((p) => [p.lat, p.lon] as [number, number])), { padding: [24, 24], maxZoom: 14 });
}

/** Distances from where the parent is, when they allow it: the page reloads with the point (rounded to about 10 m). */
function offerMyLocation(button: HTMLButtonElement) {
  if (!('geolocation' in navigator)) return;
  button.hidden = false;
  button.addEventListener('click', () => {
    button.disabled = true;
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        const url = new URL(window.location.href);
        url.searchParams.delete('vanaf');
        url.searchParams.set('lat', pos.coords.latitude.toFixed(4));
        url.searchParams.set('lon', pos.coords.longitude.toFixed(4));
        window.location.assign(url);
      },
      () => {
        button.disabled = false;
        button.textContent = 'Uw locatie is niet beschikbaar; kies een plaats';
      },
    );
  });
}

const map = document.getElementById('kaart');
if (map) void showMap(map).catch(() => map.replaceChildren(Object.assign(document.createElement('p'), { className: 'lr-dir-map-note', textContent: 'De kaart kon niet laden. De lijst hieronder toont dezelfde scholen.' })));
const me = document.getElementById('mijn-locatie');
if (me instanceof HTMLButtonElement) offerMyLocation(me);

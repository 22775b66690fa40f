import { TableHeaderCell } from '@utrecht/component-library-react';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { withQuery } from './api.ts';
import { TextField } from './forms.tsx';

/**
 * The parts every list page shares (the request queue, the TLV register,
 * arrangements, the OPP overview): its state in the address, a search box and
 * filters in one toolbar, sortable column headers, the export links and a
 * table that shows it scrolls. The server searches, sorts, pages and exports;
 * these parts only ask.
 */

export type SortDir = 'asc' | 'desc';

/**
 * The list's state in the address (so a link or a reload keeps it): `set`
 * changes some keys and starts again at the first page, unless it sets the
 * page itself.
 */
export function useListParams() {
  const [params, setParams] = useSearchParams();
  const set = (changes: Record<string, string>) => {
    const p = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) p.set(key, value);
      else p.delete(key);
    }
    if (!('pagina' in changes)) p.delete('pagina');
    setParams(p, { replace: true });
  };
  return { params, set };
}

/** The sort in the address ('sorteer', 'richting'), one of `keys`, else the list's default. */
export function useListSort<K extends string>(keys: readonly K[], fallback: { key: K; dir: SortDir }) {
  const { params, set } = useListParams();
  const asked = params.get('sorteer') as K | null;
  const key = asked && keys.includes(asked) ? asked : fallback.key;
  const given = params.get('richting');
  const dir: SortDir = given === 'asc' || given === 'desc' ? given : asked && asked !== fallback.key ? 'asc' : fallback.dir;
  const onSort = (next: K) => set({ sorteer: next, richting: key === next && dir === 'asc' ? 'desc' : 'asc' });
  return { key, dir, onSort };
}

/** The search box: the server searches after a short pause in typing, so every keystroke is not a call. */
export function SearchField({ value, onSearch, label, description }: { value: string; onSearch: (v: string) => void; label: string; description?: string }) {
  const [text, setText] = useState(value);
  const latest = useRef(onSearch);
  latest.current = onSearch;
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    if (text.trim() === value) return;
    const t = setTimeout(() => latest.current(text.trim()), 350);
    return () => clearTimeout(t);
  }, [text, value]);
  return <TextField name="zoek" label={label} description={description} type="search" inputMode="search" value={text} onChange={setText} />;
}

/** The toolbar above a list: its search box first, then its filters, as one search landmark. */
export function ListToolbar({ label, search, children }: { label: string; search?: { value: string; onSearch: (v: string) => void; label?: string }; children?: ReactNode }) {
  return (
    <div className="lr-filters" role="search" aria-label={label}>
      {search && <SearchField label={search.label ?? 'Zoek op naam'} value={search.value} onSearch={search.onSearch} />}
      {children}
    </div>
  );
}

/** A column header that sorts: the button says what a click does, aria-sort what holds now. */
export function SortHeader<K extends string>({ column, label, sort }: { column: K; label: string; sort: { key: K; dir: SortDir; onSort: (k: K) => void } }) {
  const active = sort.key === column;
  const next = active && sort.dir === 'asc' ? 'aflopend' : 'oplopend';
  return (
    <TableHeaderCell scope="col" aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
      <button type="button" className="lr-sort" onClick={() => sort.onSort(column)} aria-label={`${label}, sorteer ${next}`}>
        {label}
        <span aria-hidden="true">{active ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ' ↕'}</span>
      </button>
    </TableHeaderCell>
  );
}

/** Download the whole list as it is filtered (every page) as CSV or Excel; the server audits each download. */
export function ExportLinks({ path, query, what }: { path: string; query: Record<string, string | number | undefined>; what: string }) {
  const href = (format: 'csv' | 'xlsx') => withQuery(`/api/${path}`, { ...query, page: undefined, format });
  return (
    <p className="lr-export">
      <span>Download {what} zoals gefilterd (alle pagina’s):</span>{' '}
      <a className="utrecht-link" href={href('xlsx')} download>
        Excel (xlsx)
      </a>{' '}
      <a className="utrecht-link" href={href('csv')} download>
        CSV
      </a>
    </p>
  );
}

/**
 * A table that may be wider than the screen: a labelled region the keyboard
 * can reach (so it scrolls with the arrow keys: axe's
 * scrollable-region-focusable), with a shadow on the side that has more and a
 * hint while it scrolls.
 */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [edges, setEdges] = useState({ left: false, right: false });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const left = el.scrollLeft > 1;
      const right = el.scrollLeft + el.clientWidth < el.scrollWidth - 1;
      setEdges((e) => (e.left === left && e.right === right ? e : { left, right }));
    };
    measure();
    el.addEventListener('scroll', measure, { passive: true });
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(measure);
    observer?.observe(el);
    if (el.firstElementChild) observer?.observe(el.firstElementChild);
    return () => {
      el.removeEventListener('scroll', measure);
      observer?.disconnect();
    };
  }, []);
  const scrolls = edges.left || edges.right;
  return (
    <>
      {scrolls && (
        <p className="lr-table-hint" aria-hidden="true">
          Schuif de tabel opzij voor meer kolommen →
        </p>
      )}
      <div className={['lr-table-scroller', edges.left && 'lr-table-scroller--more-left', edges.right && 'lr-table-scroller--more-right'].filter(Boolean).join(' ')}>
        <div ref={ref} className="lr-table-wrap" tabIndex={0} role="region" aria-label={label}>
          {children}
        </div>
      </div>
    </>
  );
}

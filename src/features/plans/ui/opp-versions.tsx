import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { dateTime } from '../../../web/ui.tsx';
import { OppSection, StatusBadge, VersionPicker, type OppPageData } from './opp-kit.tsx';
import { TableWrap } from '../../../web/list-table.tsx';

// ── Versies ───────────────────────────────────────────────────────────────────

export function VersionsSection({ page }: { page: OppPageData }) {
  const navigate = useNavigate();
  const numbers = page.versions.map((v) => v.number).sort((a, b) => a - b);
  const [a, setA] = useState(String(numbers.length > 1 ? numbers[numbers.length - 2] : (numbers[0] ?? 1)));
  const [b, setB] = useState(String(numbers[numbers.length - 1] ?? 1));
  const latest = numbers[numbers.length - 1] ?? 1;
  useEffect(() => {
    // A new version (after revising or evaluating): compare it with the one before.
    setA(String(Math.max(1, latest - 1)));
    setB(String(latest));
  }, [latest]);
  return (
    <OppSection id="versies" title="Versies">
      <TableWrap label="Versies van het OPP">
        <Table>
          <caption className="lr-visually-hidden">Versies van dit plan</caption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Versie</TableHeaderCell>
              <TableHeaderCell scope="col">Status</TableHeaderCell>
              <TableHeaderCell scope="col">Verstuurd</TableHeaderCell>
              <TableHeaderCell scope="col">Ingestemd</TableHeaderCell>
              <TableHeaderCell scope="col">Vergelijken</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {page.versions.map((v) => (
              <TableRow key={v.id}>
                <TableCell>
                  Versie {v.number}
                  {v.number === page.current.number && <span className="lr-muted"> (huidig)</span>}
                </TableCell>
                <TableCell>
                  <StatusBadge status={v.status} />
                </TableCell>
                <TableCell>{v.sentAt ? dateTime(v.sentAt) : '—'}</TableCell>
                <TableCell>{v.agreedAt ? dateTime(v.agreedAt) : '—'}</TableCell>
                <TableCell>
                  {v.number > 1 ? (
                    <a
                      className="utrecht-link"
                      href={`/opp/${page.id}/vergelijk?a=${v.number - 1}&b=${v.number}`}
                      onClick={(e) => {
                        e.preventDefault();
                        navigate(`/opp/${page.id}/vergelijk?a=${v.number - 1}&b=${v.number}`);
                      }}
                    >
                      Vergelijk met versie {v.number - 1}
                    </a>
                  ) : (
                    '—'
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableWrap>
      {numbers.length > 1 && (
        <VersionPicker
          label="Twee versies vergelijken"
          submitLabel="Naast elkaar vergelijken"
          versions={numbers}
          a={a}
          b={b}
          setA={setA}
          setB={setB}
          onCompare={(pair) => navigate(`/opp/${page.id}/vergelijk?a=${pair.a}&b=${pair.b}`)}
        />
      )}
    </OppSection>
  );
}

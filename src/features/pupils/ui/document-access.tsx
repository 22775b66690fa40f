import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ButtonGroup, SecondaryActionButton } from '@utrecht/component-library-react';
import { useState } from 'react';
import { api, ApiError } from '../../../web/api.ts';
import { SelectField } from '../../../web/forms.tsx';
import { MEDICAL_CLOSED } from '../schema.ts';
import { pupilKey, type PupilPageData } from './dossier-kit.tsx';

type Doc = PupilPageData['documents'][number];

/** A closed medical document says why, instead of a link that answers 403. */
export function ClosedDocument({ doc }: { doc: Doc }) {
  return (
    <>
      <span>{doc.filename}</span>
      <div className="lr-muted lr-small">{MEDICAL_CLOSED}</div>
    </>
  );
}

/** For the OCO: who else may open this medical document, named one by one and revoked again. */
export function MedicalAccess({ p, doc, onFlash }: { p: PupilPageData; doc: Doc & { access: NonNullable<Doc['access']> }; onFlash: (m: string) => void }) {
  const client = useQueryClient();
  const candidates = useQuery({ queryKey: ['pupil', p.id, 'case-manager-candidates'], queryFn: () => api.get<{ id: string; name: string }[]>(`pupils/${p.id}/case-manager-candidates`) });
  const [userId, setUserId] = useState('');
  const [error, setError] = useState<string | undefined>();
  const name = `toegang-${doc.id.slice(0, 8)}`;

  async function run(action: () => Promise<unknown>, done: string) {
    setError(undefined);
    try {
      await action();
      await client.invalidateQueries({ queryKey: pupilKey(p.id) });
      onFlash(done);
    } catch (e) {
      setError(e instanceof ApiError ? (e.fields[0]?.message ?? e.message) : 'Dat is niet gelukt. Probeer het opnieuw.');
    }
  }

  const named = new Set(doc.access.map((a) => a.id));
  return (
    <div className="lr-small">
      <div>Ook te openen door: {doc.access.length === 0 ? 'niemand buiten het ondersteuningsteam' : ''}</div>
      <ul>
        {doc.access.map((a) => (
          <li key={a.id}>
            {a.name}{' '}
            <SecondaryActionButton type="button" onClick={() => void run(() => api.delete(`documents/${doc.id}/access/${a.id}`), `${a.name} kan ${doc.filename} niet meer openen.`)}>
              Intrekken<span className="lr-visually-hidden">: {a.name}</span>
            </SecondaryActionButton>
          </li>
        ))}
      </ul>
      <SelectField
        name={name}
        label="Toegang geven aan"
        value={userId}
        onChange={setUserId}
        options={(candidates.data ?? []).filter((c) => !named.has(c.id)).map((c) => ({ value: c.id, label: c.name }))}
        placeholder="Kies een medewerker"
        error={error}
      />
      <ButtonGroup>
        <SecondaryActionButton
          type="button"
          disabled={!userId}
          onClick={() => void run(() => api.post(`documents/${doc.id}/access`, { userId }), `Toegang tot ${doc.filename} gegeven.`).then(() => setUserId(''))}
        >
          Toegang geven
        </SecondaryActionButton>
      </ButtonGroup>
    </div>
  );
}

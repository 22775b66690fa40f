import { useQueryClient } from '@tanstack/react-query';
import { ButtonGroup, PrimaryActionButton, SecondaryActionButton } from '@utrecht/component-library-react';
import { useState } from 'react';
import { pupilKey, useAction } from './dossier-kit.tsx';

export function useRefresh(pupilId: string) {
  const client = useQueryClient();
  return async () => {
    await client.invalidateQueries({ queryKey: pupilKey(pupilId) });
    void client.invalidateQueries({ queryKey: ['pupils'] });
    void client.invalidateQueries({ queryKey: ['class-scan'] });
  };
}

/** "Beëindigen" with a second, explicit confirmation. */
export function EndButton({ what, onConfirm }: { what: string; onConfirm: () => Promise<void> }) {
  const [asking, setAsking] = useState(false);
  const action = useAction();
  if (!asking) {
    return (
      <SecondaryActionButton type="button" onClick={() => setAsking(true)} aria-label={`Beëindigen: ${what}`}>
        Beëindigen
      </SecondaryActionButton>
    );
  }
  return (
    <div role="group" aria-label={`Bevestig beëindigen: ${what}`} className="lr-confirm">
      <span>Beëindigen?</span>
      <ButtonGroup>
        <PrimaryActionButton type="button" hint="danger" disabled={action.busy} busy={action.busy} autoFocus onClick={() => void action.run(onConfirm)}>
          Ja, beëindigen
        </PrimaryActionButton>
        <SecondaryActionButton type="button" onClick={() => setAsking(false)}>
          Nee
        </SecondaryActionButton>
      </ButtonGroup>
      {action.error && (
        <span role="alert" className="lr-inline-error">
          {action.error}
        </span>
      )}
    </div>
  );
}

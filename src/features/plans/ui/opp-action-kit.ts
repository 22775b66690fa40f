import { useQueryClient } from '@tanstack/react-query';
import { oppKey } from './opp-kit.tsx';

// Shared with the dossier and request pages.
export { focusHeading } from '../../../web/actions.tsx';

export function useRefresh(oppId: string) {
  const client = useQueryClient();
  return async () => {
    await client.invalidateQueries({ queryKey: oppKey(oppId) });
    void client.invalidateQueries({ queryKey: ['pupil'] });
  };
}

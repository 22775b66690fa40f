import { useQuery } from '@tanstack/react-query';
import type { Work } from '../platform/work-schema.ts';
import { api } from '../web/api.ts';

export const workKey = ['work'] as const;

/** The reader's work list and the menu's counts: one call, shared by the start page and the menu. */
export function useWork() {
  // Fresh for half a minute: the menu asks on every page, the start page asks again when it opens.
  return useQuery({ queryKey: workKey, queryFn: () => api.get<Work>('work'), staleTime: 30_000 });
}

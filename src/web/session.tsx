import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { May, MayAtSchool, SessionInfo } from '../platform/access/session-schema.ts';
import { useSearchParams } from 'react-router';
import { api, setCsrfToken } from './api.ts';

export type Session = SessionInfo;
export type SessionUser = NonNullable<SessionInfo['user']>;

export const sessionKey = ['session'] as const;

/** Set by sign-out: the guard then shows "U bent uitgelogd" instead of "log opnieuw in". */
let signedOutByUser = false;
export const wasSignedOutByUser = () => signedOutByUser;

async function fetchSession(): Promise<Session> {
  const s = await api.get<Session>('auth/session');
  setCsrfToken(s.csrfToken);
  if (s.signedIn) signedOutByUser = false;
  return s;
}

export function useSession() {
  return useQuery({ queryKey: sessionKey, queryFn: fetchSession, staleTime: 60_000 });
}

/** After sign-in, a code or sign-out the session (and its CSRF token) changed: load it before going on. */
export async function refreshSession(client: QueryClient): Promise<Session> {
  const s = await fetchSession();
  client.setQueryData(sessionKey, s);
  return s;
}

/** Forget the session in the browser at once, so no page still thinks it is signed in. */
export function clearSession(client: QueryClient) {
  signedOutByUser = true;
  setCsrfToken(null);
  client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'session' });
  client.setQueryData<Session>(sessionKey, { signedIn: false, mfa: null, csrfToken: null, user: null });
}

export function useRefreshSession() {
  const client = useQueryClient();
  return () => refreshSession(client);
}

/** Where to go after sign-in: only paths inside this app, never another site. */
export function safeReturnPath(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//')) return '/';
  return value;
}

/** What the signed-in user may do, as the server says (never worked out here from roles); nothing while loading. */
export function useMay(): Partial<May> {
  return useSession().data?.user?.may ?? {};
}

/** The schools where the signed-in user may do this: the school pickers offer these. */
export function useSchoolsWhere(what: keyof MayAtSchool): { id: string; name: string }[] {
  const schools = useSession().data?.user?.schools ?? [];
  return schools.filter((s) => s.may[what]).map(({ id, name }) => ({ id, name }));
}

/** The schools to filter a list on: every school for partnership staff, one's own otherwise. */
export function useFilterSchools(everySchool: boolean, own: { id: string; name: string }[]) {
  const all = useQuery({
    queryKey: ['schools', 'all'],
    queryFn: () => api.get<{ schools: { id: string; name: string }[] }>('schools'),
    enabled: everySchool,
    staleTime: 5 * 60_000,
  });
  return everySchool ? (all.data?.schools.map(({ id, name }) => ({ id, name })) ?? []) : own;
}

/** The school a page is about: ?school=… where the user may do this, else the first such school. */
export function useSchoolChoice(what: keyof MayAtSchool) {
  const [params, setParams] = useSearchParams();
  const schools = useSchoolsWhere(what);
  const wanted = params.get('school');
  const schoolId = schools.find((s) => s.id === wanted)?.id ?? schools[0]?.id ?? '';
  /** Sets one search parameter (an empty value removes it), keeping the others. */
  const set = (key: string, value: string) => {
    const p = new URLSearchParams(params);
    if (value) p.set(key, value);
    else p.delete(key);
    setParams(p, { replace: true });
  };
  return { schools, schoolId, choose: (id: string) => set('school', id), set, params, setParams };
}

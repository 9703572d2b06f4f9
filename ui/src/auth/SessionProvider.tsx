/**
 * Who is signed in. The session lives in an HttpOnly cookie, so a reload asks
 * GET /auth/session; any API call answered UNAUTHORIZED ends the session here and
 * the login screen explains why. Cached data never outlives its user.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { currentUser, signIn, signOut } from '../api/authApi.js';
import { onSessionEnded } from '../api/sessionEvents.js';
import type { SessionUser } from '../model/modelTypes.js';

export type SignedOutReason = 'expired' | 'signedOut' | null;

export type SessionState =
  | { status: 'checking' }
  | { status: 'signedOut'; reason: SignedOutReason; checkFailed?: boolean }
  | { status: 'signedIn'; user: SessionUser };

interface Session {
  state: SessionState;
  login(email: string, password: string): Promise<void>;
  logout(): Promise<void>;
  recheck(): void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<SessionState>({ status: 'checking' });

  const recheck = useCallback(() => {
    setState({ status: 'checking' });
    currentUser().then(
      (user) => setState(user ? { status: 'signedIn', user } : { status: 'signedOut', reason: null }),
      () => setState({ status: 'signedOut', reason: null, checkFailed: true }),
    );
  }, []);

  useEffect(recheck, [recheck]);

  useEffect(
    () =>
      onSessionEnded(() => {
        setState((current) => (current.status === 'signedIn' ? { status: 'signedOut', reason: 'expired' } : current));
        queryClient.clear();
      }),
    [queryClient],
  );

  const login = useCallback(
    async (email: string, password: string) => {
      const user = await signIn(email, password);
      queryClient.clear();
      setState({ status: 'signedIn', user });
    },
    [queryClient],
  );

  const logout = useCallback(async () => {
    try {
      await signOut();
    } finally {
      queryClient.clear();
      setState({ status: 'signedOut', reason: 'signedOut' });
    }
  }, [queryClient]);

  const value = useMemo(() => ({ state, login, logout, recheck }), [state, login, logout, recheck]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in user; only inside the signed-in part of the app. */
export function useSignedInUser(): SessionUser {
  const { state } = useSession();
  if (state.status !== 'signedIn') throw new Error('useSignedInUser without a session');
  return state.user;
}

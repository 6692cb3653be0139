import { decodeJwt } from 'jose';
import { createContext, ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { useToken } from '../api/client';
import type { Role } from '../api/types';

/** The claims the services read from the token: district, roles, the unit subtrees managed, the member record. */
export interface Claims {
  sub: string;
  district: string;
  roles: Role[];
  units: string[];
  memberId?: string;
  name?: string;
}

export interface Session {
  token: string;
  claims: Claims;
}

interface SessionContextValue {
  session: Session | null;
  signIn(token: string): void;
  signOut(): void;
}

const STORAGE_KEY = 'console.token';
const SessionContext = createContext<SessionContextValue | null>(null);

/** Reads the claims of a token; the services verify it, the console only needs to know whom it shows. */
export function claimsOf(token: string): Claims | null {
  try {
    const payload = decodeJwt(token);
    if (typeof payload.district !== 'string' || !Array.isArray(payload.roles)) return null;
    if (payload.exp && payload.exp * 1000 < Date.now()) return null;
    return {
      sub: String(payload.sub ?? ''),
      district: payload.district,
      roles: payload.roles as Role[],
      units: Array.isArray(payload.units) ? (payload.units as string[]) : [],
      memberId: typeof payload.memberId === 'string' ? payload.memberId : undefined,
      name: typeof payload.name === 'string' ? payload.name : undefined,
    };
  } catch {
    return null;
  }
}

function restore(): Session | null {
  const token = sessionStorage.getItem(STORAGE_KEY);
  const claims = token ? claimsOf(token) : null;
  return token && claims ? { token, claims } : null;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(restore);
  const signOut = useCallback(() => {
    sessionStorage.removeItem(STORAGE_KEY);
    setSession(null);
  }, []);
  const signIn = useCallback((token: string) => {
    const claims = claimsOf(token);
    if (!claims) throw new Error('the token carries no district or roles');
    sessionStorage.setItem(STORAGE_KEY, token);
    setSession({ token, claims });
  }, []);
  useToken(session?.token ?? null, signOut);
  const value = useMemo(() => ({ session, signIn, signOut }), [session, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in session; pages under the sign-in guard may rely on it. */
export function useClaims(): Claims {
  const { session } = useSession();
  if (!session) throw new Error('not signed in');
  return session.claims;
}

export const hasRole = (claims: Claims, ...roles: Role[]) => roles.some((role) => claims.roles.includes(role));

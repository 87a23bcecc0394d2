// The signed-in user as the web app knows it: fetched from /api/auth/me, with the
// permissions the server computed. The app only uses them to hide what cannot be done;
// the server checks every request again.
import { createContext, useContext, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Spin } from 'antd';
import { api, ApiError } from './api';

export interface Me {
  id: number;
  username: string;
  displayName: string;
  locale: 'zh-CN' | 'en';
  org: { id: number; code: string; name: string };
  roles: string[];
  permissions: string[];
  scope: { mode: 'own_subtree' | 'named'; rootOrgIds: number[]; orgIds: number[] };
  inspector: { id: number; staffNo: string; certificateNo: string | null; certificateValidTo: string | null; canEnforce: boolean; reason?: string } | null;
}

interface AuthState {
  me: Me | null;
  can(permission: string): boolean;
  refresh(): Promise<unknown>;
  signedIn(me: Me): void;
  signOut(): Promise<void>;
}

const AuthContext = createContext<AuthState | undefined>(undefined);

export function AuthProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const query = useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      try {
        return await api.get<Me>('/api/auth/me');
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: 60_000,
  });
  if (query.isLoading) return <Spin fullscreen />;
  const me = query.data ?? null;
  const state: AuthState = {
    me,
    can: (p) => !!me?.permissions.includes(p),
    refresh: () => query.refetch(),
    signedIn: (m) => qc.setQueryData(['me'], m),
    signOut: async () => {
      await api.post('/api/auth/logout');
      qc.clear();
      qc.setQueryData(['me'], null);
    },
  };
  return <AuthContext.Provider value={state}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** The signed-in user; only for pages behind the login. */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('not signed in');
  return me;
}

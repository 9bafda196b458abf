import { createContext, useContext } from 'react';
import type { User } from './api';

export interface SessionContextValue {
  user: User;
  logout: () => void;
}

export const SessionContext = createContext<SessionContextValue | null>(null);

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside of a session');
  return value;
}

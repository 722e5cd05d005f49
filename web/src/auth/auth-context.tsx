// Bridges the framework-free session into Solid: a signed-in signal the route guard and pages react to.
import { query } from '@solidjs/router';
import { type Accessor, createContext, createSignal, type ParentComponent, useContext } from 'solid-js';
import type { Session, SignedOutReason } from './session.ts';

export type Auth = {
  session: Session;
  signedIn: Accessor<boolean>;
  /** Why the last session ended: an explicit sign-out, or an expired/rejected session. */
  signedOutReason: Accessor<SignedOutReason | undefined>;
  signOut: () => Promise<void>;
};

export const createAuth = (session: Session): Auth => {
  const [signedIn, setSignedIn] = createSignal(session.isSignedIn());
  const [signedOutReason, setSignedOutReason] = createSignal<SignedOutReason>();
  session.subscribe((event) => {
    // Cached loader results belong to one session: nothing of the previous user's data may survive
    // into the next one, and a preload that failed while signed out must not stick after signing in.
    query.clear();
    setSignedOutReason(event.status === 'signedOut' ? event.reason : undefined);
    setSignedIn(event.status === 'signedIn');
  });
  return { session, signedIn, signedOutReason, signOut: () => session.signOut() };
};

const AuthContext = createContext<Auth>();

export const AuthProvider: ParentComponent<{ value: Auth }> = (props) => (
  <AuthContext.Provider value={props.value}>{props.children}</AuthContext.Provider>
);

export const useAuth = (): Auth => {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth() outside <AuthProvider>');
  return auth;
};

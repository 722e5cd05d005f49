// The route guard for everything but /sign-in: signed out → /sign-in?redirect=<here>; signed in → the shell
// with the current user loaded and the unread count polled.
import { Navigate, type RouteSectionProps, useLocation } from '@solidjs/router';
import { onCleanup, onMount, Show } from 'solid-js';
import { useAuth } from '../auth/auth-context.tsx';
import { signInPath } from '../auth/redirect.ts';
import { forgetCustomFields } from '../features/custom-fields/definitions.ts';
import { startUnreadPolling } from '../features/notifications/unread-store.ts';
import { CommandPaletteProvider } from '../features/search/command-palette.tsx';
import { forgetNames } from '../features/tasks/link-names.ts';
import { CurrentUserProvider } from '../features/users/current-user.tsx';
import { forgetStaff } from '../features/users/staff.ts';
import { AppShell } from './app-shell.tsx';

const UnreadPolling = () => {
  onMount(() => onCleanup(startUnreadPolling()));
  return null;
};

/** What one session loaded (staff, custom fields, linked records' names) is not the next session's. */
const SessionCaches = () => {
  onCleanup(() => {
    forgetStaff();
    forgetCustomFields();
    forgetNames();
  });
  return null;
};

export const ProtectedLayout = (props: RouteSectionProps) => {
  const auth = useAuth();
  const location = useLocation();
  const signIn = () =>
    auth.signedOutReason() === 'signOut'
      ? '/sign-in'
      : signInPath(
          `${location.pathname}${location.search}`,
          auth.signedOutReason() === 'expired' ? 'expired' : undefined,
        );

  return (
    <Show when={auth.signedIn()} fallback={<Navigate href={signIn()} />}>
      <CurrentUserProvider>
        <UnreadPolling />
        <SessionCaches />
        <CommandPaletteProvider>
          <AppShell>{props.children}</AppShell>
        </CommandPaletteProvider>
      </CurrentUserProvider>
    </Show>
  );
};

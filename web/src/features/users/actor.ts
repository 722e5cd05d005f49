// The signed-in user as the permission rules see them: their id and roles, from /api/me.
import type { Actor } from '../records/permissions.ts';
import { useCurrentUser } from './current-user.tsx';

export const useActor = (): (() => Actor) => {
  const { me } = useCurrentUser();
  return () => {
    const current = me.state === 'ready' || me.state === 'refreshing' ? me.latest : undefined;
    return { userId: current?.user.id ?? '', roles: current?.roles ?? [] };
  };
};

// The left navigation is derived from the route table: a route with `info.nav` gets a link, so a new
// section (Компании, Сделки…) appears by adding its route, and no link points to a page that does not exist.
import type { RouteDefinition } from '@solidjs/router';
import type { Role } from '../api/me.ts';
import type { MessageKey } from '../i18n/dictionary.ts';
import type { IconName } from '../ui/icon.tsx';

export type NavInfo = {
  label: MessageKey;
  icon: IconName;
  order: number;
  /** Only these roles see the link (everyone when absent); the page itself still guards its data. */
  roles?: readonly Role[];
};

export type RouteInfo = { nav?: NavInfo; title?: MessageKey };

export type NavItem = NavInfo & { href: string };

const joinPath = (parent: string, path: string): string => {
  const joined = `${parent.replace(/\/$/, '')}/${path.replace(/^\//, '')}`;
  return joined.length > 1 ? joined.replace(/\/$/, '') : '/';
};

export const navItemsFrom = (routes: readonly RouteDefinition[], parent = ''): NavItem[] =>
  routes
    .flatMap((route): NavItem[] => {
      const paths = Array.isArray(route.path) ? route.path : [route.path ?? ''];
      const href = joinPath(parent, String(paths[0] ?? ''));
      const nav = (route.info as RouteInfo | undefined)?.nav;
      const children = route.children ? [route.children].flat() : [];
      return [...(nav ? [{ ...nav, href }] : []), ...navItemsFrom(children, href)];
    })
    .sort((a, b) => a.order - b.order);

/** Whether a user with `roles` sees the item. */
export const navItemVisible = (item: Pick<NavInfo, 'roles'>, roles: readonly Role[]): boolean =>
  !item.roles || item.roles.some((role) => roles.includes(role));

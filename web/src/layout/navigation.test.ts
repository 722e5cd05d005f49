// The navigation comes from the route table: only routes marked for it, in their order, with full paths.
import type { RouteDefinition } from '@solidjs/router';
import { describe, expect, it } from 'vitest';
import { navItemsFrom } from './navigation.ts';

const Page = () => null;

describe('navItemsFrom', () => {
  it('lists routes with nav info, nested paths joined, sorted by order', () => {
    const routes: RouteDefinition[] = [
      { path: '/sign-in', component: Page },
      {
        path: '/',
        component: Page,
        children: [
          {
            path: '/settings',
            component: Page,
            info: { nav: { label: 'nav.settings', icon: 'settings', order: 900 } },
          },
          { path: '/', component: Page, info: { nav: { label: 'nav.home', icon: 'home', order: 10 } } },
          { path: '/hidden', component: Page },
          {
            path: '/crm',
            children: [
              {
                path: 'deals',
                component: Page,
                info: { nav: { label: 'nav.home', icon: 'activity', order: 30 } },
              },
            ],
          },
          { path: '*404', component: Page },
        ],
      },
    ];
    expect(navItemsFrom(routes).map((item) => [item.href, item.order])).toEqual([
      ['/', 10],
      ['/crm/deals', 30],
      ['/settings', 900],
    ]);
  });
});

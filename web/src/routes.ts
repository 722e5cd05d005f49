// The route table. Pages load lazily with their data loaders (preload) beside them; `info.nav` puts a
// route into the left navigation, so later sections (Компании, Контакты, Сделки, Задачи, Кампании,
// Счета, Обращения) appear by adding their route here.
import type { RouteDefinition } from '@solidjs/router';
import { lazy } from 'solid-js';
import type { RouteInfo } from './layout/navigation.ts';
import { ProtectedLayout } from './layout/protected-layout.tsx';
import { preloadHome } from './pages/home/home.data.ts';
import { preloadNotifications } from './pages/notifications/notifications.data.ts';

const SignInPage = lazy(() =>
  import('./pages/sign-in/sign-in.page.tsx').then((m) => ({ default: m.SignInPage })),
);
const HomePage = lazy(() => import('./pages/home/home.page.tsx').then((m) => ({ default: m.HomePage })));
const NotificationsPage = lazy(() =>
  import('./pages/notifications/notifications.page.tsx').then((m) => ({ default: m.NotificationsPage })),
);
const SettingsPage = lazy(() =>
  import('./pages/settings/settings.page.tsx').then((m) => ({ default: m.SettingsPage })),
);
const NotFoundPage = lazy(() =>
  import('./pages/not-found/not-found.page.tsx').then((m) => ({ default: m.NotFoundPage })),
);

const info = (value: RouteInfo): RouteInfo => value;

export const routes: RouteDefinition[] = [
  { path: '/sign-in', component: SignInPage },
  {
    path: '/',
    component: ProtectedLayout,
    children: [
      {
        path: '/',
        component: HomePage,
        preload: preloadHome,
        info: info({ title: 'nav.home', nav: { label: 'nav.home', icon: 'home', order: 10 } }),
      },
      {
        path: '/notifications',
        component: NotificationsPage,
        preload: preloadNotifications,
        info: info({
          title: 'nav.notifications',
          nav: { label: 'nav.notifications', icon: 'bell', order: 20 },
        }),
      },
      {
        path: '/settings',
        component: SettingsPage,
        info: info({ title: 'nav.settings', nav: { label: 'nav.settings', icon: 'settings', order: 900 } }),
      },
      { path: '*404', component: NotFoundPage },
    ],
  },
];

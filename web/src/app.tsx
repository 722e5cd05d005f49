// The application: contexts (config, language, session, toasts, navigation) around the router.
import { Router } from '@solidjs/router';
import { type Auth, AuthProvider } from './auth/auth-context.tsx';
import type { AppConfig } from './config/app-config.ts';
import { AppConfigProvider } from './config/config-context.tsx';
import { type I18n, I18nProvider } from './i18n/i18n-context.tsx';
import { navItemsFrom } from './layout/navigation.ts';
import { NavigationProvider } from './layout/navigation-context.tsx';
import { routes } from './routes.ts';
import { ToastProvider } from './ui/toast.tsx';

export type AppProps = { config: AppConfig; i18n: I18n; auth: Auth };

const navItems = navItemsFrom(routes);

export const App = (props: AppProps) => (
  <AppConfigProvider value={props.config}>
    <I18nProvider value={props.i18n}>
      <AuthProvider value={props.auth}>
        <ToastProvider dismissLabel={() => props.i18n.t('common.dismiss')}>
          <NavigationProvider items={navItems}>
            <Router>{routes}</Router>
          </NavigationProvider>
        </ToastProvider>
      </AuthProvider>
    </I18nProvider>
  </AppConfigProvider>
);

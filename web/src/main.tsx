// Start-up: load /config.json, wire the session (Cognito + token store), the API client and the
// language, then render. If the configuration cannot be loaded, say so instead of a blank page.
import { render } from 'solid-js/web';
import { configureApi, createApi } from './api/client.ts';
import { createHttpClient } from './api/http-client.ts';
import { App } from './app.tsx';
import { createAuth } from './auth/auth-context.tsx';
import { createCognitoClient } from './auth/cognito.ts';
import { createSession } from './auth/session.ts';
import { createTokenStore } from './auth/tokens.ts';
import { loadAppConfig } from './config/app-config.ts';
import { createI18n } from './i18n/i18n-context.tsx';
import { readLocalePreference } from './i18n/locale-preference.ts';
import { toLocale } from './i18n/locales.ts';
import { dictionaries } from './i18n/translate.ts';
import './styles/tokens.css';
import './styles/base.css';
import './ui/ui.css';
import './layout/layout.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

const boot = async (mount: HTMLElement) => {
  const config = await loadAppConfig();
  const store = createTokenStore(localStorage, config.tenant.id);
  const session = createSession({
    store,
    cognito: createCognitoClient({ endpoint: config.cognitoEndpoint, clientId: config.userPoolClientId }),
  });
  // Another tab signing in or out of the same tenant changes the stored tokens.
  window.addEventListener('storage', (event) => {
    if (event.key === store.key || event.key === null) session.syncFromStorage();
  });
  configureApi(createApi(createHttpClient({ tokens: session, onUnauthorized: () => session.expire() })));

  mount.textContent = '';
  render(() => {
    const i18n = createI18n({
      locale: readLocalePreference(localStorage, config.tenant.id) ?? config.tenant.locale,
      timeZone: config.tenant.timezone,
      currency: config.tenant.currency,
    });
    return <App config={config} i18n={i18n} auth={createAuth(session)} />;
  }, mount);
};

const showBootError = (mount: HTMLElement, error: unknown) => {
  console.error(error);
  const dictionary = dictionaries[toLocale(navigator.language)];
  const screen = document.createElement('div');
  screen.className = 'boot-screen boot-screen--error';
  screen.setAttribute('role', 'alert');
  const title = document.createElement('p');
  title.className = 'boot-screen__title';
  title.textContent = dictionary.app.configFailed;
  const hint = document.createElement('p');
  hint.className = 'boot-screen__text';
  hint.textContent = dictionary.app.configFailedHint;
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'btn btn--primary';
  button.textContent = dictionary.app.reload;
  button.addEventListener('click', () => window.location.reload());
  screen.append(title, hint, button);
  mount.replaceChildren(screen);
};

boot(root).catch((error: unknown) => showBootError(root, error));

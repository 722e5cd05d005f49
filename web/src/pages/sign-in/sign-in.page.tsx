// /sign-in: the organisation's name, the language switch and the sign-in steps. A signed-in visitor
// goes on to ?redirect= (a path inside the app) or Home.
import { Navigate, useSearchParams } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { useAuth } from '../../auth/auth-context.tsx';
import { safeRedirectPath } from '../../auth/redirect.ts';
import type { NewPasswordChallenge } from '../../auth/session.ts';
import { useAppConfig } from '../../config/config-context.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { writeLocalePreference } from '../../i18n/locale-preference.ts';
import type { Locale } from '../../i18n/locales.ts';
import { LanguageSwitch } from '../../layout/language-switch.tsx';
import { usePageTitle } from '../../layout/page-title.ts';
import { Alert } from '../../ui/feedback.tsx';
import { Icon } from '../../ui/icon.tsx';
import { NewPasswordForm } from './new-password-form.tsx';
import { PasswordForm } from './password-form.tsx';
import './sign-in.css';

export const SignInPage = () => {
  const i18n = useI18n();
  const { t } = i18n;
  const auth = useAuth();
  const config = useAppConfig();
  const [params] = useSearchParams();
  const [pending, setPending] = createSignal<{ challenge: NewPasswordChallenge; email: string }>();
  const [lastEmail, setLastEmail] = createSignal<string>();
  usePageTitle(() => t('signIn.title'));

  const redirectTo = () => safeRedirectPath(params.redirect);
  const switchLanguage = (locale: Locale) => {
    i18n.setLocale(locale);
    writeLocalePreference(localStorage, config.tenant.id, locale);
  };

  return (
    <Show when={!auth.signedIn()} fallback={<Navigate href={redirectTo()} />}>
      <div class="auth-page">
        <header class="auth-page__top">
          <span class="brand brand--static">
            <span class="brand__mark" aria-hidden="true">
              C
            </span>
            <span class="brand__name">{t('app.name')}</span>
          </span>
          <LanguageSwitch value={i18n.locale()} onChange={switchLanguage} name="sign-in-language" />
        </header>

        <main class="auth-page__main">
          <div class="auth-card">
            <div class="auth-card__header">
              <p class="auth-card__org">
                <Icon name="building" size={16} />
                <span data-testid="tenant-name">{config.tenant.name}</span>
              </p>
              <h1 class="auth-card__title">{t('signIn.title')}</h1>
              <Show when={!pending()}>
                <p class="auth-card__subtitle">{t('signIn.subtitle')}</p>
              </Show>
            </div>

            <Show when={!pending()}>
              <Show when={params.reason === 'expired'}>
                <Alert tone="warning" role="status">
                  {t('signIn.sessionExpired')}
                </Alert>
              </Show>
              <Show when={params.reason !== 'expired' && auth.signedOutReason() === 'signOut'}>
                <Alert tone="info" role="status">
                  {t('signIn.signedOut')}
                </Alert>
              </Show>
            </Show>

            <Show
              when={pending()}
              fallback={
                <PasswordForm
                  initialEmail={lastEmail()}
                  onChallenge={(challenge, email) => setPending({ challenge, email })}
                />
              }
            >
              {(step) => (
                <NewPasswordForm
                  challenge={step().challenge}
                  email={step().email}
                  onBack={() => {
                    setLastEmail(step().email);
                    setPending(undefined);
                  }}
                />
              )}
            </Show>
          </div>
          <p class="auth-page__help">{t('signIn.help')}</p>
        </main>
      </div>
    </Show>
  );
};

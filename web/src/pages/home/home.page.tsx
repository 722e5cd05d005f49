// Home: a greeting by name, the user's roles and organisation, recent notifications and system status.
import { createAsync, revalidate } from '@solidjs/router';
import { createSignal, ErrorBoundary, For, onCleanup, Show, Suspense } from 'solid-js';
import { SystemStatus } from '../../features/health/system-status.tsx';
import { NotificationItem } from '../../features/notifications/notification-item.tsx';
import { unreadCount } from '../../features/notifications/unread-store.ts';
import { useCurrentUser } from '../../features/users/current-user.tsx';
import { firstName, greetingKey } from '../../features/users/greeting.ts';
import { roleLabel, sortRoles } from '../../features/users/roles.ts';
import { formatUtcOffset, hourInTimeZone } from '../../format/format.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { usePageTitle } from '../../layout/page-title.ts';
import { ApiErrorState } from '../../ui/api-error-state.tsx';
import { Button, LinkButton } from '../../ui/button.tsx';
import { Skeleton } from '../../ui/feedback.tsx';
import { Badge, Panel } from '../../ui/panel.tsx';
import { getHealth, getLatestNotifications } from './home.data.ts';
import './home.css';

// «Российский рубль»: Intl names currencies in lower case, as in running text.
const currencyName = (code: string, locale: string): string => {
  const name = new Intl.DisplayNames([locale], { type: 'currency' }).of(code) ?? code;
  return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
};

export const HomePage = () => {
  const i18n = useI18n();
  const { t, tp, fmt } = i18n;
  const { me, reload } = useCurrentUser();
  usePageTitle(() => t('nav.home'));

  // The greeting follows the clock: re-evaluated every minute.
  const [now, setNow] = createSignal(Date.now());
  const clock = setInterval(() => setNow(Date.now()), 60_000);
  onCleanup(() => clearInterval(clock));

  const health = createAsync(() => getHealth());
  const [checking, setChecking] = createSignal(false);
  const checkAgain = async () => {
    setChecking(true);
    await revalidate(getHealth.key).catch(() => undefined);
    setChecking(false);
  };
  const latest = createAsync(() => getLatestNotifications());

  return (
    <div class="page home">
      <ErrorBoundary
        fallback={(error, reset) => (
          <ApiErrorState
            error={error}
            onRetry={() =>
              void reload()
                .catch(() => undefined)
                .then(reset)
            }
          />
        )}
      >
        <Suspense fallback={<Skeleton lines={2} label={t('common.loading')} />}>
          <Show when={me()}>
            {(data) => (
              <>
                <header class="home__hero">
                  <h1 class="home__greeting" data-testid="greeting">
                    {t(greetingKey(hourInTimeZone(now(), data().tenant.timezone)), {
                      name: firstName(data().user.name, data().user.email),
                    })}
                  </h1>
                  <p class="home__today">{t('home.today', { date: fmt.longDate(now()) })}</p>
                </header>

                <div class="home__grid">
                  <Panel title={t('home.profile.title')} class="home__profile">
                    <dl class="details">
                      <div class="details__row">
                        <dt>{t('home.profile.roles')}</dt>
                        <dd>
                          <Show
                            when={data().roles.length > 0}
                            fallback={<span class="muted">{t('home.profile.noRoles')}</span>}
                          >
                            <ul class="role-list" data-testid="roles">
                              <For each={sortRoles(data().roles)}>
                                {(role) => (
                                  <li>
                                    <Badge tone={role === 'admin' ? 'accent' : 'neutral'}>
                                      {roleLabel(role, i18n)}
                                    </Badge>
                                  </li>
                                )}
                              </For>
                            </ul>
                          </Show>
                        </dd>
                      </div>
                      <div class="details__row">
                        <dt>{t('home.profile.email')}</dt>
                        <dd>{data().user.email}</dd>
                      </div>
                    </dl>
                    <div class="panel__footer">
                      <LinkButton href="/settings" variant="ghost" size="sm" icon="settings">
                        {t('home.profile.editProfile')}
                      </LinkButton>
                    </div>
                  </Panel>

                  <Panel title={t('home.organisation.title')} class="home__org">
                    <dl class="details">
                      <div class="details__row">
                        <dt>{t('home.organisation.name')}</dt>
                        <dd data-testid="organisation-name">{data().tenant.name}</dd>
                      </div>
                      <div class="details__row">
                        <dt>{t('home.organisation.timezone')}</dt>
                        <dd>
                          {data().tenant.timezone}{' '}
                          <span class="muted">({formatUtcOffset(data().tenant.timezone, now())})</span>
                        </dd>
                      </div>
                      <div class="details__row">
                        <dt>{t('home.organisation.currency')}</dt>
                        <dd>
                          {currencyName(data().tenant.currency, i18n.locale())}{' '}
                          <span class="muted">({data().tenant.currency})</span>
                        </dd>
                      </div>
                    </dl>
                  </Panel>
                </div>
              </>
            )}
          </Show>
        </Suspense>
      </ErrorBoundary>

      <div class="home__grid">
        <Panel
          title={t('home.notifications.title')}
          actions={
            <LinkButton href="/notifications" variant="ghost" size="sm" icon="arrowRight">
              {t('home.notifications.open')}
            </LinkButton>
          }
        >
          <ErrorBoundary
            fallback={(error, reset) => (
              <ApiErrorState
                compact
                error={error}
                onRetry={() =>
                  void revalidate(getLatestNotifications.key)
                    .catch(() => undefined)
                    .then(reset)
                }
              />
            )}
          >
            <Suspense fallback={<Skeleton lines={3} label={t('common.loading')} />}>
              <Show when={latest()}>
                {(page) => (
                  <>
                    <p class="home__unread">
                      {(unreadCount() ?? page().unread) > 0
                        ? tp('home.notifications.unread', unreadCount() ?? page().unread)
                        : t('home.notifications.none')}
                    </p>
                    <Show
                      when={page().items.length > 0}
                      fallback={<p class="muted">{t('notifications.emptyText')}</p>}
                    >
                      <ul class="notification-list notification-list--compact">
                        <For each={page().items}>
                          {(notification) => <NotificationItem notification={notification} compact />}
                        </For>
                      </ul>
                    </Show>
                  </>
                )}
              </Show>
            </Suspense>
          </ErrorBoundary>
        </Panel>

        <Panel
          title={t('health.title')}
          actions={
            <Button
              variant="ghost"
              size="sm"
              icon="refresh"
              busy={checking()}
              onClick={() => void checkAgain()}
            >
              {t('health.refresh')}
            </Button>
          }
        >
          <ErrorBoundary
            fallback={(error, reset) => (
              <ApiErrorState
                compact
                error={error}
                onRetry={() =>
                  void revalidate(getHealth.key)
                    .catch(() => undefined)
                    .then(reset)
                }
              />
            )}
          >
            <Suspense fallback={<Skeleton lines={4} label={t('common.loading')} />}>
              <Show when={health()}>{(value) => <SystemStatus health={value()} />}</Show>
            </Suspense>
          </ErrorBoundary>
        </Panel>
      </div>
    </div>
  );
};

// Settings: the user's name, interface language and e-mail notifications, saved with the profile's
// version. A 409 reloads the profile and says so; field errors from the API appear beside the fields.
// Below, the user's private calendar feed (features/calendar).
import { createEffect, createMemo, createSignal, ErrorBoundary, on, Show, Suspense } from 'solid-js';
import { createStore } from 'solid-js/store';
import { ApiError } from '../../api/api-error.ts';
import type { Me, MeChanges, User } from '../../api/me.ts';
import { CalendarFeedPanel } from '../../features/calendar/calendar-feed-panel.tsx';
import { useCurrentUser } from '../../features/users/current-user.tsx';
import { describeError } from '../../i18n/describe-error.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import type { Locale } from '../../i18n/locales.ts';
import { usePageTitle } from '../../layout/page-title.ts';
import { SettingsNav } from '../../layout/settings-nav.tsx';
import { ApiErrorState } from '../../ui/api-error-state.tsx';
import { Button } from '../../ui/button.tsx';
import { Alert, Skeleton } from '../../ui/feedback.tsx';
import { SegmentedControl, SwitchField, TextField } from '../../ui/field.tsx';
import { PageHeader, Panel } from '../../ui/panel.tsx';
import { useToast } from '../../ui/toast.tsx';
import './settings.css';

type ProfileForm = { name: string; locale: Locale; emailNotifications: boolean };
type FieldName = keyof ProfileForm;

const formFrom = (user: User): ProfileForm => ({
  name: user.name,
  locale: user.locale,
  emailNotifications: user.emailNotifications,
});

const changesBetween = (user: User, form: ProfileForm): MeChanges => {
  const changes: MeChanges = {};
  if (form.name.trim() !== user.name) changes.name = form.name.trim();
  if (form.locale !== user.locale) changes.locale = form.locale;
  if (form.emailNotifications !== user.emailNotifications)
    changes.emailNotifications = form.emailNotifications;
  return changes;
};

const ProfileSettingsForm = (props: { me: Me }) => {
  const i18n = useI18n();
  const { t } = i18n;
  const { save, reload } = useCurrentUser();
  const toast = useToast();
  const [form, setForm] = createStore<ProfileForm>(formFrom(props.me.user));
  const [errors, setErrors] = createStore<Partial<Record<FieldName, string>>>({});
  const [saving, setSaving] = createSignal(false);
  const [stale, setStale] = createSignal(false);
  const [failure, setFailure] = createSignal<unknown>();

  // A newer version of the profile (saved here, in another tab, or reloaded after a 409) resets the form.
  createEffect(
    on(
      () => props.me.user.version,
      () => {
        setForm(formFrom(props.me.user));
        setErrors({ name: undefined, locale: undefined, emailNotifications: undefined });
      },
      { defer: true },
    ),
  );

  const changes = createMemo(() => changesBetween(props.me.user, form));
  const dirty = () => Object.keys(changes()).length > 0;

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setFailure(undefined);
    setStale(false);
    setErrors({ name: form.name.trim() ? undefined : t('settings.profile.nameRequired') });
    if (errors.name) return;
    if (!dirty()) {
      toast.show(t('settings.noChanges'), 'info');
      return;
    }
    setSaving(true);
    try {
      await save(changes());
      toast.show(t('settings.saved'));
    } catch (error) {
      if (error instanceof ApiError && error.code === 'StaleVersion') {
        setStale(true);
        await reload().catch(() => undefined);
      } else {
        if (error instanceof ApiError) {
          setErrors({
            name: error.fieldMessage('name'),
            locale: error.fieldMessage('locale'),
            emailNotifications: error.fieldMessage('emailNotifications'),
          });
        }
        setFailure(error);
      }
    } finally {
      setSaving(false);
    }
  };

  const failureText = () => {
    const description = describeError(failure(), i18n);
    return description.correlationId
      ? `${description.message} ${t('errors.correlationId', { id: description.correlationId })}`
      : description.message;
  };

  return (
    <form class="settings-form" onSubmit={submit} novalidate>
      <Show when={stale()}>
        <Alert
          tone="warning"
          role="alert"
          onDismiss={() => setStale(false)}
          dismissLabel={t('common.dismiss')}
        >
          {t('settings.stale')}
        </Alert>
      </Show>
      <Show when={failure()}>
        <Alert
          tone="danger"
          role="alert"
          onDismiss={() => setFailure(undefined)}
          dismissLabel={t('common.dismiss')}
        >
          {failureText()}
        </Alert>
      </Show>

      <Panel title={t('settings.profile.title')} description={t('settings.profile.description')}>
        <div class="form-grid">
          <TextField
            label={t('settings.profile.name')}
            name="name"
            autocomplete="name"
            value={form.name}
            onInput={(event) => setForm('name', event.currentTarget.value)}
            error={errors.name}
            maxLength={200}
            required
          />
          <div class="field">
            <span class="field__label">{t('settings.profile.email')}</span>
            <p class="field__static">{props.me.user.email}</p>
            <p class="field__hint">{t('settings.profile.emailHint')}</p>
          </div>
        </div>
      </Panel>

      <Panel title={t('settings.preferences.title')}>
        <div class="settings-form__stack">
          <div>
            <SegmentedControl
              legend={t('settings.preferences.language')}
              name="locale"
              value={form.locale}
              choices={[
                { value: 'ru', label: t('language.ru'), lang: 'ru' },
                { value: 'en', label: t('language.en'), lang: 'en' },
              ]}
              onChange={(locale) => setForm('locale', locale)}
            />
            <Show when={errors.locale}>
              <p class="field__error">{errors.locale}</p>
            </Show>
          </div>
          <div>
            <SwitchField
              label={t('settings.preferences.emailNotifications')}
              hint={t('settings.preferences.emailNotificationsHint', { email: props.me.user.email })}
              name="emailNotifications"
              checked={form.emailNotifications}
              onChange={(checked) => setForm('emailNotifications', checked)}
            />
            <Show when={errors.emailNotifications}>
              <p class="field__error">{errors.emailNotifications}</p>
            </Show>
          </div>
        </div>
      </Panel>

      <div class="form-actions">
        <Button type="submit" variant="primary" busy={saving()}>
          {saving() ? t('settings.saving') : t('settings.save')}
        </Button>
        <Button
          variant="ghost"
          disabled={!dirty() || saving()}
          onClick={() => setForm(formFrom(props.me.user))}
        >
          {t('settings.reset')}
        </Button>
      </div>
    </form>
  );
};

export const SettingsPage = () => {
  const { t } = useI18n();
  const { me, reload } = useCurrentUser();
  usePageTitle(() => t('settings.title'));
  return (
    <div class="page settings-page">
      <PageHeader title={t('settings.title')} subtitle={t('settings.subtitle')} />
      <SettingsNav />
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
        <Suspense fallback={<Skeleton lines={6} label={t('common.loading')} />}>
          <Show when={me()}>{(data) => <ProfileSettingsForm me={data()} />}</Show>
        </Suspense>
      </ErrorBoundary>
      <CalendarFeedPanel />
    </div>
  );
};

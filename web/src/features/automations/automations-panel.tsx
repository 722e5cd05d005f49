// Автоматизации (settings, administrators): the switch of "a won deal creates an onboarding call task
// for its owner". Saved at the version last read; another administrator's change meanwhile reloads the
// switches and says so. Everyone else sees them read-only.
import { createResource, createSignal, Show } from 'solid-js';
import { ApiError } from '../../api/api-error.ts';
import type { Automations } from '../../api/automations.ts';
import { api } from '../../api/client.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { ApiErrorState } from '../../ui/api-error-state.tsx';
import { Alert, Skeleton } from '../../ui/feedback.tsx';
import { SwitchField } from '../../ui/field.tsx';
import { Panel } from '../../ui/panel.tsx';
import { loaded } from '../../ui/resource.ts';
import { useToast } from '../../ui/toast.tsx';
import type { Actor } from '../records/permissions.ts';
import { useActor } from '../users/actor.ts';

export const canManageAutomations = (actor: Actor): boolean => actor.roles.includes('admin');

export const AutomationsPanel = () => {
  const i18n = useI18n();
  const { t } = i18n;
  const toast = useToast();
  const actor = useActor();
  const [settings, { mutate, refetch }] = createResource(() => api().automations.get());
  const [saving, setSaving] = createSignal(false);
  const [stale, setStale] = createSignal(false);

  const save = async (current: Automations, onboardingCallOnWin: boolean) => {
    setSaving(true);
    setStale(false);
    try {
      const saved = await api().automations.update(current.version, { onboardingCallOnWin });
      mutate(saved);
      toast.show(saved.automations.onboardingCallOnWin ? t('automations.on') : t('automations.off'));
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        setStale(true);
        await refetch();
      } else {
        toast.show(describeError(error, i18n).message, 'danger');
        // The switch goes back to what is saved.
        mutate({ ...current });
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Panel title={t('automations.title')} description={t('automations.description')}>
      <Show
        when={!settings.error}
        fallback={<ApiErrorState compact error={settings.error} onRetry={() => void refetch()} />}
      >
        <Show when={loaded(settings)} fallback={<Skeleton lines={2} label={t('common.loading')} />}>
          {(current) => (
            <div class="settings-form__stack" data-testid="automations">
              <Show when={stale()}>
                <Alert
                  tone="warning"
                  role="alert"
                  onDismiss={() => setStale(false)}
                  dismissLabel={t('common.dismiss')}
                >
                  {t('automations.stale')}
                </Alert>
              </Show>
              <Show when={!canManageAutomations(actor())}>
                <Alert tone="info">{t('automations.readOnly')}</Alert>
              </Show>
              <SwitchField
                label={t('automations.onboarding.label')}
                hint={t('automations.onboarding.hint')}
                name="onboardingCallOnWin"
                checked={current().automations.onboardingCallOnWin}
                disabled={saving() || !canManageAutomations(actor())}
                onChange={(checked) => void save(current(), checked)}
              />
            </div>
          )}
        </Show>
      </Show>
    </Panel>
  );
};

// Настройки → Рассылки (administrators): at most how many campaign e-mails a second the organisation
// sends, all campaigns together, with SES's own quota shown beside it. Empty means no cap of its own.
// Saved at the version read; another administrator's save meanwhile reloads it and says so.
import { createEffect, createResource, createSignal, on, Show } from 'solid-js';
import { ApiError } from '../../api/api-error.ts';
import { api } from '../../api/client.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { ApiErrorState } from '../../ui/api-error-state.tsx';
import { Button } from '../../ui/button.tsx';
import { Alert, Skeleton } from '../../ui/feedback.tsx';
import { TextField } from '../../ui/field.tsx';
import { Panel } from '../../ui/panel.tsx';
import { loaded } from '../../ui/resource.ts';
import { useToast } from '../../ui/toast.tsx';

export const SendingSettingsPanel = () => {
  const i18n = useI18n();
  const { t, fmt } = i18n;
  const toast = useToast();
  const [settings, { mutate, refetch }] = createResource(() => api().campaigns.sendingSettings());
  const [value, setValue] = createSignal('');
  const [error, setError] = createSignal<string>();
  const [saving, setSaving] = createSignal(false);
  const [stale, setStale] = createSignal(false);

  createEffect(
    on(
      () => loaded(settings),
      (read) => {
        if (read) setValue(read.sendRatePerSecond === null ? '' : String(read.sendRatePerSecond));
      },
    ),
  );

  const save = async (event?: Event) => {
    event?.preventDefault();
    const read = loaded(settings);
    if (!read) return;
    const text = value().trim().replace(/\s/g, '');
    const rate = text === '' ? null : Number(text);
    if (rate !== null && (!/^\d+$/.test(text) || rate < 1 || rate > 10_000)) {
      setError(t('sendingSettings.range'));
      return;
    }
    setError(undefined);
    setSaving(true);
    setStale(false);
    try {
      const saved = await api().campaigns.saveSendingSettings(read.version, rate);
      mutate({ ...read, ...saved });
      toast.show(t('sendingSettings.saved'));
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 409) {
        setStale(true);
        await refetch();
        return;
      }
      if (failure instanceof ApiError && failure.fields.length > 0) setError(t('sendingSettings.range'));
      toast.show(describeError(failure, i18n).message, 'danger');
    } finally {
      setSaving(false);
    }
  };

  return (
    <Panel title={t('sendingSettings.title')} description={t('sendingSettings.description')}>
      <Show
        when={!settings.error}
        fallback={<ApiErrorState compact error={settings.error} onRetry={() => void refetch()} />}
      >
        <Show when={loaded(settings)} fallback={<Skeleton lines={2} label={t('common.loading')} />}>
          {(read) => (
            <form
              class="settings-form__stack"
              onSubmit={(event) => void save(event)}
              novalidate
              data-testid="sending-settings"
            >
              <Show when={stale()}>
                <Alert
                  tone="warning"
                  role="alert"
                  onDismiss={() => setStale(false)}
                  dismissLabel={t('common.dismiss')}
                >
                  {t('sendingSettings.stale')}
                </Alert>
              </Show>
              <TextField
                label={t('sendingSettings.rate')}
                hint={t('sendingSettings.rateHint')}
                type="number"
                inputmode="numeric"
                min={1}
                max={10_000}
                value={value()}
                error={error()}
                onInput={(event) => {
                  setValue(event.currentTarget.value);
                  setError(undefined);
                }}
              />
              <Show when={read().sesMaxSendRate}>
                {(rate) => (
                  <p class="field__hint" data-testid="ses-send-rate">
                    {t('sendingSettings.sesRate', { rate: fmt.number(rate()) })}
                  </p>
                )}
              </Show>
              <Show when={(read().sesMaxSendRate ?? Number.POSITIVE_INFINITY) < Number(value() || 0)}>
                <Alert tone="info" role="status">
                  {t('sendingSettings.aboveSes', { rate: fmt.number(read().sesMaxSendRate ?? 0) })}
                </Alert>
              </Show>
              <div class="form-actions">
                <Button type="submit" variant="primary" icon="check" busy={saving()}>
                  {t('sendingSettings.save')}
                </Button>
              </div>
            </form>
          )}
        </Show>
      </Show>
    </Panel>
  );
};

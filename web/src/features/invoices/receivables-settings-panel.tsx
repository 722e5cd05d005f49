// Настройки → Дебиторка (administrators): how many days before a due date the billing contact is
// reminded, how many days after the overdue alert it escalates to the sales managers, and the payment
// term of an invoice issued without a schedule. Saved at the version read; another administrator's save
// meanwhile reloads them and says so. The server's range errors land beside their fields.
import { createEffect, createResource, createSignal, on, Show } from 'solid-js';
import { ApiError } from '../../api/api-error.ts';
import { api } from '../../api/client.ts';
import type { ReceivablesSettings } from '../../api/receivables.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { ApiErrorState } from '../../ui/api-error-state.tsx';
import { Button } from '../../ui/button.tsx';
import { Alert, Skeleton } from '../../ui/feedback.tsx';
import { TextField } from '../../ui/field.tsx';
import { Panel } from '../../ui/panel.tsx';
import { loaded } from '../../ui/resource.ts';
import { useToast } from '../../ui/toast.tsx';
import { useActor } from '../users/actor.ts';
import { canManageReceivablesSettings } from './invoice-permissions.ts';

type Key = keyof ReceivablesSettings;
const limits: Record<Key, [number, number]> = {
  reminderDaysBefore: [0, 30],
  escalateAfterDays: [1, 60],
  defaultPaymentDays: [0, 365],
};
const keys = Object.keys(limits) as Key[];

export const ReceivablesSettingsPanel = () => {
  const i18n = useI18n();
  const { t } = i18n;
  const toast = useToast();
  const actor = useActor();
  const [settings, { mutate, refetch }] = createResource(() => api().receivables.settings());
  const [values, setValues] = createSignal<Record<Key, string>>({
    reminderDaysBefore: '',
    escalateAfterDays: '',
    defaultPaymentDays: '',
  });
  const [errors, setErrors] = createSignal<Partial<Record<Key, string>>>({});
  const [saving, setSaving] = createSignal(false);
  const [stale, setStale] = createSignal(false);
  const canEdit = () => canManageReceivablesSettings(actor());

  createEffect(
    on(
      () => loaded(settings),
      (read) => {
        if (!read) return;
        setValues({
          reminderDaysBefore: String(read.settings.reminderDaysBefore),
          escalateAfterDays: String(read.settings.escalateAfterDays),
          defaultPaymentDays: String(read.settings.defaultPaymentDays),
        });
      },
    ),
  );

  const save = async (event?: Event) => {
    event?.preventDefault();
    const read = loaded(settings);
    if (!read) return;
    const found: Partial<Record<Key, string>> = {};
    const parsed = {} as Record<Key, number>;
    for (const key of keys) {
      const [min, max] = limits[key];
      const text = values()[key].trim();
      const value = Number(text);
      if (!/^\d+$/.test(text) || value < min || value > max)
        found[key] = t('receivablesSettings.range', { min, max });
      else parsed[key] = value;
    }
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setSaving(true);
    setStale(false);
    try {
      mutate(await api().receivables.saveSettings(read.version, parsed));
      toast.show(t('receivablesSettings.saved'));
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        setStale(true);
        await refetch();
        return;
      }
      if (error instanceof ApiError && error.fields.length > 0) {
        const next: Partial<Record<Key, string>> = {};
        for (const f of error.fields)
          if ((keys as string[]).includes(f.field)) {
            const [min, max] = limits[f.field as Key];
            next[f.field as Key] = t('receivablesSettings.range', { min, max });
          }
        setErrors(next);
      }
      toast.show(describeError(error, i18n).message, 'danger');
    } finally {
      setSaving(false);
    }
  };

  return (
    <Panel title={t('receivablesSettings.title')} description={t('receivablesSettings.description')}>
      <Show
        when={!settings.error}
        fallback={<ApiErrorState compact error={settings.error} onRetry={() => void refetch()} />}
      >
        <Show when={loaded(settings)} fallback={<Skeleton lines={3} label={t('common.loading')} />}>
          <form
            class="settings-form__stack"
            onSubmit={(event) => void save(event)}
            novalidate
            data-testid="receivables-settings"
          >
            <Show when={stale()}>
              <Alert
                tone="warning"
                role="alert"
                onDismiss={() => setStale(false)}
                dismissLabel={t('common.dismiss')}
              >
                {t('receivablesSettings.stale')}
              </Alert>
            </Show>
            <Show when={!canEdit()}>
              <Alert tone="info">{t('receivablesSettings.readOnly')}</Alert>
            </Show>
            {keys.map((key) => (
              <TextField
                label={t(`receivablesSettings.${key}`)}
                hint={t(`receivablesSettings.${key}Hint`)}
                type="number"
                inputmode="numeric"
                min={limits[key][0]}
                max={limits[key][1]}
                disabled={!canEdit()}
                value={values()[key]}
                error={errors()[key]}
                onInput={(event) => {
                  const value = event.currentTarget.value;
                  setValues((current) => ({ ...current, [key]: value }));
                  setErrors((current) => ({ ...current, [key]: undefined }));
                }}
              />
            ))}
            <Show when={canEdit()}>
              <div class="form-actions">
                <Button type="submit" variant="primary" icon="check" busy={saving()}>
                  {t('receivablesSettings.save')}
                </Button>
              </div>
            </Show>
          </form>
        </Show>
      </Show>
    </Panel>
  );
};

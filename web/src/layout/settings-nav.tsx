// Tabs between the settings pages: the profile, and (administrators) the custom fields, the
// pipelines with exchange rates, the automations, the receivables reminders and the campaigns'
// sending rate.
import { A } from '@solidjs/router';
import { Show } from 'solid-js';
import { canManageAutomations } from '../features/automations/automations-panel.tsx';
import { canManageReceivablesSettings } from '../features/invoices/invoice-permissions.ts';
import { canManageSending } from '../features/marketing/marketing-permissions.ts';
import { canManageCustomFields } from '../features/records/permissions.ts';
import { useActor } from '../features/users/actor.ts';
import { useI18n } from '../i18n/i18n-context.tsx';

export const SettingsNav = () => {
  const { t } = useI18n();
  const actor = useActor();
  return (
    <nav class="tabs" aria-label={t('settingsNav.label')}>
      <A href="/settings" end class="tabs__tab" activeClass="is-active">
        {t('settingsNav.profile')}
      </A>
      <Show when={canManageCustomFields(actor())}>
        <A href="/settings/custom-fields" class="tabs__tab" activeClass="is-active">
          {t('settingsNav.customFields')}
        </A>
      </Show>
      <Show when={canManageCustomFields(actor())}>
        <A href="/settings/pipelines" class="tabs__tab" activeClass="is-active">
          {t('settingsNav.pipelines')}
        </A>
      </Show>
      <Show when={canManageAutomations(actor())}>
        <A href="/settings/automations" class="tabs__tab" activeClass="is-active">
          {t('automations.tab')}
        </A>
      </Show>
      <Show when={canManageReceivablesSettings(actor())}>
        <A href="/settings/receivables" class="tabs__tab" activeClass="is-active">
          {t('receivablesSettings.tab')}
        </A>
      </Show>
      <Show when={canManageSending(actor())}>
        <A href="/settings/sending" class="tabs__tab" activeClass="is-active">
          {t('sendingSettings.tab')}
        </A>
      </Show>
    </nav>
  );
};

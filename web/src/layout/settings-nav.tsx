// Tabs between the settings pages: the profile, and (administrators) the custom fields.
import { A } from '@solidjs/router';
import { Show } from 'solid-js';
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
    </nav>
  );
};

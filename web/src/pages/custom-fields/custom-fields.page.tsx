// Настройки → Пользовательские поля: administrators define the extra fields of companies and contacts.
import { Show } from 'solid-js';
import { CustomFieldsAdmin } from '../../features/custom-fields/custom-fields-admin.tsx';
import { canManageCustomFields } from '../../features/records/permissions.ts';
import { useActor } from '../../features/users/actor.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { usePageTitle } from '../../layout/page-title.ts';
import { SettingsNav } from '../../layout/settings-nav.tsx';
import { Alert } from '../../ui/feedback.tsx';
import { PageHeader } from '../../ui/panel.tsx';

export const CustomFieldsPage = () => {
  const { t } = useI18n();
  const actor = useActor();
  usePageTitle(() => t('customFields.title'));
  return (
    <div class="page custom-fields-page">
      <PageHeader title={t('settings.title')} subtitle={t('customFields.subtitle')} />
      <SettingsNav />
      <Show
        when={canManageCustomFields(actor())}
        fallback={<Alert tone="warning">{t('customFields.adminOnly')}</Alert>}
      >
        <CustomFieldsAdmin />
      </Show>
    </div>
  );
};

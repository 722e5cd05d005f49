// Настройки → Воронки и валюты: administrators edit the sales pipelines and the exchange rates.
import { Show } from 'solid-js';
import { PipelinesAdmin } from '../../features/pipelines/pipelines-admin.tsx';
import { canManageCustomFields } from '../../features/records/permissions.ts';
import { useActor } from '../../features/users/actor.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { usePageTitle } from '../../layout/page-title.ts';
import { SettingsNav } from '../../layout/settings-nav.tsx';
import { Alert } from '../../ui/feedback.tsx';
import { PageHeader } from '../../ui/panel.tsx';

export const PipelinesPage = () => {
  const { t } = useI18n();
  const actor = useActor();
  usePageTitle(() => t('pipelines.title'));
  return (
    <div class="page pipelines-page">
      <PageHeader title={t('settings.title')} subtitle={t('pipelines.subtitle')} />
      <SettingsNav />
      {/* Pipelines and rates are the administrators', like custom fields. */}
      <Show
        when={canManageCustomFields(actor())}
        fallback={<Alert tone="warning">{t('pipelines.adminOnly')}</Alert>}
      >
        <PipelinesAdmin />
      </Show>
    </div>
  );
};

// Settings → Автоматизации: the organisation's automation switches (administrators change them).
import { AutomationsPanel } from '../../features/automations/automations-panel.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { usePageTitle } from '../../layout/page-title.ts';
import { SettingsNav } from '../../layout/settings-nav.tsx';
import { PageHeader } from '../../ui/panel.tsx';
import './settings.css';

export const AutomationsPage = () => {
  const { t } = useI18n();
  usePageTitle(() => t('automations.title'));
  return (
    <div class="page settings-page">
      <PageHeader title={t('settings.title')} subtitle={t('settings.subtitle')} />
      <SettingsNav />
      <div class="settings-form">
        <AutomationsPanel />
      </div>
    </div>
  );
};

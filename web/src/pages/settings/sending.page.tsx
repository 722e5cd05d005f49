// Настройки → Рассылки: the tenant's cap on campaign e-mails a second, beside SES's quota.
import { SendingSettingsPanel } from '../../features/marketing/sending-settings-panel.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { usePageTitle } from '../../layout/page-title.ts';
import { SettingsNav } from '../../layout/settings-nav.tsx';
import { PageHeader } from '../../ui/panel.tsx';
import './settings.css';

export const SendingSettingsPage = () => {
  const { t } = useI18n();
  usePageTitle(() => t('sendingSettings.title'));
  return (
    <div class="page settings-page">
      <PageHeader title={t('settings.title')} subtitle={t('settings.subtitle')} />
      <SettingsNav />
      <div class="settings-form">
        <SendingSettingsPanel />
      </div>
    </div>
  );
};

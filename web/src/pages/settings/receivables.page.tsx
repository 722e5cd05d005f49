// Настройки → Дебиторка: reminders before a due date, escalation after it, the default payment term.
import { ReceivablesSettingsPanel } from '../../features/invoices/receivables-settings-panel.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { usePageTitle } from '../../layout/page-title.ts';
import { SettingsNav } from '../../layout/settings-nav.tsx';
import { PageHeader } from '../../ui/panel.tsx';
import './settings.css';

export const ReceivablesSettingsPage = () => {
  const { t } = useI18n();
  usePageTitle(() => t('receivablesSettings.title'));
  return (
    <div class="page settings-page">
      <PageHeader title={t('settings.title')} subtitle={t('settings.subtitle')} />
      <SettingsNav />
      <div class="settings-form">
        <ReceivablesSettingsPanel />
      </div>
    </div>
  );
};

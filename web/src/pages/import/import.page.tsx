// Импорт: companies or contacts from a CSV file, step by step, with a dry run and progress.
import { Show } from 'solid-js';
import { ImportWizard } from '../../features/imports/import-wizard.tsx';
import { canImport } from '../../features/records/permissions.ts';
import { useActor } from '../../features/users/actor.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { usePageTitle } from '../../layout/page-title.ts';
import { Alert } from '../../ui/feedback.tsx';
import { PageHeader } from '../../ui/panel.tsx';
import '../../features/imports/imports.css';

export const ImportPage = () => {
  const { t } = useI18n();
  const actor = useActor();
  usePageTitle(() => t('imports.title'));
  return (
    <div class="page import-page">
      <PageHeader title={t('imports.title')} subtitle={t('imports.subtitle')} />
      <Show
        when={actor().roles.length === 0 || canImport(actor())}
        fallback={<Alert tone="warning">{t('imports.noPermission')}</Alert>}
      >
        <ImportWizard />
      </Show>
    </div>
  );
};

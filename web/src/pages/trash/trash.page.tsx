// Корзина: deleted companies and contacts, restorable for 30 days.
import { TrashList } from '../../features/trash/trash-list.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { usePageTitle } from '../../layout/page-title.ts';
import { PageHeader } from '../../ui/panel.tsx';

export const TrashPage = () => {
  const { t } = useI18n();
  usePageTitle(() => t('trash.title'));
  return (
    <div class="page trash-page">
      <PageHeader title={t('trash.title')} subtitle={t('trash.subtitle')} />
      <TrashList />
    </div>
  );
};

// Any unknown address inside the app.
import { useI18n } from '../../i18n/i18n-context.tsx';
import { usePageTitle } from '../../layout/page-title.ts';
import { LinkButton } from '../../ui/button.tsx';
import { EmptyState } from '../../ui/feedback.tsx';

export const NotFoundPage = () => {
  const { t } = useI18n();
  usePageTitle(() => t('notFound.title'));
  return (
    <div class="page">
      <h1 class="sr-only">{t('notFound.title')}</h1>
      <EmptyState
        icon="alert"
        title={t('notFound.title')}
        text={t('notFound.text')}
        action={
          <LinkButton href="/" variant="primary" icon="home">
            {t('notFound.home')}
          </LinkButton>
        }
      />
    </div>
  );
};

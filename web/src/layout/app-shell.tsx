// The signed-in frame: navigation on the left, header on top, the page in <main>.
import { revalidate } from '@solidjs/router';
import { ErrorBoundary, type ParentComponent, Suspense } from 'solid-js';
import { useI18n } from '../i18n/i18n-context.tsx';
import { ApiErrorState } from '../ui/api-error-state.tsx';
import { LoadingState } from '../ui/feedback.tsx';
import { AppHeader } from './app-header.tsx';
import { SideNav } from './side-nav.tsx';

export const AppShell: ParentComponent = (props) => {
  const { t } = useI18n();
  return (
    <div class="app">
      <a class="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <SideNav />
      <div class="app__main">
        <AppHeader />
        <main id="main" class="content" tabIndex={-1}>
          <ErrorBoundary
            fallback={(error, reset) => (
              <ApiErrorState
                error={error}
                onRetry={() =>
                  void revalidate()
                    .catch(() => undefined)
                    .then(reset)
                }
              />
            )}
          >
            <Suspense fallback={<LoadingState label={t('common.loading')} />}>{props.children}</Suspense>
          </ErrorBoundary>
        </main>
      </div>
    </div>
  );
};

// The 409 of a stale save on a marketing page (segment, template, campaign): says someone changed
// it meanwhile and offers to load what is there now.
import { useI18n } from '../../i18n/i18n-context.tsx';
import { Button } from '../../ui/button.tsx';
import { Alert } from '../../ui/feedback.tsx';

export const ConflictAlert = (props: { onReload: () => void }) => {
  const { t } = useI18n();
  return (
    <Alert
      tone="warning"
      role="alert"
      title={t('errors.conflict')}
      action={
        <Button size="sm" variant="secondary" icon="refresh" onClick={() => props.onReload()}>
          {t('marketing.reload')}
        </Button>
      }
    >
      {t('marketing.conflict')}
    </Alert>
  );
};

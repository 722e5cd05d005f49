// ErrorState for a failed API call: localized message, the correlation id for support, a retry button.

import { describeError } from '../i18n/describe-error.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { ErrorState } from './feedback.tsx';

export const ApiErrorState = (props: {
  error: unknown;
  onRetry?: () => void;
  compact?: boolean;
  title?: string;
}) => {
  const i18n = useI18n();
  const description = () => describeError(props.error, i18n);
  return (
    <ErrorState
      title={props.title ?? i18n.t('errors.title')}
      message={description().message}
      correlationId={description().correlationId}
      correlationLabel={i18n.t('errors.correlationLabel')}
      retryLabel={i18n.t('errors.retry')}
      onRetry={props.onRetry}
      compact={props.compact}
    />
  );
};

// What to tell the user about a failed request, in their language; 5xx answers carry the correlation id
// that lets support find the request in the logs.
import { ApiError } from '../api/api-error.ts';
import type { Translator } from './translate.ts';

export type ErrorDescription = { message: string; correlationId?: string | undefined };

export const describeError = (error: unknown, { t }: Pick<Translator, 't'>): ErrorDescription => {
  if (!(error instanceof ApiError)) return { message: t('errors.internal') };
  const withId = (message: string): ErrorDescription => ({ message, correlationId: error.correlationId });
  switch (error.code) {
    case 'NetworkError':
      return { message: t('errors.network') };
    case 'Unauthorized':
      return { message: t('errors.unauthorized') };
    case 'Forbidden':
      return withId(t('errors.forbidden'));
    case 'NotFound':
      return withId(t('errors.notFound'));
    case 'ValidationFailed':
      return withId(t('errors.validation'));
    case 'StaleVersion':
      return withId(t('errors.stale'));
    case 'Conflict':
      return withId(t('errors.conflict'));
    case 'Merged':
      return withId(t('errors.merged'));
    default:
      if (error.status === 413) return withId(t('errors.tooLarge'));
      if (error.status >= 500 || error.code === 'Internal' || error.code === 'BadResponse') {
        return withId(t('errors.internal'));
      }
      return withId(t('errors.unknown', { status: error.status }));
  }
};

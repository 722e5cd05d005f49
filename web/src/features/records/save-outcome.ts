// A failed save as the card shows it: field errors in the user's language beside their fields, the
// rest as one message.
import { ApiError } from '../../api/api-error.ts';
import { describeError } from '../../i18n/describe-error.ts';
import type { Translator } from '../../i18n/translate.ts';
import type { SaveOutcome } from './inline-field.tsx';
import { localizeServerProblem } from './validation.ts';

export const localizedFieldMessage = (
  field: string,
  message: string,
  { t }: Pick<Translator, 't'>,
): string => {
  const problem = localizeServerProblem(field, message);
  return problem ? t(`records.problems.${problem}`) : t('records.problems.server', { message });
};

export const failedOutcome = (error: unknown, i18n: Pick<Translator, 't'>): SaveOutcome => {
  const message = describeError(error, i18n).message;
  if (error instanceof ApiError && error.fields.length > 0) {
    return {
      ok: false,
      message,
      fields: error.fields.map((f) => ({
        field: f.field,
        message: localizedFieldMessage(f.field, f.message, i18n),
      })),
    };
  }
  return { ok: false, message };
};

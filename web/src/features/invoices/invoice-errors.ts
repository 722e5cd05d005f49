// The API's refusals of invoice writes said in the user's language with the user's money format: a
// schedule that does not add up (400 on `installments`, with the sum and the total in minor units), a
// payment above what is owed (400 on `amount`, with `owed`), a payment dated in the future.
import { ApiError } from '../../api/api-error.ts';
import type { Translator } from '../../i18n/translate.ts';

const numberIn = (source: unknown, ...keys: string[]): number | undefined => {
  if (typeof source !== 'object' || source === null) return undefined;
  const record = source as Record<string, unknown>;
  for (const key of keys) if (typeof record[key] === 'number') return record[key] as number;
  return undefined;
};

/** A number the error carries, wherever the envelope puts it: beside the fields, under `details`, on a field. */
export const errorFigure = (error: ApiError, field: string, ...keys: string[]): number | undefined => {
  const details = error.details as Record<string, unknown>;
  const fields = Array.isArray(details.fields) ? (details.fields as unknown[]) : [];
  const onField = fields.find(
    (f) => typeof f === 'object' && f !== null && (f as { field?: unknown }).field === field,
  );
  return (
    numberIn(details, ...keys) ??
    numberIn(details.details, ...keys) ??
    numberIn(onField, ...keys) ??
    numberIn((onField as { details?: unknown } | undefined)?.details, ...keys)
  );
};

/** The message of the first field error whose name is `field` or starts with `field.`/`field[`. */
export const fieldProblem = (error: unknown, field: string): string | undefined => {
  if (!(error instanceof ApiError)) return undefined;
  return error.fields.find(
    (f) => f.field === field || f.field.startsWith(`${field}.`) || f.field.startsWith(`${field}[`),
  )?.message;
};

export const scheduleErrorText = (
  error: unknown,
  { t }: Pick<Translator, 't'>,
  money: (minor: number) => string,
): string | undefined => {
  const message = fieldProblem(error, 'installments');
  if (!(error instanceof ApiError) || message === undefined) return undefined;
  const sum = errorFigure(error, 'installments', 'sum', 'installmentsTotal', 'allocated');
  const total = errorFigure(error, 'installments', 'total', 'gross', 'invoiceTotal');
  if (sum !== undefined && total !== undefined)
    return t('invoices.schedule.errors.sum', { sum: money(sum), total: money(total) });
  return t('invoices.schedule.errors.server', { message });
};

export const paymentAmountErrorText = (
  error: unknown,
  { t }: Pick<Translator, 't'>,
  money: (minor: number) => string,
): string | undefined => {
  const message = fieldProblem(error, 'amount');
  if (!(error instanceof ApiError) || message === undefined) return undefined;
  const owed = errorFigure(error, 'amount', 'owed');
  return owed !== undefined
    ? t('invoices.payment.errors.exceeds', { owed: money(owed) })
    : t('invoices.payment.errors.server', { message });
};

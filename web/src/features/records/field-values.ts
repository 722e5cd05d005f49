// Custom-field values as people read them (option labels, money from minor units, dates in the
// tenant's zone, staff names), shared by cards, list cells and the timeline.
import type { CustomField } from '../../api/custom-fields.ts';
import type { Translator } from '../../i18n/translate.ts';

export type ValueContext = Pick<Translator, 't'> & {
  locale: 'ru' | 'en';
  userName: (id: string) => string | undefined;
  formatDate: (iso: string) => string;
  formatMoney: (minorUnits: number, currency: string) => string;
  formatNumber: (value: number) => string;
};

export const isEmptyValue = (value: unknown): boolean =>
  value === undefined ||
  value === null ||
  value === '' ||
  (Array.isArray(value) && value.length === 0) ||
  (typeof value === 'object' && !Array.isArray(value) && Object.keys(value as object).length === 0);

const clip = (text: string, max = 80): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export const optionLabel = (field: CustomField, value: unknown, locale: 'ru' | 'en'): string =>
  field.options?.find((o) => o.value === value)?.label[locale] ?? String(value);

export const formatCustomValue = (
  field: CustomField | undefined,
  value: unknown,
  ctx: ValueContext,
): string => {
  if (isEmptyValue(value)) return ctx.t('records.empty');
  if (!field) return clip(typeof value === 'string' ? value : JSON.stringify(value));
  switch (field.type) {
    case 'checkbox':
      return value ? ctx.t('common.yes') : ctx.t('common.no');
    case 'select':
      return optionLabel(field, value, ctx.locale);
    case 'multi-select':
      return Array.isArray(value)
        ? value.map((v) => optionLabel(field, v, ctx.locale)).join(', ')
        : optionLabel(field, value, ctx.locale);
    case 'money': {
      const money = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
      return typeof money.amount === 'number'
        ? ctx.formatMoney(money.amount, String(money.currency ?? field.currency ?? 'RUB'))
        : String(value);
    }
    case 'number':
      return typeof value === 'number' ? ctx.formatNumber(value) : String(value);
    case 'date':
      return typeof value === 'string' ? ctx.formatDate(value) : String(value);
    case 'user':
      return ctx.userName(String(value)) ?? String(value);
    default:
      return clip(String(value));
  }
};

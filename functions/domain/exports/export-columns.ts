// The columns of a CSV export and how their values read in each locale: headers are the same
// labels the import recognises (so an exported file imports back without a mapping), lifecycle
// stages and sources in words, phones as +7 (912) 345-67-89, dates as 24.11.2026 for ru,
// money as 1234,56, owners by name. Excel in Russia opens it with a double click: UTF-8 with a
// BOM, ";" between fields, CRLF line ends.
import { stringify } from 'csv-stringify/sync';
import type { CustomFieldDefinition } from '../custom-fields/custom-field.entity.ts';
import { fieldLabel } from '../imports/import-fields.ts';
import { formatPhone } from '../normalize/phone.ts';
import type { ExportRecordType } from './export-job.entity.ts';

type Locale = 'ru' | 'en';
type Row = Readonly<Record<string, unknown>>;

export type ExportContext = {
  readonly locale: Locale;
  readonly timezone: string;
  readonly customFields: readonly CustomFieldDefinition[];
  /** A staff member's name by id (owners, "user" custom fields). */
  readonly staffName: (userId: string) => string | undefined;
};

const extraLabels: Readonly<Record<string, { ru: string; en: string }>> = {
  id: { ru: 'ID', en: 'ID' },
  createdAt: { ru: 'Создано', en: 'Created' },
  updatedAt: { ru: 'Изменено', en: 'Updated' },
  lastActivityAt: { ru: 'Последняя активность', en: 'Last activity' },
};

const stageLabels: Readonly<Record<string, { ru: string; en: string }>> = {
  lead: { ru: 'Лид', en: 'Lead' },
  prospect: { ru: 'Потенциальный клиент', en: 'Prospect' },
  customer: { ru: 'Клиент', en: 'Customer' },
  former: { ru: 'Бывший клиент', en: 'Former customer' },
};
const sourceLabels: Readonly<Record<string, { ru: string; en: string }>> = {
  site: { ru: 'Сайт', en: 'Website' },
  'cold-call': { ru: 'Холодный звонок', en: 'Cold call' },
  advertising: { ru: 'Реклама', en: 'Advertising' },
  referral: { ru: 'Рекомендация', en: 'Referral' },
  event: { ru: 'Мероприятие', en: 'Event' },
  campaign: { ru: 'Рассылка', en: 'Campaign' },
  other: { ru: 'Другое', en: 'Other' },
};

export const defaultColumns: Readonly<Record<ExportRecordType, readonly string[]>> = {
  company: [
    'name',
    'inn',
    'kpp',
    'phones',
    'emails',
    'website',
    'city',
    'address',
    'industry',
    'leadSource',
    'ownerId',
    'tags',
    'lifecycleStage',
  ],
  contact: [
    'fullName',
    'jobTitle',
    'companyId',
    'phones',
    'emails',
    'birthday',
    'ownerId',
    'tags',
    'marketingConsent',
  ],
};

const commonColumns = [
  'phones',
  'emails',
  'ownerId',
  'tags',
  'leadSource',
  'id',
  'createdAt',
  'updatedAt',
  'lastActivityAt',
];
const ownColumns: Readonly<Record<ExportRecordType, readonly string[]>> = {
  company: [
    'name',
    'legalName',
    'inn',
    'kpp',
    'website',
    'city',
    'address',
    'industry',
    'size',
    'lifecycleStage',
  ],
  contact: [
    'fullName',
    'lastName',
    'firstName',
    'middleName',
    'jobTitle',
    'companyId',
    'birthday',
    'marketingConsent',
  ],
};

/** Column ids a record type may export: its fields, bookkeeping, and `customFields.<key>`. */
export const exportableColumns = (type: ExportRecordType, customFields: readonly CustomFieldDefinition[]) => [
  ...ownColumns[type],
  ...commonColumns,
  ...customFields.map((d) => `customFields.${d.key}`),
];

/** The Name column of a saved view ("name") is a contact's full name; list columns map onto export columns. */
const aliases: Readonly<Record<string, string>> = {
  name: 'name',
  owner: 'ownerId',
  company: 'companyId',
  companyName: 'companyId',
  stage: 'lifecycleStage',
  source: 'leadSource',
  phone: 'phones',
  email: 'emails',
};

/** The asked columns made exportable: aliases resolved, unknown ones dropped, none twice. */
export const resolveExportColumns = (
  type: ExportRecordType,
  asked: readonly string[] | undefined,
  customFields: readonly CustomFieldDefinition[],
): string[] => {
  const allowed = new Set(exportableColumns(type, customFields));
  const wanted = (asked && asked.length > 0 ? asked : defaultColumns[type]).map((c) => {
    const cf = /^cf\.(.+)$/.exec(c);
    if (cf) return `customFields.${cf[1]}`;
    const alias = aliases[c];
    if (type === 'contact' && alias === 'name') return 'fullName';
    return alias ?? c;
  });
  return [...new Set(wanted.filter((c) => allowed.has(c)))];
};

export const columnLabel = (
  type: ExportRecordType,
  column: string,
  locale: Locale,
  customFields: readonly CustomFieldDefinition[],
): string => fieldLabel(type, column, locale, customFields) ?? extraLabels[column]?.[locale] ?? column;

const decimal = (n: number, locale: Locale): string =>
  locale === 'ru' ? String(n).replace('.', ',') : String(n);

const dateOnly = (iso: string, locale: Locale): string => {
  const m = /^(\d{4}|-)-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  if (locale === 'en') return iso;
  return m[1] === '-' ? `${m[3]}.${m[2]}` : `${m[3]}.${m[2]}.${m[1]}`;
};

const dateTime = (iso: string, ctx: ExportContext): string => {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: ctx.timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return ctx.locale === 'ru'
    ? `${parts.day}.${parts.month}.${parts.year} ${parts.hour}:${parts.minute}`
    : `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
};

const values = (list: unknown): string[] =>
  (Array.isArray(list) ? list : []).map((v) =>
    typeof v === 'object' && v !== null ? String((v as { value?: unknown }).value ?? '') : String(v),
  );

const customValue = (d: CustomFieldDefinition, value: unknown, ctx: ExportContext): string => {
  if (value === undefined || value === null) return '';
  const option = (v: unknown) => d.options?.find((o) => o.value === v)?.label[ctx.locale] ?? String(v);
  switch (d.type) {
    case 'money': {
      const money = value as { amount: number; currency: string };
      return decimal(money.amount / 100, ctx.locale);
    }
    case 'number':
      return decimal(Number(value), ctx.locale);
    case 'date':
      return dateOnly(String(value), ctx.locale);
    case 'checkbox':
      return value ? (ctx.locale === 'ru' ? 'Да' : 'Yes') : ctx.locale === 'ru' ? 'Нет' : 'No';
    case 'select':
      return option(value);
    case 'multi-select':
      return (Array.isArray(value) ? value : []).map(option).join(', ');
    case 'user':
      return ctx.staffName(String(value)) ?? String(value);
    default:
      return String(value);
  }
};

/** One cell of a record. */
export const cellValue = (record: Row, column: string, ctx: ExportContext): string => {
  const v = record[column];
  if (column.startsWith('customFields.')) {
    const key = column.slice('customFields.'.length);
    const d = ctx.customFields.find((x) => x.key === key);
    const value = (record.customFields as Row | undefined)?.[key];
    return d ? customValue(d, value, ctx) : value === undefined ? '' : String(value);
  }
  switch (column) {
    case 'phones':
      return values(v).map(formatPhone).join(', ');
    case 'emails':
    case 'tags':
      return values(v).join(', ');
    case 'address':
      return String((record.addresses as { line?: string }[] | undefined)?.[0]?.line ?? '');
    case 'fullName':
      return [record.lastName, record.firstName, record.middleName].filter(Boolean).join(' ');
    case 'companyId':
      return String(record.companyName ?? '');
    case 'ownerId':
      return typeof v === 'string' ? (ctx.staffName(v) ?? v) : '';
    case 'lifecycleStage':
      return typeof v === 'string' ? (stageLabels[v]?.[ctx.locale] ?? v) : '';
    case 'leadSource':
      return typeof v === 'string' ? (sourceLabels[v]?.[ctx.locale] ?? v) : '';
    case 'birthday':
      return typeof v === 'string' ? dateOnly(v, ctx.locale) : '';
    case 'marketingConsent': {
      const status = (v as { status?: string } | undefined)?.status;
      if (status === 'granted') return ctx.locale === 'ru' ? 'Да' : 'Yes';
      if (status === 'withdrawn') return ctx.locale === 'ru' ? 'Нет' : 'No';
      return '';
    }
    case 'createdAt':
    case 'updatedAt':
    case 'lastActivityAt':
      return typeof v === 'string' ? dateTime(v, ctx) : '';
    default:
      return v === undefined || v === null ? '' : String(v);
  }
};

/** `;` for Russian Excel (where "," is the decimal point), `,` otherwise. */
export const csvDelimiter = (locale: Locale) => (locale === 'ru' ? ';' : ',');

/** The header line, with the BOM that makes Excel read UTF-8. */
export const csvHeader = (type: ExportRecordType, columns: readonly string[], ctx: ExportContext): string =>
  `\uFEFF${stringify([columns.map((c) => columnLabel(type, c, ctx.locale, ctx.customFields))], {
    delimiter: csvDelimiter(ctx.locale),
    record_delimiter: 'windows',
  })}`;

export const csvRows = (records: readonly Row[], columns: readonly string[], ctx: ExportContext): string =>
  records.length === 0
    ? ''
    : stringify(
        records.map((r) => columns.map((c) => cellValue(r, c, ctx))),
        { delimiter: csvDelimiter(ctx.locale), record_delimiter: 'windows' },
      );

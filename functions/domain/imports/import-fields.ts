// The fields a CSV column can fill, per record type, with their Russian and English names and
// the other headers people give them (1C, Bitrix24, amoCRM and Excel exports), and the
// suggestion of a column mapping from a file's header row. Custom fields are found by their
// labels. Export uses the same labels for its headers, so an exported file imports back
// without any mapping.
import { ValidationFailed } from '../../lib/errors.ts';
import type { CustomFieldDefinition } from '../custom-fields/custom-field.entity.ts';
import type { ColumnTargets, ImportRecordType } from './import-job.entity.ts';

export type FieldLabel = { readonly ru: string; readonly en: string };

type FieldSpec = {
  readonly label: FieldLabel;
  readonly synonyms: readonly string[];
  /** Several columns may fill it (their values are added up). */
  readonly multi?: true;
};

const phones: FieldSpec = {
  label: { ru: 'Телефон', en: 'Phone' },
  synonyms: [
    'телефоны',
    'тел',
    'номер телефона',
    'мобильный',
    'мобильный телефон',
    'рабочий телефон',
    'phones',
    'telephone',
    'tel',
    'mobile',
    'phone number',
    'work phone',
  ],
  multi: true,
};
const emails: FieldSpec = {
  label: { ru: 'E-mail', en: 'Email' },
  synonyms: [
    'email',
    'e mail',
    'почта',
    'эл почта',
    'электронная почта',
    'адрес электронной почты',
    'емейл',
    'имейл',
    'мейл',
    'emails',
    'mail',
    'email address',
  ],
  multi: true,
};
const ownerId: FieldSpec = {
  label: { ru: 'Ответственный', en: 'Owner' },
  synonyms: ['ответственный менеджер', 'менеджер', 'владелец', 'responsible', 'manager', 'account owner'],
};
const tags: FieldSpec = {
  label: { ru: 'Теги', en: 'Tags' },
  synonyms: ['тег', 'метки', 'метка', 'tag', 'labels'],
  multi: true,
};
const leadSource: FieldSpec = {
  label: { ru: 'Источник', en: 'Source' },
  synonyms: ['источник лида', 'источник клиента', 'lead source'],
};

export const companyFields = {
  name: {
    label: { ru: 'Название', en: 'Name' },
    synonyms: [
      'наименование',
      'компания',
      'название компании',
      'наименование организации',
      'организация',
      'контрагент',
      'краткое наименование',
      'company',
      'company name',
      'account',
      'account name',
      'organization',
      'organisation',
    ],
  },
  legalName: {
    label: { ru: 'Полное наименование', en: 'Legal name' },
    synonyms: ['юридическое название', 'юр название', 'юридическое наименование', 'полное название'],
  },
  inn: { label: { ru: 'ИНН', en: 'INN' }, synonyms: ['tax id', 'taxid', 'tin', 'инн организации'] },
  kpp: { label: { ru: 'КПП', en: 'KPP' }, synonyms: [] },
  phones,
  emails,
  website: {
    label: { ru: 'Сайт', en: 'Website' },
    synonyms: ['веб сайт', 'вебсайт', 'web site', 'site', 'url', 'www', 'web'],
  },
  city: { label: { ru: 'Город', en: 'City' }, synonyms: ['населенный пункт', 'town'] },
  address: {
    label: { ru: 'Адрес', en: 'Address' },
    synonyms: ['фактический адрес', 'почтовый адрес', 'юридический адрес', 'street', 'street address'],
  },
  industry: {
    label: { ru: 'Отрасль', en: 'Industry' },
    synonyms: ['сфера деятельности', 'вид деятельности', 'сфера', 'sector'],
  },
  size: {
    label: { ru: 'Размер', en: 'Size' },
    synonyms: ['численность', 'количество сотрудников', 'число сотрудников', 'employees', 'company size'],
  },
  leadSource,
  ownerId,
  tags,
  lifecycleStage: {
    label: { ru: 'Стадия', en: 'Stage' },
    synonyms: ['этап', 'статус', 'статус клиента', 'lifecycle stage', 'status'],
  },
} as const satisfies Record<string, FieldSpec>;

export const contactFields = {
  fullName: {
    label: { ru: 'ФИО', en: 'Full name' },
    synonyms: ['ф и о', 'полное имя', 'контакт', 'контактное лицо', 'name', 'contact', 'contact name'],
  },
  lastName: { label: { ru: 'Фамилия', en: 'Last name' }, synonyms: ['surname', 'family name'] },
  firstName: { label: { ru: 'Имя', en: 'First name' }, synonyms: ['given name'] },
  middleName: { label: { ru: 'Отчество', en: 'Middle name' }, synonyms: ['patronymic'] },
  jobTitle: { label: { ru: 'Должность', en: 'Job title' }, synonyms: ['position', 'title', 'role'] },
  companyId: {
    label: { ru: 'Компания', en: 'Company' },
    synonyms: [
      'организация',
      'контрагент',
      'название компании',
      'место работы',
      'company name',
      'organization',
      'organisation',
      'account',
    ],
  },
  companyInn: {
    label: { ru: 'ИНН', en: 'INN' },
    synonyms: ['инн компании', 'инн организации', 'company inn', 'tax id', 'tin'],
  },
  phones,
  emails,
  birthday: {
    label: { ru: 'Дата рождения', en: 'Birthday' },
    synonyms: ['день рождения', 'date of birth', 'birth date', 'dob'],
  },
  ownerId,
  tags,
  leadSource,
  marketingConsent: {
    label: { ru: 'Согласие на рассылку', en: 'Marketing consent' },
    synonyms: ['согласие', 'подписка', 'подписан на рассылку', 'consent', 'email opt in', 'subscribed'],
  },
} as const satisfies Record<string, FieldSpec>;

export type CompanyImportField = keyof typeof companyFields;
export type ContactImportField = keyof typeof contactFields;

const fieldsOf = (type: ImportRecordType): Readonly<Record<string, FieldSpec>> =>
  type === 'company' ? companyFields : contactFields;

export const customFieldTarget = (key: string) => `customFields.${key}`;
export const customFieldKeyOf = (target: string): string | undefined =>
  target.startsWith('customFields.') ? target.slice('customFields.'.length) : undefined;

/** Header text as matched: lower case, ё = е, every run of non-letters one space. */
export const normalizeHeader = (header: string): string =>
  header
    .normalize('NFKC')
    .toLocaleLowerCase('ru')
    .replaceAll('ё', 'е')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** The label of a field (or custom field) in a locale, as an export writes it as a header. */
export const fieldLabel = (
  type: ImportRecordType,
  field: string,
  locale: 'ru' | 'en',
  customFields: readonly CustomFieldDefinition[] = [],
): string | undefined => {
  const key = customFieldKeyOf(field);
  if (key !== undefined) return customFields.find((d) => d.key === key)?.label[locale];
  return fieldsOf(type)[field]?.label[locale];
};

/** Every field a column of this record type may fill, with its labels (the mapping UI's list). */
export const importTargets = (
  type: ImportRecordType,
  customFields: readonly CustomFieldDefinition[],
): { field: string; label: FieldLabel; multi: boolean }[] => [
  ...Object.entries(fieldsOf(type)).map(([field, spec]) => ({
    field,
    label: spec.label,
    multi: spec.multi === true,
  })),
  ...customFields.map((d) => ({ field: customFieldTarget(d.key), label: d.label, multi: false })),
];

const isMulti = (type: ImportRecordType, field: string): boolean => fieldsOf(type)[field]?.multi === true;

/**
 * A field for each header, from the labels and synonyms (exact first, then a header that
 * begins with one, e.g. "Телефон рабочий"); a field that takes one column is suggested once.
 */
export const suggestColumns = (
  type: ImportRecordType,
  headers: readonly string[],
  customFields: readonly CustomFieldDefinition[],
): (string | null)[] => {
  const names: { name: string; field: string }[] = [
    ...customFields.flatMap((d) =>
      [d.label.ru, d.label.en, d.key].map((n) => ({
        name: normalizeHeader(n),
        field: customFieldTarget(d.key),
      })),
    ),
    ...Object.entries(fieldsOf(type)).flatMap(([field, spec]) =>
      [spec.label.ru, spec.label.en, field, ...spec.synonyms].map((n) => ({
        name: normalizeHeader(n),
        field,
      })),
    ),
  ];
  const byLength = [...names].sort((a, b) => b.name.length - a.name.length);
  const taken = new Set<string>();
  return headers.map((header) => {
    const h = normalizeHeader(header);
    const match =
      names.find((n) => n.name === h) ??
      byLength.find((n) => n.name.length > 2 && h.startsWith(`${n.name} `));
    if (!match || (taken.has(match.field) && !isMulti(type, match.field))) return null;
    taken.add(match.field);
    return match.field;
  });
};

/** Column index (0-based) named by a mapping key: the header text, or its 1-based number as `#3`. */
const columnsNamed = (headers: readonly string[], key: string): number[] => {
  const numbered = /^#(\d+)$/.exec(key.trim());
  if (numbered) {
    const index = Number(numbered[1]) - 1;
    return index >= 0 && index < headers.length ? [index] : [];
  }
  const wanted = normalizeHeader(key);
  return headers.flatMap((h, i) => (h.trim() === key.trim() || normalizeHeader(h) === wanted ? [i] : []));
};

/**
 * The suggestion with the caller's changes applied (`{ "Телефон 2": "phones", "Примечание": null }`),
 * checked: every key names a column, every field exists, a single-valued field fills one column,
 * and the fields a record cannot do without are mapped.
 */
export const resolveColumns = (
  type: ImportRecordType,
  headers: readonly string[],
  customFields: readonly CustomFieldDefinition[],
  changes: Readonly<Record<string, string | null>> = {},
): ColumnTargets => {
  const columns = suggestColumns(type, headers, customFields);
  const known = new Set(importTargets(type, customFields).map((t) => t.field));
  const problems: { field: string; message: string }[] = [];
  const chosen = new Set<number>();
  for (const [key, field] of Object.entries(changes)) {
    const indexes = columnsNamed(headers, key);
    if (indexes.length === 0)
      problems.push({ field: `mapping.${key}`, message: 'is not a column of the file' });
    else if (field !== null && !known.has(field))
      problems.push({ field: `mapping.${key}`, message: `"${field}" is not a field of ${type} records` });
    else {
      // Choosing a single-valued field for a column takes it away from a column it was only suggested for.
      if (field !== null && !isMulti(type, field))
        columns.forEach((f, j) => {
          if (f === field && !chosen.has(j)) columns[j] = null;
        });
      for (const i of indexes) {
        columns[i] = field;
        chosen.add(i);
      }
    }
  }
  const counts = new Map<string, number>();
  for (const f of columns) if (f) counts.set(f, (counts.get(f) ?? 0) + 1);
  for (const [field, n] of counts)
    if (n > 1 && !isMulti(type, field))
      problems.push({ field: `mapping`, message: `only one column may fill "${field}" (${n} do)` });
  const has = (f: string) => counts.has(f);
  if (type === 'company' && !has('name'))
    problems.push({ field: 'mapping', message: 'map a column to "name" (Название): a company needs a name' });
  if (type === 'contact' && !has('firstName') && !has('fullName'))
    problems.push({
      field: 'mapping',
      message: 'map a column to "firstName" (Имя) or "fullName" (ФИО): a contact needs a name',
    });
  if (problems.length > 0) throw new ValidationFailed(problems, 'The column mapping cannot be used.');
  return columns;
};

/** The mapping as the API shows it: header → field (or null). Repeated headers get " (2)". */
export const mappingView = (
  headers: readonly string[],
  columns: ColumnTargets,
): Record<string, string | null> => {
  const view: Record<string, string | null> = {};
  headers.forEach((h, i) => {
    let key = h;
    for (let n = 2; key in view; n++) key = `${h} (${n})`;
    view[key] = columns[i] ?? null;
  });
  return view;
};

/** `--mapping "ИНН=inn,Телефон 2=phones,Примечание="`: the CLI's form of the mapping changes. */
export const parseMappingOption = (text: string): Record<string, string | null> => {
  const changes: Record<string, string | null> = {};
  for (const part of text.split(',')) {
    if (part.trim() === '') continue;
    const at = part.lastIndexOf('=');
    if (at <= 0) throw new ValidationFailed([{ field: 'mapping', message: `"${part}" is not column=field` }]);
    const field = part.slice(at + 1).trim();
    changes[part.slice(0, at).trim()] = field === '' || field === '-' ? null : field;
  }
  return changes;
};

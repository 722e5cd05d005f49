import { describe, expect, it } from 'vitest';
import type { CustomFieldDefinition } from '../custom-fields/custom-field.entity.ts';
import { parseMappingOption, resolveColumns, suggestColumns } from './import-fields.ts';
import { checkRow, parseDate, parseNumber, type RowContext, splitFullName } from './row-input.ts';

const budget: CustomFieldDefinition = {
  entity: 'company',
  key: 'budget',
  label: { ru: 'Бюджет', en: 'Budget' },
  type: 'money',
  required: false,
  order: 0,
};
const segment: CustomFieldDefinition = {
  entity: 'company',
  key: 'segment',
  label: { ru: 'Сегмент', en: 'Segment' },
  type: 'select',
  options: [
    { value: 'smb', label: { ru: 'Малый бизнес', en: 'SMB' } },
    { value: 'enterprise', label: { ru: 'Крупный бизнес', en: 'Enterprise' } },
  ],
  required: true,
  order: 1,
};

describe('column mapping suggestion', () => {
  it('maps Russian headers of a company file, custom fields by label', () => {
    const headers = [
      'Наименование',
      'ИНН',
      'КПП',
      'Телефон',
      'Эл. почта',
      'Сайт',
      'Город',
      'Ответственный',
      'Стадия',
      'Бюджет',
      'Примечание',
    ];
    expect(suggestColumns('company', headers, [budget])).toEqual([
      'name',
      'inn',
      'kpp',
      'phones',
      'emails',
      'website',
      'city',
      'ownerId',
      'lifecycleStage',
      'customFields.budget',
      null,
    ]);
  });

  it('maps English headers and headers that begin with a known name', () => {
    expect(
      suggestColumns('company', ['Company', 'Tax ID', 'Phone', 'Телефон рабочий', 'E-mail', 'Owner'], []),
    ).toEqual(['name', 'inn', 'phones', 'phones', 'emails', 'ownerId']);
  });

  it('reads a contact file: ФИО, Компания and ИНН link to the company', () => {
    expect(
      suggestColumns(
        'contact',
        ['ФИО', 'Должность', 'Компания', 'ИНН', 'Дата рождения', 'Согласие на рассылку'],
        [],
      ),
    ).toEqual(['fullName', 'jobTitle', 'companyId', 'companyInn', 'birthday', 'marketingConsent']);
    expect(suggestColumns('contact', ['Фамилия', 'Имя', 'Отчество', 'Email'], [])).toEqual([
      'lastName',
      'firstName',
      'middleName',
      'emails',
    ]);
  });

  it('applies the caller’s changes, refusing unknown columns and fields and a missing name', () => {
    const headers = ['Название', 'Код', 'Телефон'];
    expect(resolveColumns('company', headers, [], { Код: 'inn', Телефон: null })).toEqual([
      'name',
      'inn',
      null,
    ]);
    expect(resolveColumns('company', headers, [], { '#2': 'kpp' })).toEqual(['name', 'kpp', 'phones']);
    expect(() => resolveColumns('company', headers, [], { Нет: 'inn' })).toThrow(/cannot be used/);
    expect(() => resolveColumns('company', headers, [], { Код: 'budget' })).toThrow(/cannot be used/);
    expect(() => resolveColumns('company', ['Код'], [])).toThrow(/cannot be used/);
    // Naming another column "name" takes the field away from the suggested one.
    expect(resolveColumns('company', ['Название', 'Полное'], [], { Полное: 'name' })).toEqual([null, 'name']);
  });

  it('parses the CLI’s --mapping', () => {
    expect(parseMappingOption('ИНН=inn, Телефон 2=phones,Примечание=')).toEqual({
      ИНН: 'inn',
      'Телефон 2': 'phones',
      Примечание: null,
    });
  });
});

describe('cell readers', () => {
  it('reads numbers, dates and full names the Russian way', () => {
    expect(parseNumber('1 234,56')).toBe(1234.56);
    expect(parseNumber('1234.5 ₽')).toBe(1234.5);
    expect(parseNumber('много')).toBeUndefined();
    expect(parseDate('24.11.1985', true)).toBe('1985-11-24');
    expect(parseDate('1985-11-24', true)).toBe('1985-11-24');
    expect(parseDate('24.11', true)).toBe('--11-24');
    expect(parseDate('31.02.2020', true)).toBeUndefined();
    expect(splitFullName('Иванов Иван Иванович')).toEqual({
      lastName: 'Иванов',
      firstName: 'Иван',
      middleName: 'Иванович',
    });
    expect(splitFullName('Анна Сергеевна Петрова')).toEqual({
      firstName: 'Анна',
      middleName: 'Сергеевна',
      lastName: 'Петрова',
    });
    expect(splitFullName('John Smith')).toEqual({ firstName: 'John', lastName: 'Smith' });
  });
});

const staff = {
  find: (t: string) => ({ 'anna@demo.example': 'u-anna', 'анна смирнова': 'u-anna' })[t.trim().toLowerCase()],
};

const context = (headers: string[], overrides: Partial<RowContext> = {}): RowContext => ({
  type: 'company',
  headers,
  columns: suggestColumns('company', headers, [budget, segment]),
  customFields: [budget, segment],
  staff,
  defaultOwnerId: 'u-me',
  ownerRefusal: () => undefined,
  currency: 'RUB',
  now: '2026-11-24T09:00:00.000Z',
  ...overrides,
});

describe('checkRow', () => {
  const headers = [
    'Название',
    'ИНН',
    'Телефон',
    'E-mail',
    'Город',
    'Ответственный',
    'Стадия',
    'Бюджет',
    'Сегмент',
  ];

  it('turns a row into the API body: phones, e-mails, owner, stage, money and select custom fields', () => {
    const row = [
      'ООО «Ромашка»',
      '7707083893',
      '8 912 345-67-89; +7 495 123-45-67',
      'INFO@romashka.ru',
      'Москва',
      'Анна Смирнова',
      'Клиент',
      '1 500 000,50',
      'Крупный бизнес',
    ];
    const checked = checkRow(2, row, context(headers));
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.input).toMatchObject({
      name: 'ООО «Ромашка»',
      inn: '7707083893',
      phones: [
        { value: '+79123456789', kind: 'work' },
        { value: '+74951234567', kind: 'work' },
      ],
      emails: [{ value: 'info@romashka.ru', kind: 'work' }],
      addresses: [{ kind: 'actual', line: 'Москва', city: 'Москва' }],
      ownerId: 'u-anna',
      lifecycleStage: 'customer',
      customFields: { budget: { amount: 150000050, currency: 'RUB' }, segment: 'enterprise' },
    });
    expect([...checked.provided]).toContain('inn');
  });

  it('reports every invalid field with the row, field, column, value and reason', () => {
    const row = [
      '',
      '7707083894',
      '12',
      'info@',
      'Москва',
      'nobody@demo.example',
      'Клиент',
      'дорого',
      'Средний',
    ];
    const checked = checkRow(7, row, context(headers));
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    const by = Object.fromEntries(checked.issues.map((i) => [i.field, i]));
    expect(by.name).toMatchObject({ row: 7, column: 'Название', message: 'must not be empty' });
    expect(by.inn).toMatchObject({ column: 'ИНН', value: '7707083894', message: 'has a wrong check digit' });
    expect(by.phones).toMatchObject({ column: 'Телефон', value: '12' });
    expect(by.emails).toMatchObject({ column: 'E-mail', message: 'is not an e-mail address' });
    expect(by.ownerId).toMatchObject({ value: 'nobody@demo.example' });
    expect(by['customFields.budget']).toMatchObject({
      column: 'Бюджет',
      message: 'is not an amount of money',
    });
    expect(by['customFields.segment']).toMatchObject({
      value: 'Средний',
      message: 'is not one of the options',
    });
  });

  it('holds a required custom field against new records only', () => {
    const checked = checkRow(3, ['Альфа'], context(['Название']));
    expect(checked.ok).toBe(true);
    if (checked.ok)
      expect(checked.missingRequired).toMatchObject([
        { field: 'customFields.segment', message: 'is required' },
      ]);
  });

  it('refuses an owner the importer may not give records to', () => {
    const checked = checkRow(4, ['Альфа', 'anna@demo.example'], {
      ...context(['Название', 'Ответственный']),
      ownerRefusal: (owner) => (owner === 'u-anna' ? 'only a sales manager may' : undefined),
    });
    expect(checked.ok).toBe(false);
  });
});

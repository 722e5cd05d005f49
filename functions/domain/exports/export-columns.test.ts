import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { createMockCompany } from '../companies/company.entity.ts';
import type { CustomFieldDefinition } from '../custom-fields/custom-field.entity.ts';
import { suggestColumns } from '../imports/import-fields.ts';
import { csvHeader, csvRows, type ExportContext, resolveExportColumns } from './export-columns.ts';

const budget: CustomFieldDefinition = {
  entity: 'company',
  key: 'budget',
  label: { ru: 'Бюджет', en: 'Budget' },
  type: 'money',
  required: false,
  order: 0,
};

const ctx = (locale: 'ru' | 'en'): ExportContext => ({
  locale,
  timezone: 'Europe/Moscow',
  customFields: [budget],
  staffName: (id) => (id === 'user-anna' ? 'Анна Смирнова' : undefined),
});

const company = createMockCompany({
  name: 'ООО "Рога; и копыта"',
  lifecycleStage: 'customer',
  leadSource: 'referral',
  tags: ['vip', 'партнёр'],
  customFields: { budget: { amount: 150000050, currency: 'RUB' } },
  addresses: [{ kind: 'actual', line: 'Москва,\nул. Ленина, 1', city: 'Москва' }],
});

describe('CSV export', () => {
  it('writes UTF-8 with a BOM, ";" and Russian headers for ru, quoting per RFC 4180', () => {
    const columns = resolveExportColumns(
      'company',
      ['name', 'inn', 'phones', 'address', 'owner', 'stage', 'source', 'tags', 'cf.budget', 'createdAt'],
      [budget],
    );
    const text = csvHeader('company', columns, ctx('ru')) + csvRows([company], columns, ctx('ru'));
    expect(
      text.startsWith(
        '\uFEFFНазвание;ИНН;Телефон;Адрес;Ответственный;Стадия;Источник;Теги;Бюджет;Создано\r\n',
      ),
    ).toBe(true);
    const rows = parse(text, { bom: true, delimiter: ';' }) as string[][];
    expect(rows[1]).toEqual([
      'ООО "Рога; и копыта"',
      '7707083893',
      '+7 (912) 345-67-89',
      'Москва,\nул. Ленина, 1',
      'Анна Смирнова',
      'Клиент',
      'Рекомендация',
      'vip, партнёр',
      '1500000,5',
      '24.11.2026 12:00',
    ]);
    // The export's headers are the import's: it maps back without help.
    expect(suggestColumns('company', rows[0] as string[], [budget])).toEqual([
      'name',
      'inn',
      'phones',
      'address',
      'ownerId',
      'lifecycleStage',
      'leadSource',
      'tags',
      'customFields.budget',
      null,
    ]);
  });

  it('writes "," and English headers for en, and drops columns that cannot be exported', () => {
    const columns = resolveExportColumns('company', ['name', 'password', 'stage'], []);
    expect(columns).toEqual(['name', 'lifecycleStage']);
    const text = csvHeader('company', columns, ctx('en')) + csvRows([company], columns, ctx('en'));
    expect(text).toBe('\uFEFFName,Stage\r\n"ООО ""Рога; и копыта""",Customer\r\n');
  });
});

// CSV files of the deterministic demo data (fake-data.ts), written as Russian Excel writes
// them: a header row in Russian, ";" between fields, CRLF line ends. The import tests and
// `npm run bench -- import` read these.
import { stringify } from 'csv-stringify/sync';
import { type FakeCompany, type FakeContact, fakeCompany, fakeContact } from './fake-data.ts';

export const companyCsvHeaders = [
  'Название',
  'ИНН',
  'КПП',
  'Телефон',
  'E-mail',
  'Сайт',
  'Город',
  'Адрес',
  'Отрасль',
  'Источник',
  'Теги',
  'Стадия',
] as const;

const sourceLabels: Readonly<Record<FakeCompany['leadSource'], string>> = {
  site: 'Сайт',
  'cold-call': 'Холодный звонок',
  advertising: 'Реклама',
  referral: 'Рекомендация',
  event: 'Мероприятие',
  campaign: 'Рассылка',
};
const stageLabels: Readonly<Record<FakeCompany['lifecycleStage'], string>> = {
  lead: 'Лид',
  prospect: 'Потенциальный клиент',
  customer: 'Клиент',
  former: 'Бывший клиент',
};

export const companyCsvRow = (c: FakeCompany): string[] => [
  c.name,
  c.inn,
  c.kpp ?? '',
  c.phone,
  c.email,
  c.website,
  c.city,
  c.address,
  c.industry,
  sourceLabels[c.leadSource],
  c.tags.join(', '),
  stageLabels[c.lifecycleStage],
];

/** CSV text of rows (no header unless given), `;`-separated, CRLF. */
export const toCsv = (rows: readonly (readonly string[])[], delimiter: ';' | ',' = ';'): string =>
  stringify(rows as string[][], { delimiter, record_delimiter: 'windows' });

/** Companies `from`…`from + count − 1` of a seed, with the header row. */
export const companiesCsv = (seed: number, count: number, from = 0): string =>
  toCsv([
    [...companyCsvHeaders],
    ...Array.from({ length: count }, (_, i) => companyCsvRow(fakeCompany(seed, from + i))),
  ]);

export const contactCsvHeaders = [
  'ФИО',
  'Должность',
  'Компания',
  'Телефон',
  'E-mail',
  'Дата рождения',
] as const;

const ruDate = (iso: string | undefined): string => (iso ? iso.split('-').reverse().join('.') : '');

export const contactCsvRow = (c: FakeContact, company: string): string[] => [
  `${c.lastName} ${c.firstName} ${c.middleName}`,
  c.jobTitle,
  company,
  c.phone,
  c.email,
  ruDate(c.birthday),
];

/** Contacts of companies `0`…`companies − 1` (n each), linked by the company's INN. */
export const contactsCsv = (seed: number, companies: number, perCompany: number): string => {
  const rows: string[][] = [[...contactCsvHeaders]];
  for (let i = 0; i < companies; i++) {
    const company = fakeCompany(seed, i);
    const domain = company.email.split('@')[1] ?? 'example.com';
    for (let n = 0; n < perCompany; n++)
      rows.push(contactCsvRow(fakeContact(seed, i, n, domain), company.inn));
  }
  return toCsv(rows);
};

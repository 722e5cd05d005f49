// One CSV row → the body the API would take for a new company or contact, checked with the
// same zod schema and the same custom-field rules as POST /api/companies and /api/contacts.
// Cells are read the way people fill spreadsheets in Russia: several phones or e-mails in one
// cell, "Клиент" for the lifecycle stage, 24.11.1985 for a date, "Да" for a checkbox,
// "1 234,56" for money, "Иванов Иван Иванович" for a full name, an owner by e-mail or name.
// Every problem is reported with the row, the field, the column and the value.
import type { z } from 'zod';
import {
  type CompanySize,
  companySizes,
  createCompanySchema,
  type lifecycleStages,
} from '../companies/company.entity.ts';
import { createContactSchema } from '../contacts/contact.entity.ts';
import {
  type CustomFieldDefinition,
  type CustomFieldValue,
  checkCustomFields,
} from '../custom-fields/custom-field.entity.ts';
import { checkInn } from '../normalize/inn.ts';
import { normalizeText } from '../normalize/text.ts';
import type { leadSources } from '../records/record-fields.ts';
import { customFieldKeyOf } from './import-fields.ts';
import type { ColumnTargets, ImportRecordType, RowIssue } from './import-job.entity.ts';

/** Who a staff member is, by e-mail or name (Ответственный). */
export type StaffDirectory = { readonly find: (text: string) => string | undefined };

export type RowContext = {
  readonly type: ImportRecordType;
  readonly headers: readonly string[];
  readonly columns: ColumnTargets;
  readonly customFields: readonly CustomFieldDefinition[];
  readonly staff: StaffDirectory;
  readonly defaultOwnerId: string;
  /** Why the importer may not give a record this owner, or undefined when they may. */
  readonly ownerRefusal: (ownerId: string) => string | undefined;
  /** The currency of money custom fields that name none. */
  readonly currency: string;
  readonly now: string;
};

/** A contact's company as the row names it, to be looked up (by INN first, then name). */
export type CompanyRef = { readonly inn?: string; readonly name?: string; readonly column: string };

/** The parsed input: the API's create schema output, with the owner and custom fields resolved. */
export type RowInput = Record<string, unknown> & { ownerId: string; customFields: Record<string, unknown> };

export type CheckedRow =
  | { readonly row: number; readonly ok: false; readonly issues: RowIssue[] }
  | {
      readonly row: number;
      readonly ok: true;
      readonly input: RowInput;
      /** Attributes the file gave a value (an update changes only these). */
      readonly provided: ReadonlySet<string>;
      /** Custom fields the record must have and the row leaves empty: only a new record is refused for them. */
      readonly missingRequired: RowIssue[];
      readonly companyRef?: CompanyRef;
    };

const yes = new Set(['да', 'д', 'yes', 'y', 'true', '1', '+', 'x', 'истина', 'есть', 'согласен', 'согласие']);
const no = new Set(['нет', 'н', 'no', 'n', 'false', '0', '-', 'ложь', 'отказ', 'не согласен']);

const stageNames: Readonly<Record<string, (typeof lifecycleStages)[number]>> = {
  лид: 'lead',
  lead: 'lead',
  'потенциальный клиент': 'prospect',
  потенциальный: 'prospect',
  prospect: 'prospect',
  клиент: 'customer',
  customer: 'customer',
  'бывший клиент': 'former',
  бывший: 'former',
  former: 'former',
  'former customer': 'former',
};

const sourceNames: Readonly<Record<string, (typeof leadSources)[number]>> = {
  сайт: 'site',
  site: 'site',
  website: 'site',
  'холодный звонок': 'cold-call',
  'cold call': 'cold-call',
  'cold-call': 'cold-call',
  реклама: 'advertising',
  advertising: 'advertising',
  рекомендация: 'referral',
  реферал: 'referral',
  referral: 'referral',
  мероприятие: 'event',
  выставка: 'event',
  event: 'event',
  рассылка: 'campaign',
  кампания: 'campaign',
  campaign: 'campaign',
  другое: 'other',
  other: 'other',
};

const key = (text: string): string => normalizeText(text).replace(/-/g, ' ');

/** Several values in one cell: "a@x.ru, b@x.ru" or "+7 912…; 8 495…". */
const splitList = (text: string): string[] =>
  text
    .split(/[,;\n]/)
    .map((s) => s.trim())
    .filter(Boolean);

/** "1 234,56" / "1234.56 ₽" → 1234.56; undefined when it is not a number. */
export const parseNumber = (text: string): number | undefined => {
  const cleaned = text.replace(/[\s\u00a0\u202f]/g, '').replace(/[^\d,.\-+eE]/g, '');
  const normalized =
    /,\d+$/.test(cleaned) && !cleaned.includes('.') ? cleaned.replace(',', '.') : cleaned.replace(/,/g, '');
  if (normalized === '' || !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(normalized)) return undefined;
  return Number(normalized);
};

/** 24.11.1985, 24/11/1985, 1985-11-24 → 1985-11-24; 24.11 → --11-24 (no year). */
export const parseDate = (text: string, allowNoYear: boolean): string | undefined => {
  const t = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  const ru = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(t);
  const short = /^(\d{1,2})[./](\d{1,2})$/.exec(t);
  const pad = (n: string) => n.padStart(2, '0');
  let y: string | undefined;
  let m: string | undefined;
  let d: string | undefined;
  if (iso) [, y, m, d] = iso;
  else if (ru) [, d, m, y] = ru;
  else if (short && allowNoYear) [, d, m] = short;
  else return undefined;
  if (!m || !d || Number(m) < 1 || Number(m) > 12 || Number(d) < 1 || Number(d) > 31) return undefined;
  if (y && new Date(`${y}-${pad(m)}-${pad(d)}T00:00:00Z`).getUTCDate() !== Number(d)) return undefined;
  return `${y ?? '-'}-${pad(m)}-${pad(d)}`;
};

/** Employees → the size bucket: "25" → 11-50; "11-50" as is. */
const parseSize = (text: string): CompanySize | string => {
  const t = text.replace(/\s/g, '').replace('–', '-');
  if ((companySizes as readonly string[]).includes(t)) return t;
  const n = parseNumber(t.replace(/\+$/, ''));
  if (n === undefined) return text;
  return n <= 10 ? '1-10' : n <= 50 ? '11-50' : n <= 200 ? '51-200' : n <= 1000 ? '201-1000' : '1001+';
};

const patronymic = /(вич|вна|ична|инична|оглы|кызы)$/i;

/**
 * "Иванов Иван Иванович" → last, first, middle (the Russian order); "Иван Иванович Иванов"
 * (a patronymic second) and "John Smith" (Latin script: given name first) are read too.
 */
export const splitFullName = (
  text: string,
): { lastName?: string; firstName: string; middleName?: string } => {
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { firstName: '' };
  if (words.length === 1) return { firstName: words[0] as string };
  const latin = /^[\p{Script=Latin}\s.'-]+$/u.test(text);
  if (latin) return { firstName: words.slice(0, -1).join(' '), lastName: words.at(-1) as string };
  if (words.length >= 3 && patronymic.test(words[1] as string) && !patronymic.test(words[2] as string))
    return {
      firstName: words[0] as string,
      middleName: words[1] as string,
      lastName: words.slice(2).join(' '),
    };
  return {
    lastName: words[0] as string,
    firstName: words[1] as string,
    ...(words.length > 2 ? { middleName: words.slice(2).join(' ') } : {}),
  };
};

/** 7707083893 with a leading zero lost by Excel (770708389 → 0770708389) is put back. */
const parseInn = (text: string): string => {
  const digits = text.replace(/\s/g, '');
  if (/^\d{9}$|^\d{11}$/.test(digits) && checkInn(`0${digits}`).ok) return `0${digits}`;
  return digits;
};

const customValue = (
  d: CustomFieldDefinition,
  text: string,
  ctx: RowContext,
): { value: CustomFieldValue } | { error: string } => {
  const option = (t: string) =>
    d.options?.find((o) => [o.value, o.label.ru, o.label.en].some((n) => key(n) === key(t)))?.value ?? t;
  switch (d.type) {
    case 'text':
      return { value: text };
    case 'number': {
      const n = parseNumber(text);
      return n === undefined ? { error: 'is not a number' } : { value: n };
    }
    case 'money': {
      const n = parseNumber(text);
      return n === undefined
        ? { error: 'is not an amount of money' }
        : { value: { amount: Math.round(n * 100), currency: d.currency ?? ctx.currency } };
    }
    case 'date': {
      const date = parseDate(text, false);
      return date ? { value: date } : { error: 'is not a date such as 24.11.2026' };
    }
    case 'checkbox': {
      const k = key(text);
      return yes.has(k)
        ? { value: true }
        : no.has(k)
          ? { value: false }
          : { error: 'is not yes or no (Да/Нет)' };
    }
    case 'select':
      return { value: option(text) };
    case 'multi-select':
      return { value: splitList(text).map(option) };
    case 'user': {
      const id = ctx.staff.find(text);
      return id ? { value: id } : { error: 'is not a staff member (their e-mail or name)' };
    }
  }
};

/** A contact's Russian mobile number (9xx) is a mobile; everything else a work phone. */
const phoneKind = (type: ImportRecordType, value: string): 'work' | 'mobile' =>
  type === 'contact' && /^[78]?9\d{9}$/.test(value.replace(/\D/g, '')) ? 'mobile' : 'work';

/** The path of a zod issue → the import field it is about. */
const fieldOfPath = (path: readonly PropertyKey[]): string => {
  const [head, , leaf] = path.map(String);
  if (head === 'addresses') return leaf === 'city' ? 'city' : 'address';
  if (head === 'marketingConsent') return 'marketingConsent';
  return head ?? '(row)';
};

/** Reads and checks one row. */
export const checkRow = (row: number, cells: readonly string[], ctx: RowContext): CheckedRow => {
  const issues: RowIssue[] = [];
  const values = new Map<string, { text: string; column: string }[]>();
  ctx.columns.forEach((field, i) => {
    const text = (cells[i] ?? '').trim();
    if (!field || text === '') return;
    const list = values.get(field) ?? [];
    list.push({ text, column: ctx.headers[i] ?? `#${i + 1}` });
    values.set(field, list);
  });
  const one = (field: string) => values.get(field)?.[0];
  const columnOf = (field: string) =>
    values.get(field)?.[0]?.column ?? ctx.headers[ctx.columns.indexOf(field)] ?? undefined;
  const issue = (field: string, message: string, value?: string) =>
    issues.push({
      row,
      field,
      ...(columnOf(field) ? { column: columnOf(field) as string } : {}),
      ...(value !== undefined ? { value } : {}),
      message,
    });

  const body: Record<string, unknown> = {};
  const provided = new Set<string>();
  const set = (attribute: string, value: unknown) => {
    body[attribute] = value;
    provided.add(attribute);
  };
  const list = (field: string) => (values.get(field) ?? []).flatMap((v) => splitList(v.text));

  // Fields both record types share.
  const phones = list('phones');
  if (phones.length)
    set(
      'phones',
      phones.map((value) => ({ value, kind: phoneKind(ctx.type, value) })),
    );
  const emails = list('emails').flatMap((e) => e.split(/\s+/));
  if (emails.length)
    set(
      'emails',
      emails.map((value) => ({ value })),
    );
  const tags = list('tags');
  if (tags.length) set('tags', tags);
  const source = one('leadSource');
  if (source) set('leadSource', sourceNames[key(source.text)] ?? source.text);

  let ownerId = ctx.defaultOwnerId;
  const owner = one('ownerId');
  if (owner) {
    const found = ctx.staff.find(owner.text);
    if (found) {
      ownerId = found;
      provided.add('ownerId');
    } else issue('ownerId', 'is not a staff member (give their e-mail or name)', owner.text);
  }
  const refusal = ctx.ownerRefusal(ownerId);
  if (refusal) issue('ownerId', refusal, owner?.text);
  body.ownerId = ownerId;

  let companyRef: CompanyRef | undefined;
  if (ctx.type === 'company') {
    body.name = one('name')?.text ?? '';
    provided.add('name');
    for (const f of ['legalName', 'kpp', 'industry'] as const) {
      const v = one(f);
      if (v) set(f, f === 'kpp' ? v.text.replace(/\s/g, '').toUpperCase() : v.text);
    }
    const inn = one('inn');
    if (inn) set('inn', parseInn(inn.text));
    const website = one('website');
    if (website)
      set('website', /^https?:\/\//i.test(website.text) ? website.text : `https://${website.text}`);
    const size = one('size');
    if (size) set('size', parseSize(size.text));
    const stage = one('lifecycleStage');
    if (stage) set('lifecycleStage', stageNames[key(stage.text)] ?? stage.text);
    const address = one('address');
    const city = one('city');
    if (address || city)
      set('addresses', [
        {
          kind: 'actual',
          line: address?.text ?? city?.text,
          ...(city ? { city: city.text } : {}),
        },
      ]);
  } else {
    const full = one('fullName');
    const split = full ? splitFullName(full.text) : undefined;
    const first = one('firstName')?.text ?? split?.firstName ?? '';
    body.firstName = first;
    provided.add('firstName');
    const last = one('lastName')?.text ?? split?.lastName;
    if (last) set('lastName', last);
    const middle = one('middleName')?.text ?? split?.middleName;
    if (middle) set('middleName', middle);
    const title = one('jobTitle');
    if (title) set('jobTitle', title.text);
    const birthday = one('birthday');
    if (birthday) set('birthday', parseDate(birthday.text, true) ?? birthday.text);
    const consent = one('marketingConsent');
    if (consent) {
      const k = key(consent.text);
      if (yes.has(k)) set('marketingConsent', { status: 'granted', at: ctx.now, method: 'import' });
      else if (no.has(k)) set('marketingConsent', { status: 'withdrawn', at: ctx.now, method: 'import' });
      else issue('marketingConsent', 'is not yes or no (Да/Нет)', consent.text);
    }
    const company = one('companyId');
    const companyInn = one('companyInn');
    if (company || companyInn) {
      const digits = (companyInn ?? company)?.text.replace(/\s/g, '') ?? '';
      const inn = companyInn
        ? parseInn(companyInn.text)
        : /^\d{10}$|^\d{12}$/.test(digits)
          ? digits
          : undefined;
      if (companyInn && inn && !checkInn(inn).ok) issue('companyInn', 'is not a valid INN', companyInn.text);
      companyRef = {
        ...(inn ? { inn } : {}),
        ...(company && company.text.replace(/\s/g, '') !== inn ? { name: company.text } : {}),
        column: (company ?? companyInn)?.column as string,
      };
      provided.add('companyId');
    }
  }

  const customFields: Record<string, unknown> = {};
  for (const [field, entries] of values) {
    const cfKey = customFieldKeyOf(field);
    const definition = cfKey === undefined ? undefined : ctx.customFields.find((d) => d.key === cfKey);
    const entry = entries[0];
    if (!definition || !entry) continue;
    const converted = customValue(definition, entry.text, ctx);
    if ('error' in converted) issue(field, converted.error, entry.text);
    else customFields[definition.key] = converted.value;
  }
  const checkedCustom = checkCustomFields(customFields, ctx.customFields, { partial: false });
  const missingRequired: RowIssue[] = [];
  for (const i of checkedCustom.issues) {
    const entry = values.get(i.field)?.[0];
    const target = i.message === 'is required' ? missingRequired : issues;
    target.push({
      row,
      field: i.field,
      ...(columnOf(i.field) ? { column: columnOf(i.field) as string } : {}),
      ...(entry ? { value: entry.text } : {}),
      message: i.message,
    });
  }
  const cfValues = Object.fromEntries(Object.entries(checkedCustom.values).filter(([, v]) => v !== null));
  if (Object.keys(cfValues).length) for (const k of Object.keys(cfValues)) provided.add(`customFields.${k}`);

  const schema: z.ZodType = ctx.type === 'company' ? createCompanySchema : createContactSchema;
  const parsed = schema.safeParse({ ...body, customFields: cfValues });
  if (!parsed.success) {
    for (const zi of parsed.error.issues) {
      const field = fieldOfPath(zi.path);
      const cell = values.get(field)?.[0]?.text;
      if (!issues.some((i) => i.field === field)) issue(field, zi.message, cell);
    }
  }
  if (issues.length > 0 || !parsed.success) return { row, ok: false, issues };
  return {
    row,
    ok: true,
    input: parsed.data as RowInput,
    provided,
    missingRequired,
    ...(companyRef ? { companyRef } : {}),
  };
};

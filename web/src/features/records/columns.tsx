// The columns a list of companies or contacts can show: label, width, the sort a header click asks
// for, and how a cell renders. Custom fields become columns `cf.<key>`. Which columns are visible
// and in which order is the user's (column-prefs.ts) or a saved view's.
import type { JSX } from 'solid-js';
import type { CustomField } from '../../api/custom-fields.ts';
import type { AnyRecord, Company, Contact, RecordType, SortKey } from '../../api/records.ts';
import { formatPhone } from '../../format/phone.ts';
import type { I18n } from '../../i18n/i18n-context.tsx';
import { Badge, type BadgeTone } from '../../ui/panel.tsx';
import { formatCustomValue } from './field-values.ts';

export type ColumnDef = {
  id: string;
  label: string;
  /** Width in pixels: the grid scrolls sideways when the columns do not fit. */
  width: number;
  sort?: SortKey;
  cell: (row: AnyRecord) => JSX.Element;
};

export type ColumnContext = {
  i18n: I18n;
  userName: (id: string) => string | undefined;
  customFields: readonly CustomField[];
};

export const stageTone: Record<string, BadgeTone> = {
  lead: 'neutral',
  prospect: 'accent',
  customer: 'success',
  former: 'warning',
};

const muted = (text: string | undefined, fallback: string): JSX.Element =>
  text ? <span>{text}</span> : <span class="cell--empty">{fallback}</span>;

const company = (row: AnyRecord) => row as Company;
const contact = (row: AnyRecord) => row as Contact;

export const defaultColumns: Readonly<Record<RecordType, readonly string[]>> = {
  company: ['name', 'lifecycleStage', 'ownerId', 'inn', 'city', 'phone', 'lastActivityAt'],
  contact: ['name', 'companyName', 'jobTitle', 'phone', 'email', 'ownerId', 'lastActivityAt'],
};

export const recordColumns = (type: RecordType, ctx: ColumnContext): ColumnDef[] => {
  const { t, lookup, fmt } = ctx.i18n;
  const empty = t('records.empty');
  const date = (value: string | undefined) => muted(value ? fmt.date(value) : undefined, empty);
  const owner: ColumnDef = {
    id: 'ownerId',
    label: t('records.fields.ownerId'),
    width: 170,
    cell: (row) => muted(ctx.userName(row.ownerId) ?? undefined, t('records.unknownUser')),
  };
  const phone: ColumnDef = {
    id: 'phone',
    label: t('list.columns.phone'),
    width: 170,
    cell: (row) => {
      const first = row.phones[0]?.value;
      return first ? (
        <a href={`tel:${first}`} class="cell__link" onClick={(event) => event.stopPropagation()}>
          {formatPhone(first)}
        </a>
      ) : (
        <span class="cell--empty">{empty}</span>
      );
    },
  };
  const email: ColumnDef = {
    id: 'email',
    label: t('list.columns.email'),
    width: 220,
    cell: (row) => {
      const first = row.emails[0]?.value;
      return first ? (
        <a href={`mailto:${first}`} class="cell__link" onClick={(event) => event.stopPropagation()}>
          {first}
        </a>
      ) : (
        <span class="cell--empty">{empty}</span>
      );
    },
  };
  const common: ColumnDef[] = [
    owner,
    phone,
    email,
    {
      id: 'tags',
      label: t('records.fields.tags'),
      width: 200,
      cell: (row) =>
        row.tags.length ? (
          <span class="cell__tags">
            {row.tags.slice(0, 3).map((tag) => (
              <Badge>{tag}</Badge>
            ))}
            {row.tags.length > 3 ? <span class="cell--empty">+{row.tags.length - 3}</span> : null}
          </span>
        ) : (
          <span class="cell--empty">{empty}</span>
        ),
    },
    {
      id: 'leadSource',
      label: t('records.fields.leadSource'),
      width: 160,
      cell: (row) => muted(row.leadSource ? lookup(`records.sources.${row.leadSource}`) : undefined, empty),
    },
    {
      id: 'lastActivityAt',
      label: t('records.fields.lastActivityAt'),
      width: 150,
      sort: 'activity',
      cell: (row) => date(row.lastActivityAt),
    },
    {
      id: 'createdAt',
      label: t('records.fields.createdAt'),
      width: 130,
      sort: 'created',
      cell: (row) => date(row.createdAt),
    },
    {
      id: 'updatedAt',
      label: t('records.fields.updatedAt'),
      width: 130,
      sort: 'updated',
      cell: (row) => date(row.updatedAt),
    },
  ];
  const custom: ColumnDef[] = ctx.customFields
    .filter((field) => field.entity === type)
    .map((field) => ({
      id: `cf.${field.key}`,
      label: field.label[ctx.i18n.locale()],
      width: field.type === 'checkbox' ? 120 : 170,
      cell: (row: AnyRecord) => {
        const value = row.customFields?.[field.key];
        const text = formatCustomValue(field, value, {
          t,
          locale: ctx.i18n.locale(),
          userName: ctx.userName,
          formatDate: (iso) => fmt.date(iso),
          formatMoney: (amount, currency) => fmt.money(amount, currency),
          formatNumber: (n) => fmt.number(n),
        });
        return muted(text === empty ? undefined : text, empty);
      },
    }));

  if (type === 'company') {
    return [
      {
        id: 'name',
        label: t('records.fields.name'),
        width: 260,
        sort: 'name',
        cell: (row) => <span class="cell__name">{company(row).name}</span>,
      },
      {
        id: 'lifecycleStage',
        label: t('records.fields.lifecycleStage'),
        width: 200,
        cell: (row) => (
          <Badge tone={stageTone[company(row).lifecycleStage] ?? 'neutral'}>
            {lookup(`records.stages.${company(row).lifecycleStage}`) ?? company(row).lifecycleStage}
          </Badge>
        ),
      },
      {
        id: 'inn',
        label: t('records.fields.inn'),
        width: 120,
        cell: (row) => muted(company(row).inn, empty),
      },
      {
        id: 'kpp',
        label: t('records.fields.kpp'),
        width: 110,
        cell: (row) => muted(company(row).kpp, empty),
      },
      {
        id: 'legalName',
        label: t('records.fields.legalName'),
        width: 260,
        cell: (row) => muted(company(row).legalName, empty),
      },
      {
        id: 'city',
        label: t('records.fields.city'),
        width: 130,
        cell: (row) => muted(company(row).city, empty),
      },
      {
        id: 'industry',
        label: t('records.fields.industry'),
        width: 170,
        cell: (row) => muted(company(row).industry, empty),
      },
      {
        id: 'size',
        label: t('records.fields.size'),
        width: 170,
        cell: (row) =>
          muted(company(row).size ? lookup(`records.sizes.${company(row).size}`) : undefined, empty),
      },
      {
        id: 'website',
        label: t('records.fields.website'),
        width: 200,
        cell: (row) => {
          const site = company(row).website;
          return site ? (
            <a
              href={site}
              class="cell__link"
              target="_blank"
              rel="noopener noreferrer"
              onClick={(event) => event.stopPropagation()}
            >
              {site.replace(/^https?:\/\//, '')}
            </a>
          ) : (
            <span class="cell--empty">{empty}</span>
          );
        },
      },
      ...common,
      ...custom,
    ];
  }
  return [
    {
      id: 'name',
      label: t('records.fields.fullName'),
      width: 280,
      sort: 'name',
      cell: (row) => <span class="cell__name">{contact(row).name}</span>,
    },
    {
      id: 'companyName',
      label: t('list.columns.company'),
      width: 240,
      cell: (row) => muted(contact(row).companyName, empty),
    },
    {
      id: 'jobTitle',
      label: t('records.fields.jobTitle'),
      width: 190,
      cell: (row) => muted(contact(row).jobTitle, empty),
    },
    {
      id: 'birthday',
      label: t('records.fields.birthday'),
      width: 140,
      cell: (row) => {
        const value = contact(row).birthday;
        return muted(
          value
            ? /^\d{4}-/.test(value)
              ? fmt.date(value)
              : value.replace(/^--(\d\d)-(\d\d)$/, '$2.$1')
            : undefined,
          empty,
        );
      },
    },
    {
      id: 'marketingConsent',
      label: t('list.columns.consent'),
      width: 190,
      cell: (row) =>
        muted(lookup(`records.consent.${contact(row).marketingConsent?.status ?? 'unknown'}`), empty),
    },
    ...common,
    ...custom,
  ];
};

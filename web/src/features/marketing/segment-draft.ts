// The segment builder's form state and its translation to and from the API's filter
// (functions/domain/segments/segment-filter.ts). The form keeps what a person types — lists as
// comma-separated text, numbers as text, "any" as an empty choice — and `toFilter` leaves out every
// criterion that is empty, so an untouched builder is the empty filter (every contact).
import type { SegmentFilter } from '../../api/segments.ts';

export type Side = 'contact' | 'company' | 'either';
export type TriState = '' | 'yes' | 'no';
export type CustomFieldOp = 'equals' | 'set' | 'not-set';

export type CustomFieldRow = {
  /** `contact:<key>` or `company:<key>`. */
  field: string;
  op: CustomFieldOp;
  value: string;
};

export type SegmentDraft = {
  lifecycleStages: string[];
  industries: string;
  cities: string;
  leadSources: string[];
  leadSourcesOn: Side;
  owners: string[];
  ownersOn: Side;
  tags: string;
  tagsMatch: 'any' | 'all';
  tagsOn: Side;
  customFields: CustomFieldRow[];
  activityKind: '' | 'active-within' | 'inactive-for';
  activityDays: string;
  openDeal: TriState;
  wonDeal: TriState;
  boughtProducts: string[];
};

export const emptyDraft = (): SegmentDraft => ({
  lifecycleStages: [],
  industries: '',
  cities: '',
  leadSources: [],
  leadSourcesOn: 'contact',
  owners: [],
  ownersOn: 'contact',
  tags: '',
  tagsMatch: 'any',
  tagsOn: 'contact',
  customFields: [],
  activityKind: '',
  activityDays: '30',
  openDeal: '',
  wonDeal: '',
  boughtProducts: [],
});

/** "Москва, Казань ,," → ["Москва", "Казань"]. */
export const splitList = (text: string): string[] => [
  ...new Set(
    text
      .split(/[,;\n]/)
      .map((part) => part.trim())
      .filter(Boolean),
  ),
];

/** How a custom field's value is compared: numbers and money as numbers, checkboxes as truth. */
export type CustomFieldKind = 'number' | 'money' | 'checkbox' | 'text';

const typedValue = (value: string, kind: CustomFieldKind): string | number | boolean => {
  const trimmed = value.trim();
  if (kind === 'checkbox') return trimmed === 'true';
  if (kind === 'number' || kind === 'money') {
    const n = Number(trimmed.replace(',', '.').replace(/\s/g, ''));
    return Number.isFinite(n) && trimmed !== '' ? (kind === 'money' ? Math.round(n * 100) : n) : trimmed;
  }
  return trimmed;
};

const triState = (value: TriState): boolean | undefined =>
  value === 'yes' ? true : value === 'no' ? false : undefined;

/** The API's filter for the form; `kindOf` tells how a custom field's value is typed. */
export const toFilter = (
  draft: SegmentDraft,
  kindOf: (field: string) => CustomFieldKind = () => 'text',
): SegmentFilter => {
  const filter: SegmentFilter = {};
  if (draft.lifecycleStages.length > 0)
    filter.lifecycleStages = draft.lifecycleStages as NonNullable<SegmentFilter['lifecycleStages']>;
  const industries = splitList(draft.industries);
  if (industries.length > 0) filter.industries = industries;
  const cities = splitList(draft.cities);
  if (cities.length > 0) filter.cities = cities;
  if (draft.leadSources.length > 0)
    filter.leadSources = {
      in: draft.leadSources as NonNullable<SegmentFilter['leadSources']>['in'],
      on: draft.leadSourcesOn,
    };
  if (draft.owners.length > 0) filter.owners = { in: draft.owners, on: draft.ownersOn };
  const tags = splitList(draft.tags);
  if (tags.length > 0) filter.tags = { match: draft.tagsMatch, values: tags, on: draft.tagsOn };
  const customFields = draft.customFields
    .filter((row) => row.field && (row.op !== 'equals' || row.value.trim() !== ''))
    .map((row) => {
      const [on, key] = row.field.split(':') as ['contact' | 'company', string];
      return {
        on,
        key,
        op: row.op,
        ...(row.op === 'equals' ? { value: typedValue(row.value, kindOf(row.field)) } : {}),
      };
    });
  if (customFields.length > 0) filter.customFields = customFields;
  const days = Number(draft.activityDays);
  if (draft.activityKind && Number.isInteger(days) && days > 0)
    filter.activity = { kind: draft.activityKind, days };
  const open = triState(draft.openDeal);
  if (open !== undefined) filter.openDeal = open;
  const won = triState(draft.wonDeal);
  if (won !== undefined) filter.wonDeal = won;
  if (draft.boughtProducts.length > 0) filter.boughtProducts = [...draft.boughtProducts];
  return filter;
};

const fromTri = (value: boolean | undefined): TriState =>
  value === true ? 'yes' : value === false ? 'no' : '';

/** The form for a saved filter (money amounts back in currency units). */
export const fromFilter = (
  filter: SegmentFilter,
  kindOf: (field: string) => CustomFieldKind = () => 'text',
): SegmentDraft => ({
  ...emptyDraft(),
  lifecycleStages: [...(filter.lifecycleStages ?? [])],
  industries: (filter.industries ?? []).join(', '),
  cities: (filter.cities ?? []).join(', '),
  leadSources: [...(filter.leadSources?.in ?? [])],
  leadSourcesOn: filter.leadSources?.on ?? 'contact',
  owners: [...(filter.owners?.in ?? [])],
  ownersOn: filter.owners?.on ?? 'contact',
  tags: (filter.tags?.values ?? []).join(', '),
  tagsMatch: filter.tags?.match ?? 'any',
  tagsOn: filter.tags?.on ?? 'contact',
  customFields: (filter.customFields ?? []).map((c) => {
    const field = `${c.on}:${c.key}`;
    const value =
      c.value === undefined
        ? ''
        : kindOf(field) === 'money'
          ? String(Number(c.value) / 100)
          : String(c.value);
    return { field, op: c.op ?? 'equals', value };
  }),
  activityKind: filter.activity?.kind ?? '',
  activityDays: filter.activity ? String(filter.activity.days) : '30',
  openDeal: fromTri(filter.openDeal),
  wonDeal: fromTri(filter.wonDeal),
  boughtProducts: [...(filter.boughtProducts ?? [])],
});

/** How many criteria a filter has (the builder's summary). */
export const criteriaCount = (filter: SegmentFilter): number => Object.keys(filter).length;

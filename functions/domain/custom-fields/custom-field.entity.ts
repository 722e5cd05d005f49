// Custom fields (Пользовательские поля): an admin defines extra fields per entity; values
// live in the record's `customFields` map, keyed by the field's key, and are checked against
// the definitions on every write. Definitions sit in one partition per tenant.
import { z } from 'zod';
import type { Versioned } from '../mutations.ts';
import {
  type CustomFieldEntity,
  type CustomFieldType,
  customFieldEntities,
  customFieldTypes,
} from '../records/value-lists.ts';

export { type CustomFieldEntity, type CustomFieldType, customFieldEntities, customFieldTypes };

const label = z.object({ ru: z.string().trim().min(1).max(80), en: z.string().trim().min(1).max(80) });

export const customFieldDefinitionSchema = z
  .object({
    entity: z.enum(customFieldEntities),
    /** Stable key used in data, filters and imports: lower-case letters, digits, dashes. */
    key: z
      .string()
      .regex(
        /^[a-z][a-z0-9-]{1,39}$/,
        'use 2-40 lower-case Latin letters, digits and dashes, starting with a letter',
      ),
    label,
    type: z.enum(customFieldTypes),
    options: z
      .array(z.object({ value: z.string().regex(/^[a-z0-9-]{1,40}$/), label }))
      .max(100)
      .optional(),
    required: z.boolean().default(false),
    /** For money fields: the currency amounts are in. */
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .optional(),
    order: z.number().int().min(0).default(0),
  })
  .superRefine((d, ctx) => {
    const hasOptions = d.type === 'select' || d.type === 'multi-select';
    if (hasOptions && !d.options?.length) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: `a ${d.type} field needs options` });
    }
    if (!hasOptions && d.options?.length) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: `a ${d.type} field has no options` });
    }
  });

export type CustomFieldDefinition = z.infer<typeof customFieldDefinitionSchema>;
/**
 * As stored. Every item names its own kind in `entity` ('custom-field': the stream and the
 * counters go by it), so the record type a field belongs to is kept as `fieldOf`.
 */
export type CustomFieldItem = Versioned &
  Omit<CustomFieldDefinition, 'entity'> & { readonly fieldOf: CustomFieldEntity };

/** A definition as read back, with the version to change it at. */
export type StoredCustomField = CustomFieldDefinition & { readonly version: number };

export const customFieldItemAttributes = ({ entity, ...rest }: CustomFieldDefinition) => ({
  ...rest,
  fieldOf: entity,
});

export const definitionOf = (item: CustomFieldItem): StoredCustomField => ({
  entity: item.fieldOf,
  key: item.key,
  label: item.label,
  type: item.type,
  ...(item.options ? { options: item.options } : {}),
  required: item.required,
  ...(item.currency ? { currency: item.currency } : {}),
  order: item.order,
  version: item.version,
});

export const customFieldKey = (entity: CustomFieldEntity, key: string) =>
  ({ pk: 'SETTINGS#custom-fields', sk: `${entity}#${key}` }) as const;

export const customFieldsPartition = 'SETTINGS#custom-fields';

export type CustomFieldValue =
  | string
  | number
  | boolean
  | readonly string[]
  | { amount: number; currency: string };

/** The schema of one field's value, from its definition. */
export const valueSchema = (d: CustomFieldDefinition): z.ZodType<CustomFieldValue> => {
  const options = new Set((d.options ?? []).map((o) => o.value));
  switch (d.type) {
    case 'text':
      return z.string().max(2000);
    case 'number':
      return z.number().finite();
    case 'money':
      return z.object({
        amount: z.number().int('must be whole minor units (kopecks, cents)'),
        currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code'),
      });
    case 'date':
      return z.iso.date();
    case 'select':
      return z.string().refine((v) => options.has(v), 'is not one of the options');
    case 'multi-select':
      return z.array(z.string().refine((v) => options.has(v), 'is not one of the options')).max(100);
    case 'checkbox':
      return z.boolean();
    case 'user':
      return z.string().min(1).max(100);
  }
};

export type FieldIssue = { field: string; message: string };

/**
 * Checks a record's custom field values against the definitions of its entity: unknown
 * keys, wrong types and missing required values are reported as `customFields.<key>`.
 * `null` removes a value. Returns the values to store.
 */
export const checkCustomFields = (
  values: Readonly<Record<string, unknown>>,
  definitions: readonly CustomFieldDefinition[],
  options: { partial: boolean },
): { values: Record<string, CustomFieldValue | null>; issues: FieldIssue[] } => {
  const byKey = new Map(definitions.map((d) => [d.key, d]));
  const issues: FieldIssue[] = [];
  const out: Record<string, CustomFieldValue | null> = {};
  for (const [key, value] of Object.entries(values)) {
    const definition = byKey.get(key);
    if (!definition) {
      issues.push({ field: `customFields.${key}`, message: 'is not a custom field of this record type' });
      continue;
    }
    if (value === null) {
      if (definition.required) issues.push({ field: `customFields.${key}`, message: 'is required' });
      else out[key] = null;
      continue;
    }
    const parsed = valueSchema(definition).safeParse(value);
    if (!parsed.success) {
      issues.push({ field: `customFields.${key}`, message: parsed.error.issues[0]?.message ?? 'is invalid' });
      continue;
    }
    out[key] = parsed.data;
  }
  if (!options.partial) {
    for (const d of definitions) {
      if (d.required && (values[d.key] === undefined || values[d.key] === null)) {
        issues.push({ field: `customFields.${d.key}`, message: 'is required' });
      }
    }
  }
  return { values: out, issues };
};

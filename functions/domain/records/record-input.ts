// The body of a record write, checked in one pass: the zod schema of the entity and the
// values of its custom fields against their definitions, so that a 400 names every invalid
// field (`customFields.<key>` for custom ones) and nothing is written.
import type { z } from 'zod';
import { type FieldError, ValidationFailed } from '../../lib/errors.ts';
import {
  type CustomFieldEntity,
  type CustomFieldValue,
  checkCustomFields,
} from '../custom-fields/custom-field.entity.ts';
import { loadDefinitions } from '../custom-fields/custom-fields.ts';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export const fieldErrorsOf = (issues: readonly z.core.$ZodIssue[]): FieldError[] =>
  issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.join('.') : '(body)',
    message: issue.message,
  }));

export type RecordInput<T> = {
  readonly input: T;
  /** The checked custom field values; `null` removes one. Undefined when the body had none. */
  readonly customFields: Record<string, CustomFieldValue | null> | undefined;
};

export const parseRecordInput = async <S extends z.ZodType>(
  schema: S,
  body: unknown,
  entity: CustomFieldEntity,
  mode: 'create' | 'update',
): Promise<RecordInput<z.infer<S>>> => {
  const parsed = schema.safeParse(body);
  const errors = parsed.success ? [] : fieldErrorsOf(parsed.error.issues);
  const raw = isObject(body) ? body.customFields : undefined;
  let customFields: RecordInput<unknown>['customFields'];
  if (isObject(raw) || (mode === 'create' && raw === undefined)) {
    const checked = checkCustomFields(isObject(raw) ? raw : {}, await loadDefinitions(entity), {
      partial: mode === 'update',
    });
    errors.push(...checked.issues);
    customFields = checked.values;
  }
  if (errors.length > 0 || !parsed.success) throw new ValidationFailed(errors);
  return { input: parsed.data, customFields };
};

/** The stored map after a change: given values replace, `null` removes. */
export const applyCustomFields = (
  current: Readonly<Record<string, unknown>>,
  change: Readonly<Record<string, unknown>> | undefined,
): Record<string, unknown> => {
  const next: Record<string, unknown> = { ...current, ...change };
  for (const [key, value] of Object.entries(next)) if (value === null) delete next[key];
  return next;
};

/** Splits `allowDuplicate` off a create body (the entity schema is strict about its own fields). */
export const splitAllowDuplicate = (body: unknown): { allowDuplicate: boolean; fields: unknown } => {
  if (!isObject(body)) return { allowDuplicate: false, fields: body };
  const { allowDuplicate, ...fields } = body;
  if (allowDuplicate !== undefined && typeof allowDuplicate !== 'boolean')
    throw new ValidationFailed([{ field: 'allowDuplicate', message: 'must be true or false' }]);
  return { allowDuplicate: allowDuplicate === true, fields };
};

/** A patch applied to stored attributes: given values replace, `null` clears. */
export const applyPatch = (
  current: Readonly<Record<string, unknown>>,
  patch: Readonly<Record<string, unknown>>,
): Record<string, unknown> => {
  const next: Record<string, unknown> = { ...current };
  for (const [field, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (value === null) delete next[field];
    else next[field] = value;
  }
  return next;
};

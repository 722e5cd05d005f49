import { describe, expect, it } from 'vitest';
import {
  type CustomFieldDefinition,
  checkCustomFields,
  customFieldDefinitionSchema,
  customFieldItemAttributes,
  definitionOf,
} from './custom-field.entity.ts';

const label = { ru: 'Поле', en: 'Field' };
const definitions: CustomFieldDefinition[] = [
  {
    entity: 'company',
    key: 'segment',
    label,
    type: 'select',
    options: [{ value: 'smb', label }],
    required: true,
    order: 0,
  },
  { entity: 'company', key: 'budget', label, type: 'money', required: false, order: 1 },
  { entity: 'company', key: 'since', label, type: 'date', required: false, order: 2 },
];

describe('custom field values', () => {
  it('are checked by type, with unknown keys and missing required ones named', () => {
    const { issues } = checkCustomFields(
      { budget: { amount: 10.5, currency: 'RUB' }, since: '24.11.2026', colour: 'red' },
      definitions,
      { partial: false },
    );
    expect(issues.map((i) => i.field).sort()).toEqual([
      'customFields.budget',
      'customFields.colour',
      'customFields.segment',
      'customFields.since',
    ]);
  });

  it('take null to remove a value, except a required one; a partial change skips the others', () => {
    const { values, issues } = checkCustomFields({ budget: null, segment: 'smb' }, definitions, {
      partial: true,
    });
    expect(issues).toEqual([]);
    expect(values).toEqual({ budget: null, segment: 'smb' });
    expect(checkCustomFields({ segment: null }, definitions, { partial: true }).issues).toEqual([
      { field: 'customFields.segment', message: 'is required' },
    ]);
  });
});

describe('custom field definitions', () => {
  it('need options exactly when they are selects', () => {
    const issues = customFieldDefinitionSchema.safeParse({
      entity: 'contact',
      key: 'x1',
      label,
      type: 'select',
    }).error?.issues;
    expect(issues?.map((i) => i.path.join('.'))).toEqual(['options']);
  });

  it('keep the record type apart from the item’s own kind when stored', () => {
    const [first] = definitions;
    if (!first) throw new Error('no definition');
    const stored = customFieldItemAttributes(first);
    expect(stored).toMatchObject({ fieldOf: 'company', key: 'segment' });
    expect(stored).not.toHaveProperty('entity');
    expect(
      definitionOf({
        ...stored,
        pk: 'p',
        sk: 's',
        entity: 'custom-field',
        version: 3,
        createdAt: '',
        createdBy: '',
        updatedAt: '',
        updatedBy: '',
      }),
    ).toEqual({ ...first, version: 3 });
  });
});

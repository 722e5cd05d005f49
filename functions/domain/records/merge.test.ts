import { describe, expect, it } from 'vitest';
import { createMockCompany } from '../companies/company.entity.ts';
import { mergeAttributes, mergedMailStatus } from './merge.ts';
import { companyKind, type RecordItem } from './record-kinds.ts';

const survivor = createMockCompany({
  id: 's',
  name: 'Ромашка',
  website: undefined,
  tags: ['vip'],
  phones: [{ value: '+79123456789', kind: 'work' }],
  customFields: { segment: 'smb', budget: 1 },
}) as unknown as RecordItem;
const duplicate = createMockCompany({
  id: 'd',
  name: 'ООО Ромашка',
  website: 'https://romashka.example',
  tags: ['vip', 'опт'],
  phones: [
    { value: '+79123456789', kind: 'mobile' },
    { value: '+74951234567', kind: 'work' },
  ],
  customFields: { segment: 'enterprise', region: 'msk' },
}) as unknown as RecordItem;

describe('mergeAttributes', () => {
  it('keeps the survivor’s single values, fills its gaps, and keeps both sides of lists and maps', () => {
    const { values, errors } = mergeAttributes(companyKind.mergeFields, survivor, duplicate, {});
    expect(errors).toEqual([]);
    expect(values).toMatchObject({
      name: 'Ромашка',
      website: 'https://romashka.example',
      tags: ['vip', 'опт'],
      phones: [
        { value: '+79123456789', kind: 'work' },
        { value: '+74951234567', kind: 'work' },
      ],
      customFields: { segment: 'smb', budget: 1, region: 'msk' },
    });
  });

  it('takes what the caller picks', () => {
    const { values } = mergeAttributes(companyKind.mergeFields, survivor, duplicate, {
      name: 'duplicate',
      phones: 'survivor',
      customFields: 'duplicate',
    });
    expect(values).toMatchObject({
      name: 'ООО Ромашка',
      phones: [{ value: '+79123456789', kind: 'work' }],
      customFields: { segment: 'enterprise', budget: 1, region: 'msk' },
    });
  });

  it('names each pick it cannot follow', () => {
    const crowded = { ...duplicate, tags: Array.from({ length: 30 }, (_, i) => `t${i}`) } as RecordItem;
    const { errors } = mergeAttributes(companyKind.mergeFields, survivor, crowded, {
      name: 'both',
      colour: 'survivor',
    } as never);
    expect(errors.map((e) => e.field).sort()).toEqual(['pick.colour', 'pick.name', 'pick.tags']);
  });
});

describe('the marketing status of a merged contact', () => {
  const bounce = { reason: 'bounce', at: '2026-11-02T10:00:00.000Z' };
  const at = (s: string) => [{ value: s }];

  it('stays unsubscribed when either record was, from the earlier time', () => {
    expect(
      mergedMailStatus(
        { emails: at('a@x.example') },
        { emails: at('a@x.example'), marketingUnsubscribedAt: '2026-11-05T00:00:00.000Z' },
        { emails: at('b@x.example'), marketingUnsubscribedAt: '2026-11-01T00:00:00.000Z' },
      ),
    ).toEqual({ marketingUnsubscribedAt: '2026-11-01T00:00:00.000Z' });
    expect(mergedMailStatus({ emails: at('a@x.example') }, { emails: at('a@x.example') }, {})).toEqual({});
  });

  it('keeps a suppression while the suppressed address is the primary one', () => {
    const suppressed = { emails: at('Old@X.example'), emailSuppressed: bounce };
    const clean = { emails: at('new@x.example') };
    expect(mergedMailStatus({ emails: at('old@x.example ') }, clean, suppressed)).toEqual({
      emailSuppressed: bounce,
    });
    expect(mergedMailStatus({ emails: at('new@x.example') }, suppressed, clean)).toEqual({});
  });
});

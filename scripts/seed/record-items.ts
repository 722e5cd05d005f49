// Companies and contacts from the fake data (fake-data.ts), in the two forms the scripts need:
// the request body the API (and the domain's create functions) take, and the stored items —
// built with the same record kinds the API writes with (index keys, search attributes, token
// and link items), for loads that skip the API: the benchmark's 300,000 companies and the
// bulk fixtures of integration tests. Real demo data goes through the domain (seed.ts).
import { companyKey } from '../../functions/domain/companies/company.entity.ts';
import { contactKey } from '../../functions/domain/contacts/contact.entity.ts';
import { parsePhone } from '../../functions/domain/normalize/phone.ts';
import { companyKind, contactKind, type RecordItem } from '../../functions/domain/records/record-kinds.ts';
import type { FakeCompany, FakeContact } from './fake-data.ts';

const e164 = (phone: string): string => {
  const parsed = parsePhone(phone);
  if (!parsed.ok) throw new Error(`fake phone ${phone} ${parsed.reason}`);
  return parsed.e164;
};

/** The body of POST /api/companies for a fake company. */
export const companyBody = (c: FakeCompany, ownerId: string) => ({
  name: c.name,
  legalName: c.legalName,
  inn: c.inn,
  ...(c.kpp ? { kpp: c.kpp } : {}),
  industry: c.industry,
  website: c.website,
  phones: [{ value: c.phone, kind: 'work' as const }],
  emails: [{ value: c.email, kind: 'work' as const }],
  addresses: [{ kind: 'actual' as const, line: c.address, city: c.city, country: 'RU' }],
  leadSource: c.leadSource,
  ownerId,
  tags: c.tags,
  lifecycleStage: c.lifecycleStage,
});

/** The body of POST /api/contacts for a fake contact of a company. */
export const contactBody = (c: FakeContact, ownerId: string, companyId: string | undefined) => ({
  firstName: c.firstName,
  lastName: c.lastName,
  middleName: c.middleName,
  jobTitle: c.jobTitle,
  phones: [{ value: c.phone, kind: 'mobile' as const }],
  emails: [{ value: c.email, kind: 'work' as const }],
  ...(c.birthday ? { birthday: c.birthday } : {}),
  ...(companyId ? { companyId } : {}),
  ownerId,
});

export type StoredRecord = {
  readonly item: RecordItem;
  readonly derived: readonly Record<string, unknown>[];
};

type Stamp = { readonly at: string; readonly actorId: string };

const stored = (
  kind: typeof companyKind,
  key: { pk: string; sk: string },
  attributes: Record<string, unknown> & { id: string },
  { at, actorId }: Stamp,
): StoredRecord => {
  const stamped = { ...attributes, createdAt: at, updatedAt: at } as unknown as RecordItem;
  const item = {
    ...attributes,
    ...kind.indexKeys(stamped),
    ...key,
    entity: kind.type,
    version: 1,
    createdAt: at,
    createdBy: actorId,
    updatedAt: at,
    updatedBy: actorId,
  } as unknown as RecordItem;
  return { item, derived: kind.derivedItems(stamped) };
};

/** A company item as POST /api/companies would store it (without its audit entry). */
export const companyRecord = (
  c: FakeCompany,
  id: string,
  ownerId: string,
  stamp: Stamp,
  extra: Readonly<Record<string, unknown>> = {},
): StoredRecord => {
  const { phones, emails, ...body } = companyBody(c, ownerId);
  return stored(
    companyKind,
    companyKey(id),
    {
      ...body,
      id,
      phones: phones.map((p) => ({ ...p, value: e164(p.value) })),
      emails,
      city: c.city,
      customFields: {},
      lastActivityAt: stamp.at,
      ...extra,
    },
    stamp,
  );
};

/** A contact item as POST /api/contacts would store it, with its link in the company's partition. */
export const contactRecord = (
  c: FakeContact,
  id: string,
  ownerId: string,
  company: { id: string; name: string } | undefined,
  stamp: Stamp,
  extra: Readonly<Record<string, unknown>> = {},
): StoredRecord => {
  const { phones, companyId: _companyId, ...body } = contactBody(c, ownerId, company?.id);
  return stored(
    contactKind,
    contactKey(id),
    {
      ...body,
      id,
      phones: phones.map((p) => ({ ...p, value: e164(p.value) })),
      messengers: [],
      pastCompanies: [],
      marketingConsent: { status: 'unknown' },
      customFields: {},
      lastActivityAt: stamp.at,
      ...(company ? { companyId: company.id, companyName: company.name } : {}),
      ...extra,
    },
    stamp,
  );
};

import { describe, expect, it } from 'vitest';
import {
  type CompanyAttributes,
  companyIndexKeys,
  companyTokenItems,
  createMockCompany,
} from '../companies/company.entity.ts';
import {
  type ContactAttributes,
  contactIndexKeys,
  contactTokenItems,
  createMockContact,
} from '../contacts/contact.entity.ts';
import { table } from '../table.ts';
import { type QuerySender, runSearch } from './run-search.ts';
import { classify, lookupsFor, phonePrefixes, queryOfLookup, type SearchType } from './search-query.ts';

describe('classifying a query', () => {
  it('sends anything with @ to the e-mail index, lower-cased', () => {
    expect(classify(' Info@Romashka.Example ')).toEqual({ kind: 'email', email: 'info@romashka.example' });
  });

  it('reads digits with phone punctuation as a number', () => {
    expect(classify('+7 (912) 345-67')).toEqual({ kind: 'digits', digits: '791234567', international: true });
    expect(classify('8 912 345')).toEqual({ kind: 'digits', digits: '8912345', international: false });
    expect(classify('7707083893')).toEqual({ kind: 'digits', digits: '7707083893', international: false });
  });

  it('reads the rest as words: Russian case folding, ё = е, legal forms and quotes dropped', () => {
    expect(classify('ООО «Ёлочка Трейд»')).toEqual({ kind: 'words', words: ['елочка', 'трейд'] });
    expect(classify('ооо')).toEqual({ kind: 'nothing' });
  });

  it('tries a phone also without its trunk 8 or country 7, as people type both', () => {
    expect(phonePrefixes('89123', false)).toEqual(['89123', '9123']);
    expect(phonePrefixes('79123', true)).toEqual(['9123']);
    expect(phonePrefixes('4930', true)).toEqual(['4930']);
    expect(phonePrefixes('912', false)).toEqual(['912']);
  });

  it('asks INN and phone for digits, each word on both word indexes, e-mail for @', () => {
    const indexes = (q: string) => lookupsFor(classify(q), 20).map((l) => `${l.indexName}:${l.prefix}`);
    expect(indexes('7707083893')).toEqual(['gsi9:7707083893', 'gsi10:7707083893', 'gsi10:707083893']);
    expect(indexes('+7 912')).toEqual(['gsi10:912']);
    expect(indexes('ромашка')).toEqual(['gsi7:ромашка', 'gsi8:ромашка']);
    expect(indexes('ромашка 12')).toEqual(['gsi7:ромашка', 'gsi8:ромашка', 'gsi7:12', 'gsi8:12']);
    expect(indexes('a@b')).toEqual(['gsi11:a@b']);
  });

  it('builds only key-conditioned Queries on one index partition, never a scan', () => {
    for (const q of ['ромашка трейд', '8 912', 'x@y', '7707083893']) {
      for (const lookup of lookupsFor(classify(q), 20)) {
        const input = queryOfLookup(lookup, 't');
        expect(input.IndexName).toMatch(/^gsi(7|8|9|10|11)$/);
        expect(input.KeyConditionExpression).toBe('#pk = :pk AND #sk BETWEEN :prefix AND :prefixEnd');
        expect(input.ExpressionAttributeValues[':prefixEnd']).toBe(`${lookup.prefix}\u{10FFFF}`);
        expect(input.Limit).toBeGreaterThan(0);
      }
    }
  });
});

/** A few records as the table holds them, and a sender that answers Queries on their indexes. */
const company = (o: Partial<CompanyAttributes>) => {
  const c = createMockCompany(o);
  return [{ ...c, ...companyIndexKeys(c) }, ...companyTokenItems(c)];
};
const contact = (o: Partial<ContactAttributes>) => {
  const c = createMockContact(o);
  return [{ ...c, ...contactIndexKeys(c) }, ...contactTokenItems(c)];
};
const items: Record<string, unknown>[] = [
  ...company({
    id: 'C1',
    name: 'ООО «Ёлочка Трейд Северо-Запад»',
    inn: '7707083893',
    phones: [
      { value: '+79123456789', kind: 'work' },
      { value: '+74951234567', kind: 'work' },
    ],
    emails: [{ value: 'info@elochka.example', kind: 'work' }],
  }),
  ...company({
    id: 'C2',
    name: 'АО «Елочкин Дом»',
    inn: '7707083894',
    phones: [{ value: '+79123450000', kind: 'work' }],
    emails: [{ value: 'info@elochkin.example', kind: 'work' }],
  }),
  ...company({ id: 'C3', name: 'Трейд Сервис', inn: '5001234567', phones: [], emails: [] }),
  ...contact({
    id: 'P1',
    lastName: 'Фёдоров',
    firstName: 'Иван',
    middleName: 'Ёлкин',
    phones: [{ value: '+79161112233', kind: 'mobile' }],
    emails: [{ value: 'ivan@elochka.example', kind: 'work' }],
    companyName: 'ООО «Ёлочка Трейд Северо-Запад»',
    jobTitle: 'Директор',
  }),
];
items.push(
  ...company({ id: 'C4', name: 'Федот Групп', inn: '5001234568', phones: [], emails: [] }),
  ...contact({
    id: 'P2',
    lastName: 'Абрамов',
    firstName: 'Федот',
    middleName: undefined,
    phones: [],
    emails: [],
    companyName: undefined,
    jobTitle: undefined,
  }),
);
const gsi7 = table.globalSecondaryIndexes.find((i) => i.indexName === 'gsi7');
const projected = new Set<string>(['pk', 'sk', ...((gsi7?.projection ?? []) as readonly string[])]);

const fakeTable = (): { send: QuerySender; calls: string[] } => {
  const calls: string[] = [];
  const send: QuerySender = async (input) => {
    calls.push(`Query ${input.IndexName}`);
    const names = input.ExpressionAttributeNames ?? {};
    const values = input.ExpressionAttributeValues ?? {};
    const pkName = names['#pk'] as string;
    const skName = names['#sk'] as string;
    const words = Object.entries(values)
      .filter(([k]) => /^:w\d+$/.test(k))
      .map(([, v]) => String(v));
    const hits = items
      .filter(
        (i) =>
          i[pkName] === values[':pk'] &&
          String(i[skName] ?? '') >= String(values[':prefix']) &&
          String(i[skName] ?? '') <= String(values[':prefixEnd']),
      )
      .sort((a, b) => (String(a[skName]) < String(b[skName]) ? -1 : 1))
      .slice(0, input.Limit)
      .filter((i) =>
        words.every(
          (w) => String(i.normalizedName).startsWith(w) || String(i.normalizedName).includes(` ${w}`),
        ),
      )
      .map((i) =>
        Object.fromEntries(
          Object.entries(i).filter(([k]) => projected.has(k) || k === pkName || k === skName),
        ),
      );
    return { Items: hits };
  };
  return { send, calls };
};

const search = async (q: string, types: SearchType[] = ['company', 'contact'], limit = 20) => {
  const { send, calls } = fakeTable();
  const hits = await runSearch({ q, types, limit }, send, 't');
  return { hits, calls, ids: hits.map((h) => h.id) };
};

describe('searching', () => {
  it('finds a word prefix in Cyrillic with ё = е, exact whole words first', async () => {
    const { hits } = await search('ЕЛОЧКА');
    expect(hits).toEqual([
      {
        id: 'C1',
        type: 'company',
        name: 'ООО «Ёлочка Трейд Северо-Запад»',
        match: { field: 'name', exact: true },
        subtitle: '7707083893',
      },
    ]);
    const prefix = await search('ёлочк');
    expect(prefix.ids).toEqual(['C1', 'C2']);
    expect(prefix.hits.map((h) => h.match.exact)).toEqual([false, false]);
  });

  it('finds by the second word, and by the third through token items', async () => {
    expect((await search('трейд')).ids).toEqual(['C3', 'C1']); // a name it begins first
    expect((await search('северо')).ids).toEqual(['C1']);
    expect((await search('ёлкин')).ids).toEqual(['P1']);
  });

  it('narrows by every word of the query, whichever word the index found', async () => {
    expect((await search('трейд ёлочка')).ids).toEqual(['C1']);
    expect((await search('ёлочка сервис')).ids).toEqual([]);
  });

  it('finds companies and contacts together, and one type when asked', async () => {
    const both = await search('фёдоров');
    expect(both.hits).toEqual([
      expect.objectContaining({
        id: 'P1',
        type: 'contact',
        name: 'Фёдоров Иван Ёлкин',
        subtitle: 'Директор, ООО «Ёлочка Трейд Северо-Запад»',
      }),
    ]);
    expect((await search('елочка', ['contact'])).ids).toEqual([]);
  });

  it('finds an INN by prefix, exact first', async () => {
    const { hits } = await search('7707083893');
    expect(hits[0]).toMatchObject({ id: 'C1', match: { field: 'inn', exact: true } });
    expect((await search('770708')).ids).toEqual(['C1', 'C2']);
  });

  it('finds a phone typed as 8 9xx, +7 9xx or in part, and a second phone through its token', async () => {
    for (const q of ['8 912 345-67-89', '+7 (912) 345-67-89', '912 345 67 89']) {
      const { hits } = await search(q);
      expect(hits[0], q).toMatchObject({
        id: 'C1',
        match: { field: 'phone', exact: true },
        subtitle: '+7 (912) 345-67-89',
      });
    }
    expect((await search('8 912 345')).ids).toEqual(['C1', 'C2']);
    expect((await search('8 495 123')).hits[0]).toMatchObject({ id: 'C1', subtitle: '+7 (495) 123-45-67' });
  });

  it('finds an e-mail by prefix; a record found by several indexes is listed once', async () => {
    const { hits } = await search('info@elochka.example');
    expect(hits).toEqual([expect.objectContaining({ id: 'C1', match: { field: 'email', exact: true } })]);
    expect((await search('info@eloch')).ids).toEqual(['C1', 'C2']);
    const twice = await search('трейд'); // C3 by its 1st word, C1 by its 2nd
    expect(new Set(twice.ids).size).toBe(twice.ids.length);
  });

  it('sends one Query per index consulted, all of them Queries', async () => {
    expect((await search('елочка')).calls).toEqual(['Query gsi7', 'Query gsi8']);
    expect((await search('a@b')).calls).toEqual(['Query gsi11']);
    expect((await search('ооо')).calls).toEqual([]);
  });

  it('ranks names the first word begins before names with it further in', async () => {
    expect((await search('федо')).ids).toEqual(['P1', 'C4', 'P2']);
  });

  it('returns at most `limit` hits', async () => {
    expect((await search('е', ['company', 'contact'], 1)).hits).toHaveLength(1);
  });
});

import { describe, expect, it } from 'vitest';
import { ValidationFailed } from '../../lib/errors.ts';
import { type IndexPlan, matchesFilters, parseListRequest, planList, queryOf } from './list-query.ts';
import { readBudgetPages, readIndexPage } from './read-pages.ts';

const now = new Date('2026-11-24T12:00:00.000Z');
const companies = (query: Record<string, string>) => parseListRequest('company', query);
const plan = (query: Record<string, string>, type: 'company' | 'contact' = 'company') =>
  planList(parseListRequest(type, query), now);

const fieldsOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationFailed);
    return (error as ValidationFailed).fields.map((f) => f.field);
  }
  throw new Error('accepted');
};

describe('list parameters', () => {
  it('default to name ascending, 50 rows; dates default to newest first', () => {
    expect(companies({})).toMatchObject({ sort: 'name', order: 'asc', limit: 50 });
    expect(companies({ sort: 'created' })).toMatchObject({ sort: 'created', order: 'desc' });
    expect(companies({ inactiveDays: '30' })).toMatchObject({ sort: 'activity', order: 'asc' });
  });

  it('refuse every bad parameter with its field', () => {
    expect(fieldsOf(() => companies({ sort: 'size', limit: '0', order: 'up' })).sort()).toEqual([
      'limit',
      'order',
      'sort',
    ]);
    expect(fieldsOf(() => companies({ limit: '201' }))).toEqual(['limit']);
    expect(fieldsOf(() => companies({ limit: 'many' }))).toEqual(['limit']);
    expect(fieldsOf(() => companies({ deleted: 'true' }))).toEqual(['deleted']);
    expect(fieldsOf(() => companies({ colour: 'red' }))).toEqual(['colour']);
    expect(fieldsOf(() => companies({ 'cf.Bad Key': 'x' }))).toEqual(['cf.Bad Key']);
    expect(fieldsOf(() => companies({ stage: 'won' }))).toEqual(['stage']);
    expect(fieldsOf(() => parseListRequest('contact', { stage: 'lead' }))).toEqual(['stage']);
    expect(fieldsOf(() => companies({ company: 'x' }))).toEqual(['company']);
  });

  it('folds a tag to lower case as tags are stored, and takes deleted=false', () => {
    expect(companies({ tag: 'VIP', deleted: 'false' }).filters).toEqual({ tag: 'vip', cf: {} });
  });
});

describe('index choice', () => {
  it("reads each sort's own index", () => {
    expect(plan({ sort: 'name' })).toMatchObject({ indexName: 'gsi1', pk: 'COMPANY', forward: true });
    expect(plan({ sort: 'created' })).toMatchObject({ indexName: 'gsi4', pk: 'COMPANY', forward: false });
    expect(plan({ sort: 'updated', order: 'asc' })).toMatchObject({ indexName: 'gsi5', forward: true });
    expect(plan({ sort: 'activity' }, 'contact')).toMatchObject({ indexName: 'gsi6', pk: 'CONTACT' });
  });

  it("reads an owner's partition of gsi2 for an owner's list by name, without a filter", () => {
    const p = plan({ owner: 'anna' }) as IndexPlan;
    expect(p).toMatchObject({ indexName: 'gsi2', pk: 'OWNER#anna#COMPANY' });
    expect(p.filter).toBeUndefined();
  });

  it('filters by owner on the sort index when another order is asked for', () => {
    const p = plan({ owner: 'anna', sort: 'created' }) as IndexPlan;
    expect(p).toMatchObject({ indexName: 'gsi4' });
    expect(p.filter?.expression).toBe('#ownerId = :ownerId');
  });

  it('reads "no activity for N days" as a range of gsi6 when sorted by activity, else filters', () => {
    const range = plan({ inactiveDays: '30' }) as IndexPlan;
    expect(range).toMatchObject({ indexName: 'gsi6', skBefore: '2026-10-25T12:00:00.000Z' });
    expect(range.filter).toBeUndefined();
    expect(queryOf(range, 't').KeyConditionExpression).toBe('#pk = :pk AND #sk < :before');
    const filtered = plan({ inactiveDays: '30', sort: 'name' }) as IndexPlan;
    expect(filtered).toMatchObject({ indexName: 'gsi1' });
    expect(filtered.filter?.values[':inactiveSince']).toBe('2026-10-25T12:00:00.000Z');
  });

  it('turns the other filters into one FilterExpression whose names and values are all used', () => {
    const p = plan({
      stage: 'customer',
      tag: 'vip',
      source: 'site',
      industry: 'Логистика',
      city: 'Казань',
      'cf.segment': 'smb',
      'cf.employees': '10',
    }) as IndexPlan;
    const q = queryOf(p, 't');
    const expression = `${q.KeyConditionExpression} ${q.FilterExpression}`;
    for (const name of Object.keys(q.ExpressionAttributeNames)) expect(expression).toContain(name);
    for (const value of Object.keys(q.ExpressionAttributeValues)) expect(expression).toContain(value);
    expect(q.FilterExpression).toContain('contains(#tags, :tag)');
    expect(q.FilterExpression).toContain('#cf.#cf0 = :cfn0'); // employees (keys in order), a number
  });

  it("reads one company's contacts from its link items", () => {
    expect(plan({ company: 'C1', sort: 'created' }, 'contact')).toMatchObject({
      kind: 'company-contacts',
      companyId: 'C1',
      sortAttribute: 'gsi4sk',
      forward: false,
    });
  });

  it('takes the total from a counter only when one counts exactly the list', () => {
    expect(plan({}).total).toEqual({ kind: 'all' });
    expect(plan({ owner: 'anna', sort: 'updated' }).total).toEqual({ kind: 'owner', ownerId: 'anna' });
    expect(plan({ stage: 'lead' }).total).toEqual({ kind: 'stage', stage: 'lead' });
    expect(plan({ stage: 'lead', owner: 'anna' }).total).toBeUndefined();
    expect(plan({ tag: 'vip' }).total).toBeUndefined();
    expect(plan({ inactiveDays: '5' }).total).toBeUndefined();
  });

  it('binds cursors to the list, not to the page size', () => {
    expect(plan({ limit: '10' }).scope).toBe(plan({ limit: '20' }).scope);
    expect(plan({}).scope).not.toBe(plan({ order: 'desc' }).scope);
    expect(plan({}).scope).not.toBe(plan({ tag: 'vip' }).scope);
    expect(plan({}).scope).not.toBe(plan({}, 'contact').scope);
  });
});

describe('filters in memory (a company contacts)', () => {
  it('match as the FilterExpression does', () => {
    const item = {
      ownerId: 'anna',
      tags: ['vip'],
      lastActivityAt: '2026-01-01T00:00:00.000Z',
      customFields: {
        segment: 'smb',
        size: 10,
        paid: true,
        kinds: ['a', 'b'],
        revenue: { amount: 5, currency: 'RUB' },
      },
    };
    const f = (q: Record<string, string>) =>
      matchesFilters(item, parseListRequest('contact', q).filters, now);
    expect(f({ owner: 'anna', tag: 'vip', inactiveDays: '30' })).toBe(true);
    expect(f({ owner: 'igor' })).toBe(false);
    expect(
      f({ 'cf.segment': 'smb', 'cf.size': '10', 'cf.paid': 'true', 'cf.kinds': 'b', 'cf.revenue': '5' }),
    ).toBe(true);
    expect(f({ 'cf.kinds': 'c' })).toBe(false);
  });
});

describe('reading a page within the read budget', () => {
  const row = (i: number) => ({
    pk: `COMPANY#${i}`,
    sk: 'COMPANY',
    gsi1pk: 'COMPANY',
    gsi1sk: `n${i}#${i}`,
    name: `n${i}`,
  });
  const rows = (from: number, n: number) => Array.from({ length: n }, (_, i) => row(from + i));

  it('asks for one row more than the page without a filter, and starts the next page after the last row shown', async () => {
    const calls: Record<string, unknown>[] = [];
    const page = await readIndexPage(
      plan({}) as IndexPlan,
      3,
      undefined,
      async (input) => {
        calls.push(input);
        return { Items: rows(0, 4), LastEvaluatedKey: row(3) };
      },
      't',
    );
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ IndexName: 'gsi1', Limit: 4 });
    expect(page.rows.map((r) => r.pk)).toEqual(['COMPANY#0', 'COMPANY#1', 'COMPANY#2']);
    expect(page.next).toEqual({ pk: 'COMPANY#2', sk: 'COMPANY', gsi1pk: 'COMPANY', gsi1sk: 'n2#2' });
  });

  it('stops after three Query pages with a filter, returning fewer rows and where to go on', async () => {
    let n = 0;
    const page = await readIndexPage(
      plan({ tag: 'vip' }) as IndexPlan,
      50,
      undefined,
      async (input) => {
        n++;
        expect(input.FilterExpression).toBeDefined();
        return { Items: rows(n * 10, 1), LastEvaluatedKey: row(n * 10 + 500) };
      },
      't',
    );
    expect(n).toBe(readBudgetPages);
    expect(page.rows).toHaveLength(3);
    expect(page.next).toEqual(row(3 * 10 + 500));
  });

  it('has no next page when the index ends', async () => {
    const page = await readIndexPage(
      plan({}) as IndexPlan,
      10,
      undefined,
      async () => ({ Items: rows(0, 2) }),
      't',
    );
    expect(page).toEqual({ rows: rows(0, 2) });
  });
});

// The command palette's search, without I/O: what kind of query it is, which index Queries answer
// it, and how their hits are merged and ranked (docs/customer-base.md "Lists, search, saved views").
//
//   "@" anywhere        → the e-mail index (gsi11), prefix
//   digits (and + ( ) - . spaces) → INN (gsi9) and phone (gsi10) prefixes; a phone also without a
//                          leading 7 or 8 (people type 8 912…, +7 912… and 912… for one number)
//   words               → each word (up to 3) as a prefix on the first-word (gsi7) and second-word
//                          (gsi8) indexes; 3rd+ words are found through token items in gsi7. Every
//                          other word of the query must prefix-match a word of the hit's name, in
//                          the Query's FilterExpression and again here.
//
// Text is compared normalized (Russian case folding, ё = е, legal forms such as ООО ignored).
// Exact hits (a whole word, the whole INN, phone or e-mail) come first, then the rest by name; a
// record found through several indexes or tokens is listed once, with its best match.
import { z } from 'zod';
import { normalizeEmail } from '../normalize/email.ts';
import { formatPhone } from '../normalize/phone.ts';
import { nameWords, normalizeText, sortableName } from '../normalize/text.ts';
import { table } from '../table.ts';

export type SearchType = 'company' | 'contact';
export const searchTypes = ['company', 'contact'] as const satisfies readonly SearchType[];
export type MatchField = 'name' | 'inn' | 'phone' | 'email';

export type SearchRequest = {
  readonly q: string;
  readonly types: readonly SearchType[];
  readonly limit: number;
};

export const searchRequestSchema = z
  .object({
    q: z.string().trim().min(1, 'type something to search for').max(200, 'at most 200 characters'),
    types: z
      .string()
      .optional()
      .transform((v, ctx) => {
        const list = (v ?? '')
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean);
        const wrong = list.filter((t) => !(searchTypes as readonly string[]).includes(t));
        if (wrong.length > 0) {
          ctx.addIssue({
            code: 'custom',
            message: `must be company, contact or both, not ${wrong.join(', ')}`,
          });
          return z.NEVER;
        }
        return (list.length > 0 ? [...new Set(list)] : [...searchTypes]) as SearchType[];
      }),
    limit: z.coerce
      .number({ error: 'must be a whole number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(50, 'must be at most 50')
      .default(20),
  })
  .strict();

export type Classified =
  | { readonly kind: 'email'; readonly email: string }
  | { readonly kind: 'digits'; readonly digits: string; readonly international: boolean }
  | { readonly kind: 'words'; readonly words: readonly string[] }
  | { readonly kind: 'nothing' };

/** What the query is: an e-mail, a number (INN or phone) or words of a name. */
export const classify = (q: string): Classified => {
  const trimmed = q.trim();
  if (trimmed.includes('@')) return { kind: 'email', email: normalizeEmail(trimmed.replace(/\s+/g, '')) };
  if (/^[\d\s()+\-.]+$/.test(trimmed) && /\d/.test(trimmed))
    return { kind: 'digits', digits: trimmed.replace(/\D/g, ''), international: trimmed.startsWith('+') };
  const words = nameWords(trimmed);
  return words.length > 0 ? { kind: 'words', words } : { kind: 'nothing' };
};

/** One Query of a search: a prefix on one index, and what a hit through it matched. */
export type SearchLookup = {
  readonly indexName: string;
  readonly partitionKey: string;
  readonly sortKey: string;
  readonly pk: string;
  readonly prefix: string;
  readonly field: MatchField;
  /** Words every hit's name must also have (as word prefixes). */
  readonly otherWords: readonly string[];
  readonly limit: number;
};

/** The search indexes and their partitions (the entity modules write these keys). */
const searchIndexes = {
  firstWord: { indexName: 'gsi7', pk: 'WORD' },
  secondWord: { indexName: 'gsi8', pk: 'WORD' },
  inn: { indexName: 'gsi9', pk: 'INN' },
  phone: { indexName: 'gsi10', pk: 'PHONE' },
  email: { indexName: 'gsi11', pk: 'EMAIL' },
} as const;

const keysOf = (indexName: string) => {
  const index = table.globalSecondaryIndexes.find((i) => i.indexName === indexName);
  if (!index) throw new Error(`no index ${indexName}`);
  return { partitionKey: index.partitionKey, sortKey: index.sortKey };
};

/** Items a Query reads when other words filter it: enough for a rare word among common ones. */
export const filteredLookupLimit = 500;
export const maxQueryWords = 3;

/** The phone digits a typed number may be stored under (gsi10 keeps Russian numbers without 7). */
export const phonePrefixes = (digits: string, international: boolean): string[] => {
  if (international) return [digits.startsWith('7') ? digits.slice(1) : digits].filter(Boolean);
  const candidates = [digits];
  if (digits.length > 1 && (digits.startsWith('7') || digits.startsWith('8')))
    candidates.push(digits.slice(1));
  return [...new Set(candidates)];
};

/** The Queries that answer a query, all run at once. */
export const lookupsFor = (classified: Classified, limit: number): SearchLookup[] => {
  const lookup = (
    index: { indexName: string; pk: string },
    prefix: string,
    field: MatchField,
    otherWords: readonly string[] = [],
  ): SearchLookup => ({
    ...index,
    ...keysOf(index.indexName),
    prefix,
    field,
    otherWords,
    // Slack for the same record found twice; a filtered Query reads more to find its few hits.
    limit: otherWords.length > 0 ? filteredLookupLimit : Math.min(100, limit * 2),
  });
  switch (classified.kind) {
    case 'email':
      return [lookup(searchIndexes.email, classified.email, 'email')];
    case 'digits': {
      const { digits, international } = classified;
      return [
        ...(!international && digits.length <= 12 ? [lookup(searchIndexes.inn, digits, 'inn')] : []),
        ...phonePrefixes(digits, international).map((p) => lookup(searchIndexes.phone, p, 'phone')),
      ];
    }
    case 'words': {
      const words = classified.words.slice(0, maxQueryWords);
      return words.flatMap((word) => {
        const others = classified.words.filter((w) => w !== word);
        return [
          lookup(searchIndexes.firstWord, word, 'name', others),
          lookup(searchIndexes.secondWord, word, 'name', others),
        ];
      });
    }
    case 'nothing':
      return [];
  }
};

/**
 * The greatest code point: every key that begins with a prefix lies between the prefix and the
 * prefix followed by it (keys hold letters, digits, `@._-#`), in UTF-8 order (DynamoDB) as in
 * UTF-16 order (DynamoDB Local).
 */
const prefixEnd = '\u{10FFFF}';

/**
 * The Query input of a lookup: a key condition on one index partition, never a scan. A prefix is
 * asked as a BETWEEN range rather than begins_with: the same keys, but DynamoDB Local reads a
 * partition from its start for begins_with (seconds at 300,000 companies) and seeks for a range.
 */
export const queryOfLookup = (lookup: SearchLookup, tableName: string) => {
  const names: Record<string, string> = { '#pk': lookup.partitionKey, '#sk': lookup.sortKey };
  const values: Record<string, unknown> = {
    ':pk': lookup.pk,
    ':prefix': lookup.prefix,
    ':prefixEnd': `${lookup.prefix}${prefixEnd}`,
  };
  const filters = lookup.otherWords.map((word, i) => {
    names['#name'] = 'normalizedName';
    values[`:w${i}`] = word;
    values[`:sw${i}`] = ` ${word}`;
    return `(begins_with(#name, :w${i}) OR contains(#name, :sw${i}))`;
  });
  return {
    TableName: tableName,
    IndexName: lookup.indexName,
    KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :prefix AND :prefixEnd',
    ...(filters.length > 0 ? { FilterExpression: filters.join(' AND ') } : {}),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
    Limit: lookup.limit,
  };
};

export type SearchHit = {
  readonly type: SearchType;
  readonly id: string;
  readonly name: string;
  readonly subtitle?: string;
  readonly match: { readonly field: MatchField; readonly exact: boolean };
};

type IndexItem = Readonly<Record<string, unknown>>;

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

const typeOf = (item: IndexItem): SearchType | undefined => {
  const pk = str(item[table.partitionKey]) ?? '';
  if (pk.startsWith('COMPANY#')) return 'company';
  if (pk.startsWith('CONTACT#')) return 'contact';
  return undefined;
};

/** The value a hit was found by: its index sort key without `#<TYPE>#<id>`. */
const indexedValue = (item: IndexItem, lookup: SearchLookup, id: string): string => {
  const sk = str(item[lookup.sortKey]) ?? '';
  const suffix = sk.lastIndexOf('#', sk.length - id.length - 2);
  return suffix >= 0 ? sk.slice(0, suffix) : sk;
};

/** Whether every query word starts a word of the normalized name (and whether it is that whole word). */
const wordMatch = (normalizedName: string, words: readonly string[]) => {
  const nameWordList = normalizedName.split(' ');
  const matched = words.every((w) => nameWordList.some((n) => n.startsWith(w)));
  const exact = matched && words.every((w) => nameWordList.includes(w));
  return { matched, exact };
};

const phoneOf = (indexDigits: string, primary: string | undefined): string => {
  if (primary && (primary.replace(/\D/g, '') === indexDigits || primary === `+7${indexDigits}`))
    return formatPhone(primary);
  return formatPhone(indexDigits.length === 10 ? `+7${indexDigits}` : `+${indexDigits}`);
};

const subtitleOf = (
  type: SearchType,
  item: IndexItem,
  field: MatchField,
  value: string,
): string | undefined => {
  if (field === 'phone') return phoneOf(value, str(item.primaryPhone));
  if (field === 'email') return value;
  if (type === 'company') {
    const phone = str(item.primaryPhone);
    return str(item.inn) ?? (phone ? formatPhone(phone) : str(item.primaryEmail));
  }
  const parts = [str(item.jobTitle), str(item.companyName)].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : str(item.primaryEmail);
};

/** A hit before ranking: whether the query's first word begins the name (a name that starts so). */
export type RankedHit = SearchHit & { readonly leads: boolean };

/** A hit of one lookup, or undefined when the item is not a record's or does not match after all. */
export const hitOf = (
  item: IndexItem,
  lookup: SearchLookup,
  classified: Classified,
  types: readonly SearchType[],
): RankedHit | undefined => {
  const type = typeOf(item);
  const id = str(item.id);
  const name = str(item.name);
  if (!type || !id || !name || !types.includes(type)) return undefined;
  const value = indexedValue(item, lookup, id);
  let exact: boolean;
  let leads = true;
  if (lookup.field === 'name') {
    const words = classified.kind === 'words' ? classified.words : [lookup.prefix];
    const m = wordMatch(str(item.normalizedName) ?? normalizeText(name), words);
    if (!m.matched) return undefined;
    exact = m.exact;
    leads = nameWords(name)[0]?.startsWith(words[0] ?? '') ?? false;
  } else {
    if (!value.startsWith(lookup.prefix)) return undefined;
    exact = value === lookup.prefix;
  }
  const subtitle = subtitleOf(type, item, lookup.field, value);
  return { type, id, name, ...(subtitle ? { subtitle } : {}), match: { field: lookup.field, exact }, leads };
};

const collator = new Intl.Collator('ru', { sensitivity: 'base', numeric: true });

/**
 * Exact first; then names the query's first word begins (Ромашка for "ром") before names with
 * it further in (Алексеев Роман); then by name as lists sort it (legal forms last); then type
 * and id, for a stable order.
 */
export const compareHits = (a: RankedHit, b: RankedHit): number =>
  Number(b.match.exact) - Number(a.match.exact) ||
  Number(b.leads) - Number(a.leads) ||
  collator.compare(sortableName(a.name), sortableName(b.name)) ||
  (a.type < b.type ? -1 : a.type > b.type ? 1 : 0) ||
  (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const better = (a: RankedHit, b: RankedHit): boolean => compareHits(a, b) < 0;

/** Merges the hits of every lookup: one per record (its best match), ranked, at most `limit`. */
export const mergeHits = (hits: readonly RankedHit[], limit: number): SearchHit[] => {
  const best = new Map<string, RankedHit>();
  for (const hit of hits) {
    const key = `${hit.type}#${hit.id}`;
    const known = best.get(key);
    if (!known || better(hit, known)) best.set(key, hit);
  }
  return [...best.values()]
    .sort(compareHits)
    .slice(0, limit)
    .map(({ leads: _leads, ...hit }) => hit);
};

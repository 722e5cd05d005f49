// The command palette's logic, free of the UI: which entries to show for a query (records from
// /api/search in the API's ranking, grouped by type; quick actions; recently opened records), and which
// part of a name or subtitle matched, so it can be highlighted. Matching folds case and ё = е, as the
// search does.
import type { RecordType } from '../../api/records.ts';
import type { SearchHit } from '../../api/search.ts';
import { formatPhone } from '../../format/phone.ts';

/** A bare INN reads as «ИНН 7707083893»; an E.164 phone as +7 (912) 345-67-89. */
export const displaySubtitle = (subtitle: string | undefined, innLabel: string): string | undefined => {
  if (!subtitle) return undefined;
  const text = subtitle.trim();
  if (/^(\d{10}|\d{12})$/.test(text)) return `${innLabel} ${text}`;
  return /^\+\d{11,15}$/.test(text) ? formatPhone(text) : text;
};

export type Segment = { text: string; hit: boolean };

/** Case-folded, ё = е; one character per character, so positions map back to the original. */
export const foldText = (text: string): string => {
  const folded = text.toLocaleLowerCase('ru').replace(/ё/g, 'е');
  return folded.length === text.length ? folded : text.toLowerCase();
};

const mergeRanges = (ranges: [number, number][]): [number, number][] => {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const range of sorted) {
    const last = out[out.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else out.push([range[0], range[1]]);
  }
  return out;
};

const toSegments = (text: string, ranges: [number, number][]): Segment[] => {
  const segments: Segment[] = [];
  let at = 0;
  for (const [start, end] of mergeRanges(ranges)) {
    if (start > at) segments.push({ text: text.slice(at, start), hit: false });
    segments.push({ text: text.slice(start, end), hit: true });
    at = end;
  }
  if (at < text.length) segments.push({ text: text.slice(at), hit: false });
  return segments.length > 0 ? segments : [{ text, hit: false }];
};

const isDigitQuery = (query: string): boolean =>
  /^[\d\s()+\-.]+$/.test(query) && /\d{2,}/.test(query.replace(/\D/g, ''));

/** Digits of the query found in the text's digits, ignoring formatting: 912345 in +7 (912) 345-67-89. */
const digitRanges = (text: string, query: string): [number, number][] => {
  const positions: number[] = [];
  let digits = '';
  for (let i = 0; i < text.length; i += 1) {
    if (/\d/.test(text[i] as string)) {
      positions.push(i);
      digits += text[i];
    }
  }
  const wanted = query.replace(/\D/g, '');
  const candidates = [wanted];
  if (wanted.length > 1 && (wanted.startsWith('7') || wanted.startsWith('8')))
    candidates.push(wanted.slice(1));
  for (const candidate of candidates) {
    const index = digits.indexOf(candidate);
    if (candidate && index >= 0) {
      const start = positions[index] as number;
      const end = (positions[index + candidate.length - 1] as number) + 1;
      return [[start, end]];
    }
  }
  return [];
};

/** Splits `text` into matched and unmatched parts for `query`. */
export const highlight = (text: string, query: string): Segment[] => {
  const q = query.trim();
  if (!q || !text) return [{ text, hit: false }];
  if (isDigitQuery(q)) return toSegments(text, digitRanges(text, q));
  const folded = foldText(text);
  if (q.includes('@')) {
    const index = folded.indexOf(foldText(q));
    return toSegments(text, index >= 0 ? [[index, index + q.length]] : []);
  }
  const words = foldText(q)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  const ranges: [number, number][] = [];
  for (const match of folded.matchAll(/[\p{L}\p{N}]+/gu)) {
    const word = match[0];
    const start = match.index ?? 0;
    const best = words.filter((w) => word.startsWith(w)).sort((a, b) => b.length - a.length)[0];
    if (best) ranges.push([start, start + best.length]);
  }
  return toSegments(text, ranges);
};

export type QuickActionId = 'new-company' | 'new-contact' | 'import' | 'companies' | 'contacts' | 'trash';

export type QuickAction = { id: QuickActionId; label: string; href: string; keywords?: string };

export type RecentRecord = { type: RecordType; id: string; name: string; subtitle?: string };

export type PaletteEntry =
  | {
      kind: 'record';
      key: string;
      type: RecordType;
      id: string;
      name: string;
      subtitle?: string;
      hit?: SearchHit;
    }
  | { kind: 'action'; key: string; action: QuickAction };

export type PaletteGroup = { id: 'company' | 'contact' | 'recent' | 'actions'; entries: PaletteEntry[] };

const actionMatches = (action: QuickAction, query: string): boolean => {
  const q = foldText(query.trim());
  if (!q) return true;
  const haystack = foldText(`${action.label} ${action.keywords ?? ''}`);
  return haystack.includes(q) || haystack.split(/\s+/).some((word) => word.startsWith(q));
};

const recordEntry = (hit: SearchHit): PaletteEntry => ({
  kind: 'record',
  key: `${hit.type}:${hit.id}`,
  type: hit.type,
  id: hit.id,
  name: hit.name,
  ...(hit.subtitle ? { subtitle: hit.subtitle } : {}),
  hit,
});

/**
 * The palette's groups. With a query: records in the API's ranking (exact matches first), grouped by
 * type in the order their best hit came, then the matching actions. Without one: recent records, then
 * every action.
 */
export const paletteGroups = (
  query: string,
  hits: readonly SearchHit[],
  actions: readonly QuickAction[],
  recent: readonly RecentRecord[],
): PaletteGroup[] => {
  const groups: PaletteGroup[] = [];
  if (query.trim()) {
    const ranked = hits
      .map((hit, index) => ({ hit, index }))
      .sort(
        (a, b) =>
          Number(b.hit.match?.exact ?? false) - Number(a.hit.match?.exact ?? false) || a.index - b.index,
      )
      .map(({ hit }) => hit);
    for (const hit of ranked) {
      let group = groups.find((g) => g.id === hit.type);
      if (!group) {
        group = { id: hit.type, entries: [] };
        groups.push(group);
      }
      group.entries.push(recordEntry(hit));
    }
  } else if (recent.length > 0) {
    groups.push({
      id: 'recent',
      entries: recent.map((r) => ({
        kind: 'record',
        key: `${r.type}:${r.id}`,
        type: r.type,
        id: r.id,
        name: r.name,
        ...(r.subtitle ? { subtitle: r.subtitle } : {}),
      })),
    });
  }
  const matching = actions.filter((action) => actionMatches(action, query));
  if (matching.length > 0)
    groups.push({
      id: 'actions',
      entries: matching.map((action) => ({ kind: 'action', key: `action:${action.id}`, action })),
    });
  return groups;
};

export const flattenGroups = (groups: readonly PaletteGroup[]): PaletteEntry[] =>
  groups.flatMap((g) => g.entries);

/** Arrow keys wrap around the list. */
export const moveActive = (index: number, delta: number, count: number): number =>
  count === 0 ? -1 : (((index + delta) % count) + count) % count;

export const recentKey = (tenantId: string, userId: string): string => `crm.${tenantId}.${userId}.recent`;

export const pushRecent = (list: readonly RecentRecord[], entry: RecentRecord, max = 6): RecentRecord[] =>
  [entry, ...list.filter((r) => !(r.type === entry.type && r.id === entry.id))].slice(0, max);

export const readRecent = (storage: Pick<Storage, 'getItem'>, key: string): RecentRecord[] => {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(key) ?? '[]');
    return Array.isArray(parsed)
      ? parsed.filter(
          (r): r is RecentRecord =>
            typeof r === 'object' &&
            r !== null &&
            typeof r.id === 'string' &&
            typeof r.name === 'string' &&
            (r.type === 'company' || r.type === 'contact'),
        )
      : [];
  } catch {
    return [];
  }
};

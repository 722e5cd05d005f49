// Which columns a user sees in a list, in which order — remembered per user, organisation and
// record type in localStorage (the API has no preference store; views carry columns of their own).
import type { RecordType } from '../../api/records.ts';

export type ColumnPrefs = readonly string[];

/** The first column (the name) is always shown and always first: it is what the row opens by. */
export const pinnedColumn = 'name';

export const columnPrefsKey = (tenantId: string, userId: string, entity: RecordType): string =>
  `crm.${tenantId}.${userId}.columns.${entity}`;

/** Keeps known columns in the saved order, drops unknown ones (a deleted custom field), pins the name. */
export const normalizeColumns = (
  saved: readonly unknown[] | undefined,
  available: readonly string[],
  defaults: readonly string[],
): string[] => {
  const known = new Set(available);
  const list = (saved ?? defaults).filter((id): id is string => typeof id === 'string' && known.has(id));
  const unique = [...new Set(list)].filter((id) => id !== pinnedColumn);
  return [pinnedColumn, ...unique];
};

export const loadColumnPrefs = (
  storage: Pick<Storage, 'getItem'>,
  key: string,
  available: readonly string[],
  defaults: readonly string[],
): string[] => {
  try {
    const raw = storage.getItem(key);
    const parsed: unknown = raw ? JSON.parse(raw) : undefined;
    return normalizeColumns(Array.isArray(parsed) ? parsed : undefined, available, defaults);
  } catch {
    return normalizeColumns(undefined, available, defaults);
  }
};

export const saveColumnPrefs = (
  storage: Pick<Storage, 'setItem'>,
  key: string,
  columns: readonly string[],
) => {
  try {
    storage.setItem(key, JSON.stringify(columns));
  } catch {
    // A full or disabled storage only costs the preference.
  }
};

export const toggleColumn = (columns: readonly string[], id: string): string[] => {
  if (id === pinnedColumn) return [...columns];
  return columns.includes(id) ? columns.filter((c) => c !== id) : [...columns, id];
};

/** Moves a column one place left (-1) or right (+1); the pinned name column never moves. */
export const moveColumn = (columns: readonly string[], id: string, delta: -1 | 1): string[] => {
  const index = columns.indexOf(id);
  const target = index + delta;
  if (index <= 0 || target <= 0 || target >= columns.length) return [...columns];
  const next = [...columns];
  [next[index], next[target]] = [next[target] as string, next[index] as string];
  return next;
};

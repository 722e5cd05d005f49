// Rules of the duplicate warning (docs/customer-base.md): the same INN, the same normalized
// e-mail or phone, or a very similar name — Levenshtein similarity of at least 0.85 between
// the significant words of the names (legal forms left out, Russian case folding, ё = е).
// Pure: find-duplicates.ts runs the index queries and hands the hits to these.
import { distance } from 'fastest-levenshtein';
import type { SuspectedDuplicate } from '../../lib/errors.ts';
import { contactFirstWord, fullName } from '../contacts/contact.entity.ts';
import { isEmail, normalizeEmail } from '../normalize/email.ts';
import { checkInn } from '../normalize/inn.ts';
import { parsePhone } from '../normalize/phone.ts';
import { nameWords, normalizeText } from '../normalize/text.ts';

export const similarNameThreshold = 0.85;

/** The most duplicates a warning lists. */
export const maxDuplicatesShown = 10;

/** 1 for equal strings, 0 for nothing in common: 1 − edit distance / the longer length. */
export const nameSimilarity = (a: string, b: string): number => {
  const longer = Math.max(a.length, b.length);
  return longer === 0 ? 1 : 1 - distance(a, b) / longer;
};

/** A company name as the check compares it: its significant words, normalized. */
export const comparableCompanyName = (name: string): string => nameWords(name).join(' ');

/** A person's full name as the check compares it. */
export const comparablePersonName = (name: string): string => normalizeText(name);

export const isSimilarName = (a: string, b: string): boolean =>
  a.length > 0 && b.length > 0 && nameSimilarity(a, b) >= similarNameThreshold;

const priority: Readonly<Record<SuspectedDuplicate['reason'], number>> = {
  inn: 0,
  email: 1,
  phone: 2,
  name: 3,
};

/** One entry per record, the strongest reason first; the record being written left out. */
export const rankDuplicates = (
  hits: readonly SuspectedDuplicate[],
  excludeId?: string,
): SuspectedDuplicate[] => {
  const best = new Map<string, SuspectedDuplicate>();
  for (const hit of hits) {
    if (hit.id === excludeId) continue;
    const seen = best.get(hit.id);
    if (!seen || priority[hit.reason] < priority[seen.reason]) best.set(hit.id, hit);
  }
  return [...best.values()]
    .sort((a, b) => priority[a.reason] - priority[b.reason] || a.name.localeCompare(b.name, 'ru'))
    .slice(0, maxDuplicatesShown);
};

/** What the check looks for, already normalized. */
export type DuplicateProbe = {
  readonly name?: string;
  /** The word candidates for a similar name share (gsi7): a company's first significant word, a person's last name. */
  readonly firstWord?: string;
  readonly inn?: string;
  readonly phones: readonly string[];
  readonly emails: readonly string[];
  /** For contacts: people with similar names are duplicates only at the same company. */
  readonly companyId?: string;
};

const textOf = (v: unknown): string | undefined =>
  typeof v === 'string'
    ? v
    : typeof v === 'object' && v !== null
      ? textOf((v as { value?: unknown }).value)
      : undefined;

const list = (v: unknown): string[] =>
  (Array.isArray(v) ? v : []).map(textOf).filter((s): s is string => s !== undefined);

/**
 * A probe from what the user typed so far (POST …/duplicates): values that do not parse yet
 * are left out rather than refused, since the form is still being filled in.
 */
export const probeFromDraft = (
  type: 'company' | 'contact',
  draft: Readonly<Record<string, unknown>>,
): DuplicateProbe => {
  const inn = typeof draft.inn === 'string' ? draft.inn.replace(/\s/g, '') : undefined;
  const phones = list(draft.phones).flatMap((p) => {
    const parsed = parsePhone(p);
    return parsed.ok ? [parsed.e164] : [];
  });
  const emails = list(draft.emails).filter(isEmail).map(normalizeEmail);
  const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  const person = {
    firstName: text(draft.firstName) ?? '',
    lastName: text(draft.lastName),
    middleName: text(draft.middleName),
  };
  const name = type === 'company' ? text(draft.name) : text(fullName(person));
  const firstWord =
    type === 'company' ? (name ? nameWords(name)[0] : undefined) : contactFirstWord(person) || undefined;
  return {
    ...(name ? { name } : {}),
    ...(firstWord ? { firstWord } : {}),
    ...(inn && checkInn(inn).ok ? { inn } : {}),
    phones,
    emails,
    ...(typeof draft.companyId === 'string' && draft.companyId ? { companyId: draft.companyId } : {}),
  };
};

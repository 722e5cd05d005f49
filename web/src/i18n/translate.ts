// Pure translation: look a dotted key up in a language's dictionary, interpolate {params}, pick plural forms.
// The Solid side (current locale as a signal) lives in i18n-context.tsx; this module has no framework code.
import { flatten } from '@solid-primitives/i18n';
import type { Dictionary, MessageKey, MessageParams, PluralKey } from './dictionary.ts';
import { en } from './en.ts';
import { intlLocale, type Locale } from './locales.ts';
import { isPluralForms, type PluralForms, selectPluralForm } from './plural.ts';
import { ru } from './ru.ts';

export const dictionaries: Readonly<Record<Locale, Dictionary>> = { ru, en };

const flatDictionaries: Readonly<Record<Locale, Readonly<Record<string, unknown>>>> = {
  ru: flatten(ru),
  en: flatten(en),
};

// Replaces {name} placeholders; an unknown placeholder stays visible so a missing parameter is noticed.
export const interpolate = (template: string, params?: MessageParams): string =>
  params ? template.replace(/\{(\w+)\}/g, (match, name: string) => String(params[name] ?? match)) : template;

export type Translator = {
  /** A message by its typed key. */
  t: (key: MessageKey, params?: MessageParams) => string;
  /** A plural message: `count` picks the form and is available as {count}, formatted for the locale. */
  tp: (key: PluralKey, count: number, params?: MessageParams) => string;
  /** A message by a key built at run time (notification kinds, role names); undefined when absent. */
  lookup: (key: string, params?: MessageParams) => string | undefined;
};

export const createTranslator = (locale: () => Locale): Translator => {
  const entry = (key: string): unknown => flatDictionaries[locale()][key];

  const lookup = (key: string, params?: MessageParams): string | undefined => {
    const value = entry(key);
    return typeof value === 'string' ? interpolate(value, params) : undefined;
  };

  const t = (key: MessageKey, params?: MessageParams): string => lookup(key, params) ?? key;

  const tp = (key: PluralKey, count: number, params?: MessageParams): string => {
    const value = entry(key);
    if (!isPluralForms(value)) return key;
    const tag = intlLocale(locale());
    const form = selectPluralForm(tag, count, value);
    return interpolate(form, { ...params, count: new Intl.NumberFormat(tag).format(count) });
  };

  return { t, tp, lookup };
};

export type Leaf = { path: string; value: string | PluralForms };

// Every message of a dictionary with its dotted path; plural entries count as one message.
export const leaves = (dict: object, prefix = ''): Leaf[] =>
  Object.entries(dict).flatMap(([key, value]): Leaf[] => {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string' || isPluralForms(value)) return [{ path, value }];
    if (typeof value === 'object' && value !== null) return leaves(value, path);
    return [];
  });

export type DictionaryDiff = {
  /** In the reference, absent from the other dictionary. */
  missing: string[];
  /** In the other dictionary, absent from the reference. */
  extra: string[];
  /** Plain in one, plural in the other. */
  kindMismatch: string[];
  /** Messages whose {placeholders} differ. */
  placeholderMismatch: string[];
};

const placeholders = (value: string | PluralForms): string[] => {
  const texts = typeof value === 'string' ? [value] : Object.values(value.forms);
  return [
    ...new Set(texts.flatMap((text) => [...(text ?? '').matchAll(/\{(\w+)\}/g)].map((match) => match[1]))),
  ]
    .filter((name): name is string => name !== undefined)
    .sort();
};

export const diffDictionaries = (reference: object, other: object): DictionaryDiff => {
  const left = new Map(leaves(reference).map((leaf) => [leaf.path, leaf.value]));
  const right = new Map(leaves(other).map((leaf) => [leaf.path, leaf.value]));
  const diff: DictionaryDiff = { missing: [], extra: [], kindMismatch: [], placeholderMismatch: [] };
  for (const [path, value] of left) {
    const counterpart = right.get(path);
    if (counterpart === undefined) diff.missing.push(path);
    else if (typeof value !== typeof counterpart) diff.kindMismatch.push(path);
    else if (placeholders(value).join() !== placeholders(counterpart).join())
      diff.placeholderMismatch.push(path);
  }
  for (const path of right.keys()) if (!left.has(path)) diff.extra.push(path);
  return diff;
};

// Plural forms of a dictionary entry, chosen by Intl.PluralRules (1 уведомление, 2 уведомления, 5 уведомлений).
export type PluralCategory = Intl.LDMLPluralRule;

export type PluralForms = {
  readonly kind: 'plural';
  readonly forms: Readonly<Partial<Record<PluralCategory, string>>> & { readonly other: string };
};

export const plural = (forms: PluralForms['forms']): PluralForms => ({ kind: 'plural', forms });

export const isPluralForms = (value: unknown): value is PluralForms =>
  typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'plural';

const rulesCache = new Map<string, Intl.PluralRules>();

export const pluralRules = (intlLocale: string): Intl.PluralRules => {
  let rules = rulesCache.get(intlLocale);
  if (!rules) {
    rules = new Intl.PluralRules(intlLocale);
    rulesCache.set(intlLocale, rules);
  }
  return rules;
};

export const selectPluralForm = (intlLocale: string, count: number, entry: PluralForms): string =>
  entry.forms[pluralRules(intlLocale).select(count)] ?? entry.forms.other;

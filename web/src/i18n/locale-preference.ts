// The language picked before signing in, remembered per tenant so the sign-in page keeps it after a reload.
import type { KeyValueStorage } from '../auth/tokens.ts';
import { isLocale, type Locale } from './locales.ts';

const key = (tenantId: string) => `crm:${tenantId}:locale`;

export const readLocalePreference = (storage: KeyValueStorage, tenantId: string): Locale | undefined => {
  const value = storage.getItem(key(tenantId));
  return isLocale(value) ? value : undefined;
};

export const writeLocalePreference = (storage: KeyValueStorage, tenantId: string, locale: Locale): void => {
  storage.setItem(key(tenantId), locale);
};

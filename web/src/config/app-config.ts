// The runtime configuration served next to the SPA as /config.json: which Cognito pool to sign in
// against and the tenant's defaults. Loaded once before the first render; a bad file fails loudly.
import { type Locale, toLocale } from '../i18n/locales.ts';

export type TenantInfo = {
  id: string;
  name: string;
  timezone: string;
  currency: string;
  locale: Locale;
};

export type AppConfig = {
  region: string;
  userPoolId: string;
  userPoolClientId: string;
  cognitoEndpoint: string;
  tenant: TenantInfo;
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const requireString = (source: Record<string, unknown>, field: string, path: string): string => {
  const value = source[field];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ConfigError(`config.json: "${path}${field}" must be a non-empty string`);
  }
  return value;
};

const asRecord = (value: unknown, path: string): Record<string, unknown> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError(`config.json: "${path}" must be an object`);
  }
  return value as Record<string, unknown>;
};

export const parseTenant = (value: unknown, path = 'tenant'): TenantInfo => {
  const tenant = asRecord(value, path);
  return {
    id: requireString(tenant, 'id', `${path}.`),
    name: requireString(tenant, 'name', `${path}.`),
    timezone: requireString(tenant, 'timezone', `${path}.`),
    currency: requireString(tenant, 'currency', `${path}.`),
    locale: toLocale(tenant.locale),
  };
};

export const parseAppConfig = (value: unknown): AppConfig => {
  const config = asRecord(value, '(root)');
  const endpoint = requireString(config, 'cognitoEndpoint', '');
  return {
    region: requireString(config, 'region', ''),
    userPoolId: requireString(config, 'userPoolId', ''),
    userPoolClientId: requireString(config, 'userPoolClientId', ''),
    // The Cognito JSON API is POSTed to the endpoint's root; keep exactly one trailing slash.
    cognitoEndpoint: `${endpoint.replace(/\/+$/, '')}/`,
    tenant: parseTenant(config.tenant),
  };
};

export const loadAppConfig = async (fetchFn: typeof fetch = fetch): Promise<AppConfig> => {
  const response = await fetchFn('/config.json', {
    cache: 'no-store',
    headers: { Accept: 'application/json' },
  });
  if (!response.ok) throw new ConfigError(`config.json: HTTP ${response.status}`);
  return parseAppConfig(await response.json());
};

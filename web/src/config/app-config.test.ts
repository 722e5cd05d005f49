// config.json is checked once at start-up, naming the field that is wrong.
import { describe, expect, it } from 'vitest';
import { ConfigError, parseAppConfig } from './app-config.ts';

const valid = {
  region: 'eu-central-1',
  userPoolId: 'eu-central-1_abc',
  userPoolClientId: 'client-1',
  cognitoEndpoint: 'http://127.0.0.1:9229',
  tenant: { id: 'demo', name: 'ООО «Демо»', timezone: 'Europe/Moscow', currency: 'RUB', locale: 'ru' },
};

describe('parseAppConfig', () => {
  it('accepts the documented shape and normalises the endpoint to end in one slash', () => {
    const config = parseAppConfig(valid);
    expect(config.cognitoEndpoint).toBe('http://127.0.0.1:9229/');
    expect(config.tenant).toEqual(valid.tenant);
    expect(
      parseAppConfig({ ...valid, cognitoEndpoint: 'https://cognito-idp.eu-central-1.amazonaws.com//' })
        .cognitoEndpoint,
    ).toBe('https://cognito-idp.eu-central-1.amazonaws.com/');
  });

  it('names the missing field', () => {
    const { userPoolClientId: _, ...withoutClient } = valid;
    expect(() => parseAppConfig(withoutClient)).toThrow(
      new ConfigError('config.json: "userPoolClientId" must be a non-empty string'),
    );
    expect(() => parseAppConfig({ ...valid, tenant: { ...valid.tenant, timezone: '' } })).toThrow(
      /tenant\.timezone/,
    );
    expect(() => parseAppConfig({ ...valid, tenant: null })).toThrow(/"tenant" must be an object/);
  });

  it('falls back to Russian for an unsupported tenant locale', () => {
    expect(parseAppConfig({ ...valid, tenant: { ...valid.tenant, locale: 'de' } }).tenant.locale).toBe('ru');
    expect(parseAppConfig({ ...valid, tenant: { ...valid.tenant, locale: 'en-GB' } }).tenant.locale).toBe(
      'en',
    );
  });
});

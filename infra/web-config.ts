// `/config.json` next to the SPA: what the browser needs to sign in and to show the tenant.
// The stack deploys it beside the built app; the local gateway serves it. One builder for
// both, so the SPA reads the same shape wherever it runs.
import type { Tenant } from './tenants.ts';

export type WebConfig = {
  readonly region: string;
  readonly userPoolId: string;
  readonly userPoolClientId: string;
  /** The Cognito Identity Provider JSON endpoint the browser signs in against. */
  readonly cognitoEndpoint: string;
  readonly tenant: Pick<Tenant, 'id' | 'name' | 'timezone' | 'currency' | 'locale'>;
};

export const webConfig = (
  tenant: Tenant,
  pool: { userPoolId: string; userPoolClientId: string; cognitoEndpoint: string },
): WebConfig => ({
  region: tenant.region,
  ...pool,
  tenant: {
    id: tenant.id,
    name: tenant.name,
    timezone: tenant.timezone,
    currency: tenant.currency,
    locale: tenant.locale,
  },
});

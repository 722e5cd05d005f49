// Reads the function's environment once, at module load, and fails fast with the
// variable's name: a misconfigured function dies at its cold start, not at the first request.

export const requireEnv = (name: string): string => {
  const value = process.env[name];
  if (value === undefined || value === '') {
    throw new Error(`missing environment variable ${name}`);
  }
  return value;
};

/** The tenant this function serves; every function gets these (functionEnvironment()). */
export const tenantConfig = () => ({
  id: requireEnv('TENANT_ID'),
  name: requireEnv('TENANT_NAME'),
  timezone: requireEnv('TENANT_TIMEZONE'),
  currency: requireEnv('TENANT_CURRENCY'),
  locale: requireEnv('TENANT_LOCALE') === 'en' ? ('en' as const) : ('ru' as const),
  appUrl: requireEnv('APP_URL'),
});

export type TenantConfig = ReturnType<typeof tenantConfig>;

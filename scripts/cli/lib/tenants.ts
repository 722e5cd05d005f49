// Loading a tenant for a command: a missing or broken definition becomes a usage error that
// names the file, the field and the reason.
import { InvalidTenant, loadTenant, type Tenant, TenantNotFound } from '../../../infra/tenants.ts';
import { usageError } from './errors.ts';
import { displayPath } from './paths.ts';

/** A TenantNotFound or InvalidTenant from infra/tenants.ts as a usage error naming the fields. */
export const tenantError = (error: unknown): unknown => {
  if (error instanceof TenantNotFound)
    return usageError(error.message, ['List tenants with: npm run crm -- tenant list']);
  if (error instanceof InvalidTenant) {
    const source = error.message.slice(0, error.message.indexOf(':'));
    return usageError(
      `invalid tenant definition in ${displayPath(source)}:`,
      error.issues.map((i) => `  ${i.field}: ${i.message}`),
    );
  }
  return error;
};

/** Loads a tenant, turning a missing or broken definition into a clear usage error. */
export const requireTenant = (id: string): Tenant => {
  try {
    return loadTenant(id);
  } catch (error) {
    throw tenantError(error);
  }
};

// Tenant definitions: one JSON file per tenant in `tenants/` (or $CRM_TENANTS_DIR).
// `crm tenant add` writes them, the CDK app and the local runtime read them. A definition
// is validated on every read, so a hand-edited file with a mistake fails with the field named.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { z } from 'zod';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const regions = new Set(RegionInfo.regions.map((r) => r.name));
const timeZones = new Set(Intl.supportedValuesOf('timeZone'));
const currencies = new Set(Intl.supportedValuesOf('currency'));

export const tenantIdPattern = /^[a-z][a-z0-9-]{1,30}[a-z0-9]$/;

export const tenantSchema = z.object({
  id: z
    .string()
    .regex(tenantIdPattern, 'use 3-32 lower-case letters, digits and dashes, starting with a letter'),
  name: z.string().trim().min(1, 'must not be empty').max(120, 'at most 120 characters'),
  adminEmail: z.email('must be an e-mail address'),
  region: z.string().refine((r) => regions.has(r), 'must be an AWS region such as eu-central-1'),
  timezone: z.string().refine((tz) => timeZones.has(tz), 'must be an IANA time zone such as Europe/Moscow'),
  currency: z.string().refine((c) => currencies.has(c), 'must be an ISO 4217 currency code such as RUB'),
  locale: z.enum(['ru', 'en']).default('ru'),
  /** Sender of the tenant's e-mail; must be a verified SES identity when deployed. */
  mailFrom: z.email('must be an e-mail address'),
  createdAt: z.iso.datetime(),
});

export type Tenant = z.infer<typeof tenantSchema>;
export type TenantInput = z.input<typeof tenantSchema>;

export class InvalidTenant extends Error {
  readonly issues: readonly { field: string; message: string }[];
  constructor(source: string, issues: readonly { field: string; message: string }[]) {
    super(`${source}: ${issues.map((i) => `${i.field} ${i.message}`).join('; ')}`);
    this.issues = issues;
  }
}

export class TenantNotFound extends Error {}

export const tenantsDir = (): string => resolve(process.env.CRM_TENANTS_DIR ?? join(repoRoot, 'tenants'));

const tenantFile = (id: string): string => join(tenantsDir(), `${id}.json`);

export const parseTenant = (value: unknown, source: string): Tenant => {
  const result = tenantSchema.safeParse(value);
  if (!result.success) {
    throw new InvalidTenant(
      source,
      result.error.issues.map((i) => ({ field: i.path.join('.') || '(file)', message: i.message })),
    );
  }
  return result.data;
};

export const loadTenant = (id: string): Tenant => {
  if (!tenantIdPattern.test(id)) {
    throw new InvalidTenant(id, [{ field: 'id', message: 'is not a valid tenant id' }]);
  }
  const file = tenantFile(id);
  if (!existsSync(file)) {
    throw new TenantNotFound(`no tenant "${id}" in ${tenantsDir()}; add it with: crm tenant add ${id} …`);
  }
  const tenant = parseTenant(JSON.parse(readFileSync(file, 'utf8')), file);
  if (tenant.id !== id) {
    throw new InvalidTenant(file, [
      { field: 'id', message: `is "${tenant.id}" but the file is named for "${id}"` },
    ]);
  }
  return tenant;
};

export const listTenants = (): Tenant[] => {
  const dir = tenantsDir();
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => loadTenant(f.slice(0, -'.json'.length)));
};

/** Validates and writes a new tenant definition; refuses to overwrite an existing one. */
export const addTenant = (input: Omit<TenantInput, 'createdAt'>, now = new Date()): Tenant => {
  const tenant = parseTenant({ ...input, createdAt: now.toISOString() }, 'tenant');
  const file = tenantFile(tenant.id);
  if (existsSync(file)) {
    throw new InvalidTenant(file, [{ field: 'id', message: `"${tenant.id}" already exists` }]);
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(tenant, null, 2)}\n`, { flag: 'wx' });
  return tenant;
};

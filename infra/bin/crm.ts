// The CDK app of cdk.json: one tenant's stack, chosen with `-c tenant=<id>`.
//   npx cdk synth -c tenant=demo [-c webAssetPath=<dir>] [-c deleteData=true]
// Mistakes an operator can make (no tenant, unknown tenant, SPA not built) end with one
// line saying what to do, not a stack trace.
import {
  buildTenantApp,
  contextFlag,
  createCrmApp,
  MissingWebAssets,
  resolveWebAssetPath,
} from '../tenant-app.ts';
import { InvalidTenant, loadTenant, TenantNotFound } from '../tenants.ts';

const fail = (message: string): never => {
  console.error(`crm: ${message}`);
  process.exit(1);
};

const app = createCrmApp();
const tenantId: unknown = app.node.tryGetContext('tenant');
if (typeof tenantId !== 'string' || tenantId === '') {
  fail('which tenant? Pass its id: npx cdk <command> -c tenant=<id> (tenants are the files in tenants/).');
}

try {
  const tenant = loadTenant(tenantId as string);
  const webAssetPath = resolveWebAssetPath(app.node.tryGetContext('webAssetPath'));
  buildTenantApp(tenant, {
    app,
    webAssetPath,
    deleteData: contextFlag(app.node.tryGetContext('deleteData')),
  });
} catch (error) {
  if (
    error instanceof MissingWebAssets ||
    error instanceof TenantNotFound ||
    error instanceof InvalidTenant
  ) {
    fail(error.message);
  }
  throw error;
}
app.synth();

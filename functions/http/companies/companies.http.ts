// /api/companies/*: create (with the duplicate warning), read, change, delete and restore,
// merge, bulk actions, and the contacts of a company card. Lists are list-records'.
import { createCompany, listCompanyContacts, updateCompany } from '../../domain/companies/companies.ts';
import { companyKind } from '../../domain/records/record-kinds.ts';
import { restoreRecord } from '../../domain/records/records.ts';
import { ok, userRoutes } from '../../lib/http.ts';
import { recordRoutes } from '../records/record-routes.ts';

export const handler = userRoutes({
  ...recordRoutes({
    kind: companyKind,
    base: '/api/companies',
    create: createCompany,
    update: updateCompany,
    restore: (principal, id, expectedVersion) => restoreRecord(companyKind, principal, id, expectedVersion),
  }),
  'GET /api/companies/{id}/contacts': async ({ params, query }, principal) =>
    ok(await listCompanyContacts(principal, params.id ?? '', query)),
});

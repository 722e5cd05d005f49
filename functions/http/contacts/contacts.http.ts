// /api/contacts/*: create (with the duplicate warning), read, change, delete and restore,
// merge, bulk actions. Lists are list-records'.
import { createContact, restoreContact, updateContact } from '../../domain/contacts/contacts.ts';
import { contactKind } from '../../domain/records/record-kinds.ts';
import { userRoutes } from '../../lib/http.ts';
import { recordRoutes } from '../records/record-routes.ts';

export const handler = userRoutes(
  recordRoutes({
    kind: contactKind,
    base: '/api/contacts',
    create: createContact,
    update: updateContact,
    restore: restoreContact,
  }),
);

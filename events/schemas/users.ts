// Events about the tenant's users (their CRM profile, not the Cognito account).
import { z } from 'zod';
import { defineEvent } from '../contract.ts';

const userSnapshot = z.object({
  userId: z.string().min(1),
  email: z.string(),
  name: z.string(),
  locale: z.enum(['ru', 'en']),
  version: z.number().int().positive(),
});

export const userCreatedV1 = defineEvent({
  detailType: 'user.created.v1',
  source: 'crm.users',
  description: 'A user signed in for the first time and got a CRM profile.',
  schema: z.object({ user: userSnapshot, at: z.iso.datetime() }),
});

export const userUpdatedV1 = defineEvent({
  detailType: 'user.updated.v1',
  source: 'crm.users',
  description: 'A user changed their profile or preferences.',
  schema: z.object({
    user: userSnapshot,
    changedFields: z.array(z.string()),
    actorId: z.string(),
    at: z.iso.datetime(),
  }),
});

// Events about in-app notifications (the bell), which may also be e-mailed.
import { z } from 'zod';
import { defineEvent } from '../contract.ts';

export const notificationCreatedV1 = defineEvent({
  detailType: 'notification.created.v1',
  source: 'crm.notifications',
  description: 'A notification was written for a user; it is e-mailed when the user wants e-mail.',
  schema: z.object({
    notificationId: z.string().min(1),
    userId: z.string().min(1),
    kind: z.string().min(1),
    email: z.boolean(),
    at: z.iso.datetime(),
  }),
});

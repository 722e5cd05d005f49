// /api/attachments: announce a file and get a presigned upload, complete it (checked), list
// a record's files, download one (presigned GET), remove one.
import { z } from 'zod';
import { toAttachmentView } from '../../domain/attachments/attachment.entity.ts';
import {
  completeAttachment,
  createAttachment,
  deleteAttachment,
  downloadAttachment,
  listAttachments,
} from '../../domain/attachments/attachments.ts';
import { created, ok, userRoutes } from '../../lib/http.ts';
import { parseInput } from '../../lib/validation.ts';

const deleteQuerySchema = z.object({ expectedVersion: z.coerce.number().int().positive().optional() });

export const handler = userRoutes({
  'POST /api/attachments': async ({ body }, principal) => {
    const { attachment, upload } = await createAttachment(principal, body);
    return created({ attachment: toAttachmentView(attachment), upload });
  },
  'GET /api/attachments': async ({ query }, principal) => ok(await listAttachments(principal, query)),
  'POST /api/attachments/{id}/complete': async ({ params }, principal) =>
    ok({ attachment: toAttachmentView(await completeAttachment(principal, params.id ?? '')) }),
  'GET /api/attachments/{id}/download': async ({ params }, principal) =>
    ok(await downloadAttachment(principal, params.id ?? '')),
  'DELETE /api/attachments/{id}': async ({ params, query }, principal) => {
    const { expectedVersion } = parseInput(deleteQuerySchema, query);
    await deleteAttachment(principal, params.id ?? '', expectedVersion);
    return { status: 204 };
  },
});

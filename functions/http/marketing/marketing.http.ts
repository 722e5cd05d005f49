// /api/segments, /api/templates, /api/campaigns, /api/campaign-sources and /api/settings/campaigns
// (the tenant's sending cap): thin handlers over functions/domain/segments,
// functions/domain/email-templates and functions/domain/campaigns (docs/campaigns.md).

import { toCampaignView } from '../../domain/campaigns/campaign.entity.ts';
import { campaignReport } from '../../domain/campaigns/campaign-report.ts';
import {
  cancelCampaign,
  createCampaign,
  getCampaign,
  launchCampaign,
  listCampaignSources,
  listCampaigns,
  pauseCampaign,
  resumeCampaign,
  updateCampaign,
} from '../../domain/campaigns/campaigns.ts';
import { getSendingSettings, updateSendingSettings } from '../../domain/campaigns/sending-settings.ts';
import { toTemplateSummary, toTemplateView } from '../../domain/email-templates/email-template.entity.ts';
import {
  archiveTemplate,
  createTemplate,
  getTemplate,
  listTemplates,
  previewTemplate,
  type SavedTemplate,
  testSendTemplate,
  updateTemplate,
} from '../../domain/email-templates/email-templates.ts';
import { toSegmentView } from '../../domain/segments/segment.entity.ts';
import {
  createSegment,
  deleteSegment,
  getSegment,
  listSegments,
  previewFilter,
  previewSegment,
  updateSegment,
} from '../../domain/segments/segments.ts';
import { created, ok, userRoutes } from '../../lib/http.ts';

const saved = ({ template, removed }: SavedTemplate) => ({ template: toTemplateView(template), removed });

export const handler = userRoutes({
  'GET /api/segments': async ({ query }, principal) => {
    const { items, nextCursor } = await listSegments(principal, query);
    return ok({ items: items.map(toSegmentView), ...(nextCursor ? { nextCursor } : {}) });
  },
  'POST /api/segments': async ({ body }, principal) =>
    created({ segment: toSegmentView(await createSegment(principal, body)) }),
  'POST /api/segments/preview': async ({ body }, principal) => ok(await previewFilter(principal, body)),
  'GET /api/segments/{id}': async ({ params }, principal) =>
    ok({ segment: toSegmentView(await getSegment(principal, params.id ?? '')) }),
  'PATCH /api/segments/{id}': async ({ params, body }, principal) =>
    ok({ segment: toSegmentView(await updateSegment(principal, params.id ?? '', body)) }),
  'DELETE /api/segments/{id}': async ({ params, query }, principal) => {
    await deleteSegment(principal, params.id ?? '', query);
    return { status: 204 };
  },
  'GET /api/segments/{id}/preview': async ({ params }, principal) => {
    const { segment, preview } = await previewSegment(principal, params.id ?? '');
    return ok({ segment: { id: segment.id, name: segment.name, version: segment.version }, ...preview });
  },
  'GET /api/templates': async ({ query }, principal) => {
    const { items, nextCursor } = await listTemplates(principal, query);
    return ok({ items: items.map(toTemplateSummary), ...(nextCursor ? { nextCursor } : {}) });
  },
  'POST /api/templates': async ({ body }, principal) => created(saved(await createTemplate(principal, body))),
  'GET /api/templates/{id}': async ({ params }, principal) =>
    ok({ template: toTemplateView(await getTemplate(principal, params.id ?? '')) }),
  'PATCH /api/templates/{id}': async ({ params, body }, principal) =>
    ok(saved(await updateTemplate(principal, params.id ?? '', body))),
  'DELETE /api/templates/{id}': async ({ params, query }, principal) =>
    ok({ template: toTemplateView(await archiveTemplate(principal, params.id ?? '', query)) }),
  'POST /api/templates/{id}/preview': async ({ params, body }, principal) =>
    ok(await previewTemplate(principal, params.id ?? '', body)),
  'POST /api/templates/{id}/test-send': async ({ params, body }, principal) =>
    ok({ sent: await testSendTemplate(principal, params.id ?? '', body) }),
  'GET /api/campaigns': async ({ query }, principal) => {
    const { items, nextCursor } = await listCampaigns(principal, query);
    return ok({ items: items.map(toCampaignView), ...(nextCursor ? { nextCursor } : {}) });
  },
  'POST /api/campaigns': async ({ body }, principal) =>
    created({ campaign: toCampaignView(await createCampaign(principal, body)) }),
  'GET /api/campaigns/{id}': async ({ params }, principal) =>
    ok({ campaign: toCampaignView(await getCampaign(principal, params.id ?? '')) }),
  'PATCH /api/campaigns/{id}': async ({ params, body }, principal) =>
    ok({ campaign: toCampaignView(await updateCampaign(principal, params.id ?? '', body)) }),
  'POST /api/campaigns/{id}/launch': async ({ params, body }, principal) =>
    ok({ campaign: toCampaignView(await launchCampaign(principal, params.id ?? '', body)) }),
  'POST /api/campaigns/{id}/pause': async ({ params, body }, principal) =>
    ok({ campaign: toCampaignView(await pauseCampaign(principal, params.id ?? '', body)) }),
  'POST /api/campaigns/{id}/resume': async ({ params, body }, principal) =>
    ok({ campaign: toCampaignView(await resumeCampaign(principal, params.id ?? '', body)) }),
  'POST /api/campaigns/{id}/cancel': async ({ params, body }, principal) =>
    ok({ campaign: toCampaignView(await cancelCampaign(principal, params.id ?? '', body)) }),
  'GET /api/campaigns/{id}/report': async ({ params }, principal) =>
    ok(await campaignReport(principal, params.id ?? '')),
  'GET /api/campaign-sources': async (_request, principal) =>
    ok({ items: await listCampaignSources(principal) }),
  'GET /api/settings/campaigns': async (_request, principal) => ok(await getSendingSettings(principal)),
  'PUT /api/settings/campaigns': async ({ body }, principal) =>
    ok(await updateSendingSettings(principal, body)),
});

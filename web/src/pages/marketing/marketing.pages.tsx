// Маркетинг's pages: segments, e-mail templates and campaigns, each a list and a page per item
// (keyed on the id, so another item's page starts fresh).
import { Navigate, useParams } from '@solidjs/router';
import { Show } from 'solid-js';
import { CampaignPage, NewCampaignPage } from '../../features/marketing/campaign-page.tsx';
import { CampaignsScreen } from '../../features/marketing/campaigns-screen.tsx';
import { SegmentEditor } from '../../features/marketing/segment-editor.tsx';
import { SegmentsScreen } from '../../features/marketing/segments-screen.tsx';
import { TemplateEditor } from '../../features/marketing/template-editor.tsx';
import { TemplatesScreen } from '../../features/marketing/templates-screen.tsx';

export const MarketingHomePage = () => <Navigate href="/marketing/segments" />;
export const SegmentsPage = () => <SegmentsScreen />;
export const NewSegmentPage = () => <SegmentEditor />;
export const SegmentPage = () => {
  const params = useParams();
  return (
    <Show when={params.id} keyed>
      {(id) => <SegmentEditor id={id} />}
    </Show>
  );
};
export const TemplatesPage = () => <TemplatesScreen />;
export const NewTemplatePage = () => <TemplateEditor />;
export const TemplatePage = () => {
  const params = useParams();
  return (
    <Show when={params.id} keyed>
      {(id) => <TemplateEditor id={id} />}
    </Show>
  );
};
export const CampaignsPage = () => <CampaignsScreen />;
export { NewCampaignPage };
export const CampaignPageRoute = () => {
  const params = useParams();
  return (
    <Show when={params.id} keyed>
      {(id) => <CampaignPage id={id} />}
    </Show>
  );
};

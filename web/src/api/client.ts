// The API grouped by resource, configured once at start-up (main.tsx) and used by the pages' loaders.
import { type ActivitiesApi, activitiesApi } from './activities.ts';
import { type ActivityApi, activityApi } from './activity.ts';
import { type AttachmentsApi, attachmentsApi } from './attachments.ts';
import { type AutomationsApi, automationsApi } from './automations.ts';
import { type CalendarFeedApi, calendarFeedApi } from './calendar-feed.ts';
import { type CampaignsApi, campaignsApi } from './campaigns.ts';
import { type CustomFieldsApi, customFieldsApi } from './custom-fields.ts';
import { type DealsApi, dealsApi } from './deals.ts';
import { type ExportsApi, exportsApi } from './exports.ts';
import { type HealthApi, healthApi } from './health.ts';
import type { HttpClient } from './http-client.ts';
import { type ImportsApi, importsApi } from './imports.ts';
import { type InvoicesApi, invoicesApi } from './invoices.ts';
import { type MeApi, meApi } from './me.ts';
import { type NotificationsApi, notificationsApi } from './notifications.ts';
import { type PipelinesAdminApi, pipelinesAdminApi } from './pipelines.ts';
import { type ProductsApi, productsApi } from './products.ts';
import { type QuotesApi, quotesApi } from './quotes.ts';
import { type ReceivablesApi, receivablesApi } from './receivables.ts';
import { type CompanyContactsApi, companyContactsApi, type RecordsApi, recordsApi } from './records.ts';
import { type ReportsApi, reportsApi } from './reports.ts';
import { type SearchApi, searchApi } from './search.ts';
import { type SegmentsApi, segmentsApi } from './segments.ts';
import { type TasksApi, tasksApi } from './tasks.ts';
import { type TemplatesApi, templatesApi } from './templates.ts';
import { type TrashApi, trashApi } from './trash.ts';
import { type UsersApi, usersApi } from './users.ts';
import { type ViewsApi, viewsApi } from './views.ts';

export type Api = {
  me: MeApi;
  notifications: NotificationsApi;
  health: HealthApi;
  companies: RecordsApi<'company'>;
  contacts: RecordsApi<'contact'>;
  companyContacts: CompanyContactsApi;
  search: SearchApi;
  views: ViewsApi;
  activity: ActivityApi;
  activities: ActivitiesApi;
  tasks: TasksApi;
  calendarFeed: CalendarFeedApi;
  automations: AutomationsApi;
  attachments: AttachmentsApi;
  imports: ImportsApi;
  exports: ExportsApi;
  customFields: CustomFieldsApi;
  users: UsersApi;
  trash: TrashApi;
  deals: DealsApi;
  pipelinesAdmin: PipelinesAdminApi;
  reports: ReportsApi;
  products: ProductsApi;
  quotes: QuotesApi;
  invoices: InvoicesApi;
  receivables: ReceivablesApi;
  segments: SegmentsApi;
  templates: TemplatesApi;
  campaigns: CampaignsApi;
};

export const createApi = (http: HttpClient): Api => ({
  me: meApi(http),
  notifications: notificationsApi(http),
  health: healthApi(http),
  companies: recordsApi(http, 'company'),
  contacts: recordsApi(http, 'contact'),
  companyContacts: companyContactsApi(http),
  search: searchApi(http),
  views: viewsApi(http),
  activity: activityApi(http),
  activities: activitiesApi(http),
  tasks: tasksApi(http),
  calendarFeed: calendarFeedApi(http),
  automations: automationsApi(http),
  attachments: attachmentsApi(http),
  imports: importsApi(http),
  exports: exportsApi(http),
  customFields: customFieldsApi(http),
  users: usersApi(http),
  trash: trashApi(http),
  deals: dealsApi(http),
  pipelinesAdmin: pipelinesAdminApi(http),
  reports: reportsApi(http),
  products: productsApi(http),
  quotes: quotesApi(http),
  invoices: invoicesApi(http),
  receivables: receivablesApi(http),
  segments: segmentsApi(http),
  templates: templatesApi(http),
  campaigns: campaignsApi(http),
});

let configured: Api | undefined;

export const configureApi = (value: Api): void => {
  configured = value;
};

export const api = (): Api => {
  if (!configured) throw new Error('api() called before configureApi() in main.tsx');
  return configured;
};

/** The records API of one type. */
export const recordsOf = (type: 'company' | 'contact'): RecordsApi<'company'> | RecordsApi<'contact'> =>
  type === 'company' ? api().companies : api().contacts;

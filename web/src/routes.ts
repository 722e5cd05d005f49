// The route table. Pages load lazily with their data loaders (preload) beside them; `info.nav` puts a
// route into the left navigation, so later sections (Компании, Контакты, Сделки, Задачи, Кампании,
// Счета, Обращения) appear by adding their route here.
import type { RouteDefinition } from '@solidjs/router';
import { lazy } from 'solid-js';
import { invoiceReaderRoles } from './features/invoices/invoice-permissions.ts';
import { marketingReaderRoles } from './features/marketing/marketing-permissions.ts';
import type { RouteInfo } from './layout/navigation.ts';
import { ProtectedLayout } from './layout/protected-layout.tsx';
import { preloadAnalytics } from './pages/analytics/analytics.data.ts';
import { preloadCustomerBase } from './pages/companies/companies.data.ts';
import { preloadDeals } from './pages/deals/deals.data.ts';
import { preloadHome } from './pages/home/home.data.ts';
import { preloadInvoices } from './pages/invoices/invoices.data.ts';
import { preloadNotifications } from './pages/notifications/notifications.data.ts';
import { preloadTasks } from './pages/tasks/tasks.data.ts';

const SignInPage = lazy(() =>
  import('./pages/sign-in/sign-in.page.tsx').then((m) => ({ default: m.SignInPage })),
);
const HomePage = lazy(() => import('./pages/home/home.page.tsx').then((m) => ({ default: m.HomePage })));
const NotificationsPage = lazy(() =>
  import('./pages/notifications/notifications.page.tsx').then((m) => ({ default: m.NotificationsPage })),
);
const TasksPage = lazy(() => import('./pages/tasks/tasks.page.tsx').then((m) => ({ default: m.TasksPage })));
const AutomationsPage = lazy(() =>
  import('./pages/settings/automations.page.tsx').then((m) => ({ default: m.AutomationsPage })),
);
const SettingsPage = lazy(() =>
  import('./pages/settings/settings.page.tsx').then((m) => ({ default: m.SettingsPage })),
);
const CompaniesPage = lazy(() =>
  import('./pages/companies/companies.page.tsx').then((m) => ({ default: m.CompaniesPage })),
);
const CompanyPage = lazy(() =>
  import('./pages/companies/company.page.tsx').then((m) => ({ default: m.CompanyPage })),
);
const NewCompanyPage = lazy(() =>
  import('./pages/companies/new-company.page.tsx').then((m) => ({ default: m.NewCompanyPage })),
);
const ContactsPage = lazy(() =>
  import('./pages/contacts/contacts.page.tsx').then((m) => ({ default: m.ContactsPage })),
);
const ContactPage = lazy(() =>
  import('./pages/contacts/contact.page.tsx').then((m) => ({ default: m.ContactPage })),
);
const NewContactPage = lazy(() =>
  import('./pages/contacts/new-contact.page.tsx').then((m) => ({ default: m.NewContactPage })),
);
const DealsPage = lazy(() => import('./pages/deals/deals.page.tsx').then((m) => ({ default: m.DealsPage })));
const DealPage = lazy(() => import('./pages/deals/deal.page.tsx').then((m) => ({ default: m.DealPage })));
const ProductsPage = lazy(() =>
  import('./pages/products/products.page.tsx').then((m) => ({ default: m.ProductsPage })),
);
const QuotePrintPage = lazy(() =>
  import('./pages/quotes/quote-print.page.tsx').then((m) => ({ default: m.QuotePrintPage })),
);
const InvoicesPage = lazy(() =>
  import('./pages/invoices/invoices.page.tsx').then((m) => ({ default: m.InvoicesPage })),
);
const InvoicePage = lazy(() =>
  import('./pages/invoices/invoice.page.tsx').then((m) => ({ default: m.InvoicePage })),
);
const ReceivablesSettingsPage = lazy(() =>
  import('./pages/settings/receivables.page.tsx').then((m) => ({ default: m.ReceivablesSettingsPage })),
);
const SendingSettingsPage = lazy(() =>
  import('./pages/settings/sending.page.tsx').then((m) => ({ default: m.SendingSettingsPage })),
);
const AnalyticsPage = lazy(() =>
  import('./pages/analytics/analytics.page.tsx').then((m) => ({ default: m.AnalyticsPage })),
);
const ImportPage = lazy(() =>
  import('./pages/import/import.page.tsx').then((m) => ({ default: m.ImportPage })),
);
const TrashPage = lazy(() => import('./pages/trash/trash.page.tsx').then((m) => ({ default: m.TrashPage })));
const CustomFieldsPage = lazy(() =>
  import('./pages/custom-fields/custom-fields.page.tsx').then((m) => ({ default: m.CustomFieldsPage })),
);
const PipelinesPage = lazy(() =>
  import('./pages/pipelines/pipelines.page.tsx').then((m) => ({ default: m.PipelinesPage })),
);
const marketingPage = <K extends keyof typeof import('./pages/marketing/marketing.pages.tsx')>(name: K) =>
  lazy(() => import('./pages/marketing/marketing.pages.tsx').then((m) => ({ default: m[name] })));
const NotFoundPage = lazy(() =>
  import('./pages/not-found/not-found.page.tsx').then((m) => ({ default: m.NotFoundPage })),
);

const info = (value: RouteInfo): RouteInfo => value;

export const routes: RouteDefinition[] = [
  { path: '/sign-in', component: SignInPage },
  {
    path: '/',
    component: ProtectedLayout,
    children: [
      {
        path: '/',
        component: HomePage,
        preload: preloadHome,
        info: info({ title: 'nav.home', nav: { label: 'nav.home', icon: 'home', order: 10 } }),
      },
      {
        path: '/notifications',
        component: NotificationsPage,
        preload: preloadNotifications,
        info: info({
          title: 'nav.notifications',
          nav: { label: 'nav.notifications', icon: 'bell', order: 20 },
        }),
      },
      {
        path: '/tasks',
        component: TasksPage,
        preload: preloadTasks,
        info: info({ title: 'nav.tasks', nav: { label: 'nav.tasks', icon: 'checkSquare', order: 25 } }),
      },
      { path: '/tasks/:id', component: TasksPage, preload: preloadTasks },
      {
        path: '/companies',
        component: CompaniesPage,
        preload: preloadCustomerBase,
        info: info({ title: 'nav.companies', nav: { label: 'nav.companies', icon: 'building', order: 30 } }),
      },
      { path: '/companies/new', component: NewCompanyPage, preload: preloadCustomerBase },
      { path: '/companies/:id', component: CompanyPage, preload: preloadCustomerBase },
      {
        path: '/contacts',
        component: ContactsPage,
        preload: preloadCustomerBase,
        info: info({ title: 'nav.contacts', nav: { label: 'nav.contacts', icon: 'users', order: 40 } }),
      },
      { path: '/contacts/new', component: NewContactPage, preload: preloadCustomerBase },
      { path: '/contacts/:id', component: ContactPage, preload: preloadCustomerBase },
      {
        path: '/deals',
        component: DealsPage,
        preload: preloadDeals,
        info: info({ title: 'nav.deals', nav: { label: 'nav.deals', icon: 'briefcase', order: 50 } }),
      },
      { path: '/deals/:id', component: DealPage, preload: preloadDeals },
      {
        path: '/products',
        component: ProductsPage,
        info: info({ title: 'nav.products', nav: { label: 'nav.products', icon: 'package', order: 52 } }),
      },
      { path: '/quotes/:id/print', component: QuotePrintPage },
      {
        path: '/invoices',
        component: InvoicesPage,
        preload: preloadInvoices,
        info: info({
          title: 'nav.invoices',
          nav: { label: 'nav.invoices', icon: 'note', order: 53, roles: invoiceReaderRoles },
        }),
      },
      { path: '/invoices/:id', component: InvoicePage, preload: preloadInvoices },
      {
        path: '/analytics',
        component: AnalyticsPage,
        preload: preloadAnalytics,
        info: info({ title: 'nav.analytics', nav: { label: 'nav.analytics', icon: 'chart', order: 55 } }),
      },
      {
        path: '/marketing',
        component: marketingPage('MarketingHomePage'),
        info: info({
          title: 'nav.marketing',
          nav: { label: 'nav.marketing', icon: 'send', order: 56, roles: marketingReaderRoles },
        }),
      },
      { path: '/marketing/segments', component: marketingPage('SegmentsPage') },
      { path: '/marketing/segments/new', component: marketingPage('NewSegmentPage') },
      { path: '/marketing/segments/:id', component: marketingPage('SegmentPage') },
      { path: '/marketing/templates', component: marketingPage('TemplatesPage') },
      { path: '/marketing/templates/new', component: marketingPage('NewTemplatePage') },
      { path: '/marketing/templates/:id', component: marketingPage('TemplatePage') },
      { path: '/marketing/campaigns', component: marketingPage('CampaignsPage') },
      { path: '/marketing/campaigns/new', component: marketingPage('NewCampaignPage') },
      { path: '/marketing/campaigns/:id', component: marketingPage('CampaignPageRoute') },
      {
        path: '/import',
        component: ImportPage,
        preload: preloadCustomerBase,
        info: info({ title: 'nav.import', nav: { label: 'nav.import', icon: 'upload', order: 60 } }),
      },
      {
        path: '/trash',
        component: TrashPage,
        info: info({ title: 'nav.trash', nav: { label: 'nav.trash', icon: 'trash', order: 80 } }),
      },
      { path: '/settings/custom-fields', component: CustomFieldsPage, preload: preloadCustomerBase },
      { path: '/settings/pipelines', component: PipelinesPage },
      { path: '/settings/automations', component: AutomationsPage },
      { path: '/settings/receivables', component: ReceivablesSettingsPage },
      { path: '/settings/sending', component: SendingSettingsPage },
      {
        path: '/settings',
        component: SettingsPage,
        info: info({ title: 'nav.settings', nav: { label: 'nav.settings', icon: 'settings', order: 900 } }),
      },
      { path: '*404', component: NotFoundPage },
    ],
  },
];

// Small presentation helpers of deals: links, the stage probability as a percentage, a status tone.
import type { Deal } from '../../api/deals.ts';
import { formatDate } from '../../format/format.ts';
import { intlLocale, type Locale } from '../../i18n/locales.ts';
import type { BadgeTone } from '../../ui/panel.tsx';

export const dealHref = (id: string): string => `/deals/${encodeURIComponent(id)}`;

export const dealsHref = (pipelineId?: string): string =>
  pipelineId ? `/deals?pipeline=${encodeURIComponent(pipelineId)}` : '/deals';

/** 25 → «25 %» (ru-RU), «25%» (en-GB). */
export const formatPercent = (value: number, locale: Locale): string =>
  new Intl.NumberFormat(intlLocale(locale), { style: 'percent', maximumFractionDigits: 0 }).format(
    value / 100,
  );

export const statusTone: Record<Deal['status'], BadgeTone> = {
  open: 'accent',
  won: 'success',
  lost: 'danger',
};

/** A calendar day (YYYY-MM-DD, an expected close date) as 24.11.2026, whatever the time zone. */
export const formatDay = (day: string, locale: Locale): string =>
  formatDate(`${day}T00:00:00Z`, { locale: intlLocale(locale), timeZone: 'UTC' });

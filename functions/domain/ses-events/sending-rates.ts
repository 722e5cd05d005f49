// The tenant's bounce and complaint rates over its recent sends, and the decision to pause its
// campaigns (docs/campaigns.md "SES events, suppression, auto-pause"). Our limits sit below the
// rates at which SES puts an account under review (5 % bounces, 0.1 % complaints), so that the
// CRM stops a bad list before SES stops the tenant. Pure: sending-rate-counters.ts reads and
// writes the hourly buckets.

export const rateLimits = {
  /** Pause at this share of permanent bounces among recent sends (SES reviews at 5 %). */
  bounceRate: 0.04,
  /** Pause at this share of complaints among recent sends (SES reviews at 0.1 %). */
  complaintRate: 0.0008,
  /** Too few sends say nothing: no decision below this sample. */
  minimumSends: 200,
  /** The window: the most recent sends, this many (whole hours, newest first). */
  windowSends: 10_000,
} as const;

export type RateLimits = typeof rateLimits;

/** One hour of the tenant's mail outcomes. A send is a message SES delivered or bounced. */
export type RateBucket = {
  readonly hour: string;
  readonly sends: number;
  readonly bounces: number;
  readonly complaints: number;
};

export type SendingRates = {
  readonly sends: number;
  readonly bounces: number;
  readonly complaints: number;
  /** The oldest hour the window reaches back to. */
  readonly since?: string;
};

/** Sums the newest hours until the window holds `windowSends` sends. */
export const ratesOver = (
  newestFirst: readonly RateBucket[],
  limits: RateLimits = rateLimits,
): SendingRates => {
  let sends = 0;
  let bounces = 0;
  let complaints = 0;
  let since: string | undefined;
  for (const b of newestFirst) {
    if (sends >= limits.windowSends) break;
    sends += b.sends;
    bounces += b.bounces;
    complaints += b.complaints;
    since = b.hour;
  }
  return { sends, bounces, complaints, ...(since ? { since } : {}) };
};

export type RateVerdict =
  | { readonly pause: false }
  | {
      readonly pause: true;
      readonly rate: 'bounce' | 'complaint';
      /** The share, 0..1. */
      readonly value: number;
      readonly count: number;
      readonly sends: number;
      readonly limit: number;
    };

export const rateVerdict = (rates: SendingRates, limits: RateLimits = rateLimits): RateVerdict => {
  if (rates.sends < limits.minimumSends) return { pause: false };
  const bounce = rates.bounces / rates.sends;
  if (bounce >= limits.bounceRate) {
    return {
      pause: true,
      rate: 'bounce',
      value: bounce,
      count: rates.bounces,
      sends: rates.sends,
      limit: limits.bounceRate,
    };
  }
  const complaint = rates.complaints / rates.sends;
  if (complaint >= limits.complaintRate) {
    return {
      pause: true,
      rate: 'complaint',
      value: complaint,
      count: rates.complaints,
      sends: rates.sends,
      limit: limits.complaintRate,
    };
  }
  return { pause: false };
};

const percent = (share: number, locale: 'ru' | 'en'): string =>
  `${new Intl.NumberFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { maximumFractionDigits: 2 }).format(share * 100)} %`;

/** `pausedReason`: which rate, its figures and the limit, in the tenant's language. */
export const pauseReason = (v: Extract<RateVerdict, { pause: true }>, locale: 'ru' | 'en'): string => {
  const value = percent(v.value, locale);
  const limit = percent(v.limit, locale);
  const ses = percent(v.rate === 'bounce' ? 0.05 : 0.001, locale);
  if (locale === 'ru') {
    const what = v.rate === 'bounce' ? 'Доля отказов (bounce)' : 'Доля жалоб на спам';
    return `${what} ${value} (${v.count} из ${v.sends} последних отправок) достигла порога ${limit}; SES проверяет аккаунт при ${ses}. Рассылки приостановлены.`;
  }
  const what = v.rate === 'bounce' ? 'Bounce rate' : 'Complaint rate';
  return `${what} ${value} (${v.count} of the last ${v.sends} sends) reached the ${limit} limit; SES reviews accounts at ${ses}. Campaigns paused.`;
};

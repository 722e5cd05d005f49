// The analytics period and pipeline in the URL (?period=quarter&pipeline=…, or ?period=custom&from=2026-01&to=2026-06),
// so a dashboard can be bookmarked and sent to a colleague. "This month / quarter / year" are the
// calendar periods of the organisation's time zone, not the browser's: a manager in Vladivostok
// looking at a Moscow organisation sees Moscow's quarter. The API takes whole months (YYYY-MM,
// at most 36 of them).
import { dayInTimeZone } from '../../format/format.ts';

export const periodPresets = ['month', 'quarter', 'year', 'custom'] as const;
export type PeriodPreset = (typeof periodPresets)[number];

export type AnalyticsParams = {
  preset: PeriodPreset;
  /** YYYY-MM, inclusive. */
  from: string;
  to: string;
  pipeline?: string;
};

/** The API's limit on a period. */
export const maxMonths = 36;

type Search = Readonly<Record<string, string | string[] | undefined>>;

const one = (value: string | string[] | undefined): string | undefined => {
  const text = Array.isArray(value) ? value[0] : value;
  return text ? text : undefined;
};

export const isMonth = (text: string | undefined): text is string =>
  text !== undefined && /^\d{4}-(0[1-9]|1[0-2])$/.test(text);

const parts = (month: string): [number, number] => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return [y, m];
};

const monthText = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}`;

/** The month `n` months after (or before, n < 0) `month`. */
export const shiftMonth = (month: string, n: number): string => {
  const [y, m] = parts(month);
  const index = y * 12 + (m - 1) + n;
  return monthText(Math.floor(index / 12), (index % 12) + 1);
};

/** Every month from `from` to `to`, inclusive (none when `to` is before `from`). */
export const monthsBetween = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let month = from; month <= to; month = shiftMonth(month, 1)) out.push(month);
  return out;
};

/** The current calendar month (YYYY-MM) of the time zone. */
export const monthInTimeZone = (now: number | Date, timeZone: string): string =>
  dayInTimeZone(now, timeZone).slice(0, 7);

/** The calendar month, quarter or year that holds `month`. */
export const presetRange = (
  preset: Exclude<PeriodPreset, 'custom'>,
  month: string,
): { from: string; to: string } => {
  const [y, m] = parts(month);
  if (preset === 'month') return { from: month, to: month };
  if (preset === 'year') return { from: monthText(y, 1), to: monthText(y, 12) };
  const first = Math.floor((m - 1) / 3) * 3 + 1;
  return { from: monthText(y, first), to: monthText(y, first + 2) };
};

/**
 * The screen's state from the URL. Without a period it is this quarter; a custom period keeps
 * whatever valid months it names (an inverted or too long one is reported by `periodProblem`, not
 * silently replaced), and falls back to this quarter's bounds for a missing one.
 */
export const parseAnalyticsParams = (search: Search, currentMonth: string): AnalyticsParams => {
  const pipeline = one(search.pipeline);
  const asked = one(search.period);
  const preset = (periodPresets as readonly string[]).includes(asked ?? '')
    ? (asked as PeriodPreset)
    : 'quarter';
  const quarter = presetRange('quarter', currentMonth);
  const range =
    preset === 'custom'
      ? {
          from: isMonth(one(search.from)) ? (one(search.from) as string) : quarter.from,
          to: isMonth(one(search.to)) ? (one(search.to) as string) : quarter.to,
        }
      : presetRange(preset, currentMonth);
  return { preset, ...range, ...(pipeline ? { pipeline } : {}) };
};

/** Every key the screen owns, cleared when absent (the router's setSearchParams merges). */
export const toAnalyticsSearch = (params: AnalyticsParams): Record<string, string | undefined> => ({
  period: params.preset === 'quarter' ? undefined : params.preset,
  from: params.preset === 'custom' ? params.from : undefined,
  to: params.preset === 'custom' ? params.to : undefined,
  pipeline: params.pipeline,
});

export type PeriodProblem = 'inverted' | 'tooLong';

/** What the API would refuse about the period, so the screen can say it instead of asking. */
export const periodProblem = (params: Pick<AnalyticsParams, 'from' | 'to'>): PeriodProblem | undefined => {
  if (params.from > params.to) return 'inverted';
  if (monthsBetween(params.from, params.to).length > maxMonths) return 'tooLong';
  return undefined;
};

/** The month a plan editor opens on: the current one when the period holds it, else the period's first. */
export const defaultPlanMonth = (months: readonly string[], currentMonth: string): string | undefined =>
  months.includes(currentMonth) ? currentMonth : months[0];

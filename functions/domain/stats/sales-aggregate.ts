// What deals add to the sales aggregates (no I/O). The aggregates live in one item per calendar
// month of the tenant's time zone (`STATS#SALES#<yyyy-mm>` / `COUNTS`), as top-level numbers
// that `aggregate-changes` ADDs from the table's stream, so forecasts and dashboards read a few
// items and never scan deals. A deal contributes, as it is now:
//   open#<pipeline>#<stage>#<owner>#<currency>  its value, in the month of its expected close
//   openN#<pipeline>#<stage>#<owner>            1, same month          (undated deals: none)
//   won#<owner>#<currency> / wonN#<owner>       value / 1, in the month it was won
//   lostN#<owner>                               1, in the month it was lost
//   entered#<pipeline>#<stage>                  1 per visit, in the month it entered the stage
//   stageHours#<pipeline>#<stage> / stageExits#… hours spent / 1 per visit, in the month it left
// and an activity (call, meeting, e-mail) or note adds activities#<author> in the month of its date.
// A change adds "after − before" (both images), so a move, a win, a reopen or a delete moves
// exactly what changed; the stage history only grows, so each visit is counted once.
// Money stays per currency: reports convert at the rates of the day they are read.

export type MonthDeltas = Map<string, Map<string, number>>;

const monthFormatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar month (yyyy-mm) of an instant in a time zone. */
export const monthOf = (iso: string, timeZone: string): string => {
  let f = monthFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' });
    monthFormatters.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}`;
};

export const salesAttributes = {
  open: (pipelineId: string, stageId: string, ownerId: string, currency: string) =>
    `open#${pipelineId}#${stageId}#${ownerId}#${currency}`,
  openCount: (pipelineId: string, stageId: string, ownerId: string) =>
    `openN#${pipelineId}#${stageId}#${ownerId}`,
  won: (ownerId: string, currency: string) => `won#${ownerId}#${currency}`,
  wonCount: (ownerId: string) => `wonN#${ownerId}`,
  lostCount: (ownerId: string) => `lostN#${ownerId}`,
  entered: (pipelineId: string, stageId: string) => `entered#${pipelineId}#${stageId}`,
  stageHours: (pipelineId: string, stageId: string) => `stageHours#${pipelineId}#${stageId}`,
  stageExits: (pipelineId: string, stageId: string) => `stageExits#${pipelineId}#${stageId}`,
  activities: (userId: string) => `activities#${userId}`,
} as const;

type Image = Readonly<Record<string, unknown>>;

const add = (into: MonthDeltas, month: string, attribute: string, n: number) => {
  if (n === 0) return;
  let m = into.get(month);
  if (!m) {
    m = new Map();
    into.set(month, m);
  }
  m.set(attribute, (m.get(attribute) ?? 0) + n);
};

type Visit = { pipelineId?: string; stageId: string; enteredAt: string; leftAt?: string };

/** What one deal item adds to the monthly aggregates, as it is (sign +1) or was (−1). */
export const dealContributions = (
  image: Image | undefined,
  timeZone: string,
  sign: 1 | -1,
  into: MonthDeltas,
) => {
  if (image?.entity !== 'deal') return;
  const ownerId = String(image.ownerId ?? '');
  const pipelineId = String(image.pipelineId ?? '');
  const stageId = String(image.stageId ?? '');
  const value = image.value as { amount?: number; currency?: string } | undefined;
  const amount = typeof value?.amount === 'number' ? value.amount : 0;
  const currency = typeof value?.currency === 'string' ? value.currency : 'XXX';
  const status = image.status;
  if (status === 'open' && typeof image.expectedCloseDate === 'string') {
    const month = image.expectedCloseDate.slice(0, 7);
    add(into, month, salesAttributes.open(pipelineId, stageId, ownerId, currency), sign * amount);
    add(into, month, salesAttributes.openCount(pipelineId, stageId, ownerId), sign);
  }
  if ((status === 'won' || status === 'lost') && typeof image.closedAt === 'string') {
    const month = monthOf(image.closedAt, timeZone);
    if (status === 'won') {
      add(into, month, salesAttributes.won(ownerId, currency), sign * amount);
      add(into, month, salesAttributes.wonCount(ownerId), sign);
    } else add(into, month, salesAttributes.lostCount(ownerId), sign);
  }
  for (const visit of (Array.isArray(image.stageHistory) ? image.stageHistory : []) as Visit[]) {
    const pipeline = visit.pipelineId ?? pipelineId;
    add(into, monthOf(visit.enteredAt, timeZone), salesAttributes.entered(pipeline, visit.stageId), sign);
    if (visit.leftAt) {
      const month = monthOf(visit.leftAt, timeZone);
      const hours = Math.max(
        0,
        Math.round((Date.parse(visit.leftAt) - Date.parse(visit.enteredAt)) / 3_600_000),
      );
      add(into, month, salesAttributes.stageHours(pipeline, visit.stageId), sign * hours);
      add(into, month, salesAttributes.stageExits(pipeline, visit.stageId), sign);
    }
  }
};

/** Logged activities (calls, meetings, e-mails) and notes: one for the author in the month of `at`. */
export const activityContributions = (
  image: Image | undefined,
  timeZone: string,
  sign: 1 | -1,
  into: MonthDeltas,
) => {
  if (!image || (image.entity !== 'activity' && image.entity !== 'note') || image.deletedAt) return;
  if (typeof image.at !== 'string' || typeof image.authorId !== 'string') return;
  add(into, monthOf(image.at, timeZone), salesAttributes.activities(image.authorId), sign);
};

/** after − before of one change, per month and attribute; zero moves left out. */
export const salesDeltas = (
  oldImage: Image | undefined,
  newImage: Image | undefined,
  timeZone: string,
): MonthDeltas => {
  const deltas: MonthDeltas = new Map();
  dealContributions(oldImage, timeZone, -1, deltas);
  dealContributions(newImage, timeZone, 1, deltas);
  activityContributions(oldImage, timeZone, -1, deltas);
  activityContributions(newImage, timeZone, 1, deltas);
  for (const [month, m] of deltas) {
    for (const [attribute, n] of m) if (n === 0) m.delete(attribute);
    if (m.size === 0) deltas.delete(month);
  }
  return deltas;
};

/** The attributes an activity's or note's count reads from a stream image. */
export const activityImageAttributes = ['entity', 'authorId', 'at', 'deletedAt'] as const;

/** The attributes a deal's aggregates read from a stream image (the rest is never converted). */
export const salesImageAttributes = [
  'entity',
  'ownerId',
  'pipelineId',
  'stageId',
  'value',
  'status',
  'expectedCloseDate',
  'closedAt',
  'stageHistory',
] as const;

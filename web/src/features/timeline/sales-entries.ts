// What the timeline says of sales: a call, meeting or e-mail («Анна Смирнова: исходящий звонок» with
// «7 мин · Разговор состоялся» and the note), a deal's history («Сделка «Поставка серверов» перешла на
// этап «Встреча»», won, lost with its reason, reopened, changed) and a quote's («Анна Смирнова создала
// коммерческое предложение КП-2026-0001», «КП КП-2026-0001 отправлено на buyer@…»). Pure: the context
// brings names of people, stages and deals, and the formatters.
import type { ActivityDetails, FieldChange, TimelineEntry } from '../../api/activity.ts';
import { dealHref } from '../deals/deal-format.ts';
import { isEmptyValue } from '../records/field-values.ts';
import type { ChangeLine, DescribeContext, EntryText, Gender } from './timeline-text.ts';

type Base = Pick<EntryText, 'actor' | 'changes' | 'contact'>;

const obj = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

const dateTime = (ctx: DescribeContext, iso: string) => (ctx.formatDateTime ?? ctx.formatDate)(iso);
const time = (ctx: DescribeContext, iso: string) => (ctx.formatTime ?? ctx.formatDate)(iso);

const verb = (key: string, gender: Gender, ctx: DescribeContext): string =>
  ctx.lookup(`timeline.verbs.${key}.${gender}`) ?? key;

/** 420 → «7 мин», 270 → «4 мин 30 с», 45 → «45 с». */
export const formatDuration = (seconds: number, ctx: Pick<DescribeContext, 't'>): string => {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  if (minutes === 0) return ctx.t('activities.timeline.durationSeconds', { seconds: rest });
  return rest === 0
    ? ctx.t('activities.timeline.durationMinutes', { minutes })
    : ctx.t('activities.timeline.durationBoth', { minutes, seconds: rest });
};

export const describeActivity = (
  entry: TimelineEntry,
  activity: ActivityDetails,
  ctx: DescribeContext,
  base: Base,
): EntryText => {
  const { actor } = base;
  const body = activity.notes ? { body: activity.notes } : {};
  if (activity.kind === 'call' && activity.call) {
    const call = activity.call;
    const outcome = ctx.lookup(`activities.outcomes.${call.outcome}`) ?? call.outcome;
    return {
      ...base,
      icon: 'phone',
      tone: call.outcome === 'connected' ? 'success' : 'neutral',
      title: ctx.t(
        call.direction === 'inbound'
          ? 'activities.timeline.call.inbound'
          : 'activities.timeline.call.outbound',
        { actor },
      ),
      detail: [call.durationSeconds > 0 ? formatDuration(call.durationSeconds, ctx) : '', outcome]
        .filter(Boolean)
        .join(' · '),
      ...body,
    };
  }
  if (activity.kind === 'meeting' && activity.meeting) {
    const meeting = activity.meeting;
    // The entry's own line already gives the start's date and time.
    const sameDay = ctx.formatDate(entry.at) === ctx.formatDate(meeting.endAt);
    const when = meeting.endAt
      ? ctx.t('activities.timeline.meetingTime', {
          start: sameDay ? time(ctx, entry.at) : dateTime(ctx, entry.at),
          end: sameDay ? time(ctx, meeting.endAt) : dateTime(ctx, meeting.endAt),
        })
      : '';
    return {
      ...base,
      icon: 'users',
      tone: 'accent',
      title: ctx.t('activities.timeline.meeting', { actor, title: meeting.title }),
      detail: [when, meeting.place ?? ''].filter(Boolean).join(' · '),
      ...body,
    };
  }
  if (activity.kind === 'email' && activity.email) {
    const email = activity.email;
    const subject = email.subject.trim() || ctx.t('activities.timeline.noSubject');
    const text = email.body.trim();
    return {
      ...base,
      icon: 'mail',
      tone: 'accent',
      title: ctx.t(
        email.direction === 'inbound'
          ? 'activities.timeline.email.inbound'
          : 'activities.timeline.email.outbound',
        { actor, subject },
      ),
      ...(text ? { body: text.length > 1200 ? `${text.slice(0, 1199)}…` : text } : {}),
    };
  }
  return {
    ...base,
    icon: 'activity',
    tone: 'neutral',
    title: ctx.t('activities.timeline.unknown', { actor }),
    ...body,
  };
};

const changeOf = (entry: TimelineEntry, field: string): FieldChange | undefined =>
  entry.changes.find((c) => c.field === field);

const text = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

/** A deal's field value as people read it. */
const dealValue = (field: string, value: unknown, ctx: DescribeContext): string => {
  if (isEmptyValue(value)) return ctx.t('records.empty');
  switch (field) {
    case 'value': {
      const money = obj(value);
      return typeof money.amount === 'number' && typeof money.currency === 'string'
        ? ctx.formatMoney(money.amount, money.currency)
        : ctx.t('records.empty');
    }
    case 'expectedCloseDate':
      return /^\d{4}-\d{2}-\d{2}$/.test(String(value)) ? ctx.formatDate(`${value}T12:00:00Z`) : String(value);
    case 'closedAt':
      return dateTime(ctx, String(value));
    case 'ownerId':
      return ctx.userName(String(value)) ?? ctx.t('records.unknownUser');
    case 'stageId':
      return ctx.stageName?.(String(value)) ?? String(value);
    case 'pipelineId':
      return ctx.pipelineName?.(String(value)) ?? String(value);
    case 'status':
      return ctx.lookup(`deals.status.${String(value)}`) ?? String(value);
    case 'lostReason':
      return ctx.lookup(`deals.lostReasons.${String(value)}`) ?? String(value);
    case 'source':
      return ctx.lookup(`records.sources.${String(value)}`) ?? String(value);
    case 'contacts':
      return ctx.tp('salesTimeline.contacts', Array.isArray(value) ? value.length : 0);
    case 'lines':
      return ctx.tp('salesTimeline.lines', Array.isArray(value) ? value.length : 0);
    case 'totals': {
      const totals = obj(value);
      return typeof totals.total === 'number' && typeof totals.currency === 'string'
        ? ctx.formatMoney(totals.total, totals.currency)
        : ctx.t('records.empty');
    }
    case 'validUntil':
      return /^\d{4}-\d{2}-\d{2}$/.test(String(value)) ? ctx.formatDate(`${value}T12:00:00Z`) : String(value);
    default: {
      const plain = typeof value === 'string' ? value : JSON.stringify(value);
      return plain.length > 80 ? `${plain.slice(0, 79)}…` : plain;
    }
  }
};

/** Fields a person cannot read as a value (ids of other records, internal bookkeeping). */
const unreadable = new Set([
  'companyId',
  'priceListId',
  'stageEnteredAt',
  'stageHistory',
  'dealId',
  'contact',
]);

const salesChangeLines = (changes: readonly FieldChange[], ctx: DescribeContext): ChangeLine[] =>
  changes
    .filter((c) => !unreadable.has(c.field))
    .map((c) => ({
      field: c.field,
      label: ctx.lookup(`salesTimeline.fields.${c.field}`) ?? c.field,
      from: dealValue(c.field, c.from, ctx),
      to: dealValue(c.field, c.to, ctx),
    }));

export const describeDeal = (
  entry: TimelineEntry,
  ctx: DescribeContext,
  base: Base,
  gender: Gender,
): EntryText => {
  const { actor } = base;
  const dealId = entry.subjects.find((s) => s.type === 'deal')?.id ?? '';
  const here = ctx.subjectType === 'deal' && ctx.subjectId === dealId;
  const titleChange = changeOf(entry, 'title');
  const title = here
    ? undefined
    : (text(titleChange?.to) ?? text(titleChange?.from) ?? (dealId ? ctx.dealTitle?.(dealId) : undefined));
  const named = title !== undefined;
  const link =
    !here && dealId ? { link: { href: dealHref(dealId), label: ctx.t('salesTimeline.openDeal') } } : {};
  const common = { ...base, ...link };

  if (entry.action === 'created') {
    const value = changeOf(entry, 'value');
    const stage = changeOf(entry, 'stageId');
    return {
      ...common,
      icon: 'briefcase',
      tone: 'success',
      title: named
        ? ctx.t('salesTimeline.dealCreated', { actor, verb: verb('created', gender, ctx), title })
        : ctx.t('salesTimeline.dealCreatedHere', { actor, verb: verb('created', gender, ctx) }),
      detail: [
        value ? dealValue('value', value.to, ctx) : '',
        stage ? dealValue('stageId', stage.to, ctx) : '',
      ]
        .filter(Boolean)
        .join(' · '),
    };
  }
  if (entry.action === 'deleted') {
    return {
      ...common,
      icon: 'trash',
      tone: 'danger',
      title: named
        ? ctx.t('salesTimeline.dealDeleted', { actor, verb: verb('deleted', gender, ctx), title })
        : ctx.t('salesTimeline.dealDeletedHere', { actor, verb: verb('deleted', gender, ctx) }),
    };
  }
  const status = changeOf(entry, 'status');
  if (status?.to === 'won')
    return {
      ...common,
      icon: 'check',
      tone: 'success',
      by: actor,
      title: named ? ctx.t('salesTimeline.dealWon', { title }) : ctx.t('salesTimeline.dealWonHere'),
    };
  if (status?.to === 'lost') {
    const reason = dealValue('lostReason', changeOf(entry, 'lostReason')?.to, ctx);
    const note = text(changeOf(entry, 'lostNote')?.to);
    return {
      ...common,
      icon: 'close',
      tone: 'danger',
      by: actor,
      title: named
        ? ctx.t('salesTimeline.dealLost', { title, reason })
        : ctx.t('salesTimeline.dealLostHere', { reason }),
      ...(note ? { body: note } : {}),
    };
  }
  if (status?.to === 'open')
    return {
      ...common,
      icon: 'refresh',
      tone: 'accent',
      by: actor,
      title: named ? ctx.t('salesTimeline.dealReopened', { title }) : ctx.t('salesTimeline.dealReopenedHere'),
    };
  const stage = changeOf(entry, 'stageId');
  if (stage) {
    const name = dealValue('stageId', stage.to, ctx);
    const rest = salesChangeLines(
      entry.changes.filter((c) => c.field !== 'stageId' && c.field !== 'pipelineId'),
      ctx,
    );
    return {
      ...common,
      icon: 'arrowRight',
      tone: 'accent',
      by: actor,
      title: named
        ? ctx.t('salesTimeline.dealStage', { title, stage: name })
        : ctx.t('salesTimeline.dealStageHere', { stage: name }),
      changes: rest,
    };
  }
  return {
    ...common,
    icon: 'edit',
    tone: 'neutral',
    title: named
      ? ctx.t('salesTimeline.dealChanged', { actor, verb: verb('updated', gender, ctx), title })
      : ctx.t('salesTimeline.dealChangedHere', { actor, verb: verb('updated', gender, ctx) }),
    changes: salesChangeLines(entry.changes, ctx),
  };
};

export const describeQuote = (
  entry: TimelineEntry,
  ctx: DescribeContext,
  base: Base,
  gender: Gender,
): EntryText => {
  const { actor } = base;
  const quoteId = entry.subjects.find((s) => s.type === 'quote')?.id ?? '';
  const number = text(changeOf(entry, 'number')?.to) ?? (quoteId ? ctx.quoteNumber?.(quoteId) : undefined);
  const dealId = text(changeOf(entry, 'dealId')?.to);
  const here = ctx.subjectType === 'deal' && ctx.subjectId === dealId;
  const link =
    dealId && !here ? { link: { href: dealHref(dealId), label: ctx.t('salesTimeline.openDeal') } } : {};
  if (entry.action === 'sent') {
    const sentTo = changeOf(entry, 'sentTo')?.to;
    const last = Array.isArray(sentTo) ? obj(sentTo.at(-1)) : {};
    const email = text(last.email);
    return {
      ...base,
      ...link,
      icon: 'send',
      tone: 'success',
      by: actor,
      title: email
        ? number
          ? ctx.t('salesTimeline.quoteSent', { number, email })
          : ctx.t('salesTimeline.quoteSentUnnumbered', { email })
        : ctx.t('salesTimeline.quoteSentPlain'),
    };
  }
  if (entry.action === 'created') {
    const totals = changeOf(entry, 'totals');
    return {
      ...base,
      ...link,
      icon: 'note',
      tone: 'accent',
      title: number
        ? ctx.t('salesTimeline.quoteCreated', { actor, verb: verb('created', gender, ctx), number })
        : ctx.t('salesTimeline.quoteCreatedUnnumbered', { actor, verb: verb('created', gender, ctx) }),
      ...(totals ? { detail: dealValue('totals', totals.to, ctx) } : {}),
    };
  }
  return {
    ...base,
    ...link,
    icon: 'edit',
    tone: 'neutral',
    title: number
      ? ctx.t('salesTimeline.quoteChanged', { actor, verb: verb('updated', gender, ctx), number })
      : ctx.t('salesTimeline.quoteCreatedUnnumbered', { actor, verb: verb('updated', gender, ctx) }),
    changes: salesChangeLines(entry.changes, ctx),
  };
};

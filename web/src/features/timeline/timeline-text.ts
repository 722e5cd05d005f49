// What a timeline entry says, in the user's language: «Анна Смирнова изменила стадию: Лид → Клиент»,
// «Импортировано из файла clients.csv пользователем Игорь Петров». Russian verbs agree with the
// actor's gender, guessed from the name (unknown → «изменил(а)»). Values are shown as users know them:
// stage names, owners' names, formatted phones, custom-field labels and options. Calls, meetings,
// e-mails, deals and quotes are told by sales-entries.ts.
import type { FieldChange, TimelineEntry, TimelineType } from '../../api/activity.ts';
import type { CustomField } from '../../api/custom-fields.ts';
import { formatPhone } from '../../format/phone.ts';
import type { Translator } from '../../i18n/translate.ts';
import type { IconName } from '../../ui/icon.tsx';
import { formatCustomValue, isEmptyValue as isEmpty } from '../records/field-values.ts';
import { describeActivity, describeDeal, describeQuote } from './sales-entries.ts';

export type Gender = 'male' | 'female' | 'other';

const maleNamesInA = new Set([
  'никита',
  'илья',
  'кузьма',
  'фома',
  'лука',
  'савва',
  'данила',
  'гаврила',
  'миша',
  'паша',
  'гриша',
  'дима',
  'ваня',
  'петя',
  'вова',
  'лёва',
  'лева',
]);

/** A guess good enough for verb agreement: surname endings first, then the first name. */
export const guessGender = (fullName: string): Gender => {
  const words = fullName
    .toLocaleLowerCase('ru')
    .split(/\s+/)
    .filter((w) => /^[а-яё-]+$/.test(w));
  if (words.length === 0) return 'other';
  for (const word of words) {
    if (/(ова|ева|ёва|ина|ына|ская|цкая|ая)$/.test(word) && word.length > 4) return 'female';
    if (/(ов|ев|ёв|ин|ын|ский|цкий|ой)$/.test(word) && word.length > 3) return 'male';
    if (/(овна|евна|ична|инична)$/.test(word)) return 'female';
    if (/(ович|евич|ич)$/.test(word)) return 'male';
  }
  const first = words[0] as string;
  if (maleNamesInA.has(first)) return 'male';
  return /[ая]$/.test(first) ? 'female' : 'male';
};

export type DescribeContext = Pick<Translator, 't' | 'tp' | 'lookup'> & {
  userName: (id: string) => string | undefined;
  customFields: readonly CustomField[];
  locale: 'ru' | 'en';
  /** Dates as the tenant reads them. */
  formatDate: (iso: string) => string;
  /** Date and time, and the time alone (meetings); the date stands in where they are not given. */
  formatDateTime?: (iso: string) => string;
  formatTime?: (iso: string) => string;
  formatMoney: (minorUnits: number, currency: string) => string;
  formatNumber: (value: number) => string;
  /** The record the timeline belongs to. */
  subjectType: TimelineType;
  subjectId?: string;
  /** Names of pipeline stages and pipelines, deal titles and quote numbers, when known. */
  stageName?: (id: string) => string | undefined;
  pipelineName?: (id: string) => string | undefined;
  dealTitle?: (id: string) => string | undefined;
  quoteNumber?: (id: string) => string | undefined;
};

export type ChangeLine = { field: string; label: string; from: string; to: string };

export type EntryText = {
  icon: IconName;
  tone: 'neutral' | 'accent' | 'success' | 'danger';
  actor: string;
  title: string;
  /** One line per changed field when there is more than one. */
  changes: ChangeLine[];
  /** A note's text, a call's note, an e-mail's text. */
  body?: string;
  /** A line of particulars under the title: a call's duration and outcome, a meeting's time and place. */
  detail?: string;
  /** Who did it, when the title does not say (a deal's move). */
  by?: string;
  /** The contact an entry on a company's timeline is about, to link to. */
  contact?: { id: string; name?: string };
  /** Another page the entry is about (its deal). */
  link?: { href: string; label: string };
};

const clip = (text: string, max = 80): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

const obj = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

/** One value of a record field as a person reads it. */
export const formatFieldValue = (field: string, value: unknown, ctx: DescribeContext): string => {
  if (isEmpty(value)) return ctx.t('records.empty');
  const list = Array.isArray(value) ? value : [value];
  switch (field) {
    case 'lifecycleStage':
      return ctx.lookup(`records.stages.${String(value)}`) ?? String(value);
    case 'leadSource':
      return ctx.lookup(`records.sources.${String(value)}`) ?? String(value);
    case 'size':
      return ctx.lookup(`records.sizes.${String(value)}`) ?? String(value);
    case 'ownerId':
      return ctx.userName(String(value)) ?? ctx.t('records.unknownUser');
    case 'phones':
      return list.map((p) => formatPhone(String(obj(p).value ?? p))).join(', ');
    case 'emails':
      return list.map((e) => String(obj(e).value ?? e)).join(', ');
    case 'addresses':
      return clip(
        list
          .map((a) => {
            const address = obj(a);
            return [address.line, address.city].filter(Boolean).join(', ');
          })
          .join('; '),
      );
    case 'messengers':
      return list.map((m) => `${String(obj(m).kind ?? '')}: ${String(obj(m).handle ?? '')}`).join(', ');
    case 'tags':
      return list.map(String).join(', ');
    case 'marketingConsent':
      return ctx.lookup(`records.consent.${String(obj(value).status)}`) ?? String(obj(value).status);
    case 'birthday':
      return /^\d{4}-\d{2}-\d{2}$/.test(String(value))
        ? ctx.formatDate(String(value))
        : String(value).replace(/^--/, '');
    default:
      return clip(typeof value === 'string' ? value : JSON.stringify(value));
  }
};

/** Changes as lines; a change of the custom-field map becomes one line per changed field. */
export const changeLines = (changes: readonly FieldChange[], ctx: DescribeContext): ChangeLine[] =>
  changes.flatMap((change): ChangeLine[] => {
    if (change.field === 'customFields' || change.field.startsWith('customFields.')) {
      const single = change.field.startsWith('customFields.')
        ? change.field.slice('customFields.'.length)
        : undefined;
      const from = single ? { [single]: change.from } : obj(change.from);
      const to = single ? { [single]: change.to } : obj(change.to);
      const keys = [...new Set([...Object.keys(from), ...Object.keys(to)])].filter(
        (key) => JSON.stringify(from[key]) !== JSON.stringify(to[key]),
      );
      return keys.map((key) => {
        const definition = ctx.customFields.find((f) => f.key === key);
        return {
          field: `customFields.${key}`,
          label: ctx.t('timeline.customField', { label: definition?.label[ctx.locale] ?? key }),
          from: formatCustomValue(definition, from[key], ctx),
          to: formatCustomValue(definition, to[key], ctx),
        };
      });
    }
    return [
      {
        field: change.field,
        label: ctx.lookup(`timeline.fields.${change.field}`) ?? change.field,
        from: formatFieldValue(change.field, change.from, ctx),
        to: formatFieldValue(change.field, change.to, ctx),
      },
    ];
  });

const verb = (key: string, gender: Gender, ctx: DescribeContext): string =>
  ctx.lookup(`timeline.verbs.${key}.${gender}`) ?? key;

/** The sentence, icon and details of one entry. */
export const describeEntry = (entry: TimelineEntry, ctx: DescribeContext): EntryText => {
  const known = entry.actorName ?? (entry.actorId ? ctx.userName(entry.actorId) : undefined);
  const actor = known ?? ctx.t('timeline.someone');
  const gender = known ? guessGender(known) : 'other';
  const contact =
    entry.related?.type === 'contact' && ctx.subjectType === 'company' && entry.related.id
      ? { id: entry.related.id, ...(entry.related.name ? { name: entry.related.name } : {}) }
      : undefined;
  const what = contact
    ? contact.name
      ? ctx.t('timeline.what.contactNamed', { name: contact.name })
      : ctx.t('timeline.what.contact')
    : (ctx.lookup(`timeline.what.${ctx.subjectType}`) ?? '');
  const base = { actor, changes: [] as ChangeLine[], ...(contact ? { contact } : {}) };
  const action = entry.action ?? (entry.kind === 'audit' ? 'updated' : undefined);

  if (entry.kind === 'activity' && entry.activity) return describeActivity(entry, entry.activity, ctx, base);
  if (entry.auditSubject === 'deal') return describeDeal(entry, ctx, base, gender);
  if (entry.auditSubject === 'quote') return describeQuote(entry, ctx, base, gender);

  if (entry.kind === 'note') {
    return {
      ...base,
      icon: 'note',
      tone: 'accent',
      title: ctx.t('timeline.note', { actor, verb: verb('noted', gender, ctx) }),
      ...(entry.text ? { body: entry.text } : {}),
    };
  }
  if (entry.kind === 'import' || action === 'imported') {
    return {
      ...base,
      icon: 'upload',
      tone: 'neutral',
      title: entry.fileName
        ? ctx.t('timeline.imported', { file: entry.fileName, actor })
        : ctx.t('timeline.importedNoFile', { actor }),
    };
  }
  if (entry.kind === 'merge' || action === 'merged') {
    const other = entry.related && entry.related.id !== ctx.subjectId ? entry.related.name : undefined;
    return {
      ...base,
      icon: 'merge',
      tone: 'accent',
      title: other
        ? ctx.t('timeline.merged', { actor, verb: verb('merged', gender, ctx), name: other })
        : ctx.t('timeline.mergedUnnamed', { actor, verb: verb('merged', gender, ctx) }),
      // What the survivor took over from the duplicate.
      changes: changeLines(
        entry.changes.filter((c) => c.field !== 'mergedInto'),
        ctx,
      ),
    };
  }
  // History that came over from a merged duplicate stays on the timeline, marked as such.
  const fromDuplicate =
    !contact &&
    entry.related?.type === ctx.subjectType &&
    ctx.subjectId !== undefined &&
    entry.related.id !== ctx.subjectId
      ? ctx.t('timeline.fromDuplicate')
      : '';
  if (entry.kind === 'audit' || action) {
    const about = contact
      ? contact.name
        ? ctx.t('timeline.aboutContact', { name: contact.name })
        : ctx.t('timeline.aboutContactUnnamed')
      : '';
    switch (action) {
      case 'created':
        return {
          ...base,
          icon: 'plus',
          tone: 'success',
          title: `${ctx.t('timeline.created', { actor, verb: verb('created', gender, ctx), what })}${fromDuplicate}`,
        };
      case 'deleted':
        return {
          ...base,
          icon: 'trash',
          tone: 'danger',
          title: `${ctx.t('timeline.deleted', { actor, verb: verb('deleted', gender, ctx), what })}${about}`,
        };
      case 'restored':
        return {
          ...base,
          icon: 'refresh',
          tone: 'success',
          title: `${ctx.t('timeline.restored', { actor, verb: verb('restored', gender, ctx), what })}${about}`,
        };
      default: {
        const lines = changeLines(entry.changes, ctx);
        const first = lines[0];
        if (lines.length === 1 && first) {
          return {
            ...base,
            icon: 'edit',
            tone: 'neutral',
            title: `${ctx.t('timeline.changedOne', {
              actor,
              verb: verb('updated', gender, ctx),
              field: first.label,
              from: first.from,
              to: first.to,
            })}${about}${fromDuplicate}`,
          };
        }
        return {
          ...base,
          icon: 'edit',
          tone: 'neutral',
          title: `${ctx.tp('timeline.changedMany', Math.max(lines.length, 1), { actor, verb: verb('updated', gender, ctx) })}${about}${fromDuplicate}`,
          changes: lines,
        };
      }
    }
  }
  return {
    ...base,
    icon: 'activity',
    tone: 'neutral',
    title: ctx.t('timeline.unknown', { actor, kind: entry.kind }),
    ...(entry.text ? { body: entry.text } : {}),
  };
};

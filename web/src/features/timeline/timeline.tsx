// The timeline of a company, contact or deal (Лента событий), newest first, read by cursor as it
// scrolls; the note box above it, and the buttons that log a call, a meeting or an e-mail. Entries are
// projected from events a moment after the write, so a new note or activity shows at once as
// "pending" and the first page is re-read until the projection has it.
import { A } from '@solidjs/router';
import {
  createEffect,
  createMemo,
  createResource,
  createSignal,
  For,
  on,
  onCleanup,
  onMount,
  Show,
} from 'solid-js';
import type { Activity, ActivityKind, ActivityLinks } from '../../api/activities.ts';
import { type TimelineEntry, type TimelineType, toTimelineEntry } from '../../api/activity.ts';
import { api } from '../../api/client.ts';
import type { RecordType } from '../../api/records.ts';
import { isoToZonedLocal, zonedLocalToIso } from '../../format/zoned.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { Button } from '../../ui/button.tsx';
import { Checkbox, TextAreaField } from '../../ui/choice-fields.tsx';
import { Alert } from '../../ui/feedback.tsx';
import { TextField } from '../../ui/field.tsx';
import { Icon } from '../../ui/icon.tsx';
import { loaded } from '../../ui/resource.ts';
import { useToast } from '../../ui/toast.tsx';
import { LogActivityButtons } from '../activities/log-activity-buttons.tsx';
import { LogActivityDialog } from '../activities/log-activity-dialog.tsx';
import { customFieldsOf } from '../custom-fields/definitions.ts';
import { recordHref } from '../records/record-links.ts';
import { linkName } from '../tasks/link-names.ts';
import { staffName } from '../users/staff.ts';
import { describeEntry } from './timeline-text.ts';

const pageSize = 30;

export type TimelineProps = {
  type: TimelineType;
  id: string;
  /** Notes are for companies and contacts. */
  canAddNote: boolean;
  /** Logging calls, meetings and e-mails here (as notes when not given). */
  canLogActivities?: boolean;
  /** The records an activity logged here is linked to (by default the timeline's own record). */
  activityLinks?: ActivityLinks;
  /** The record's name: a contact's card shows its contact among an activity's participants. */
  recordName?: string;
  /** The record's updatedAt: when it moves (a save here or elsewhere), the newest entries are re-read. */
  changedAt: string;
  actorName: string;
  actorId: string;
};

/** An entry shown before its projection arrives; `awaits` is the source id the timeline will have. */
type Pending = TimelineEntry & { pending: true; awaits: string };

export const Timeline = (props: TimelineProps) => {
  const i18n = useI18n();
  const { t, fmt } = i18n;
  const toast = useToast();
  const [entries, setEntries] = createSignal<TimelineEntry[]>([]);
  const [pending, setPending] = createSignal<Pending[]>([]);
  const [cursor, setCursor] = createSignal<string>();
  const [done, setDone] = createSignal(false);
  const [loading, setLoading] = createSignal(false);
  const [error, setError] = createSignal<unknown>();
  let sentinel: HTMLDivElement | undefined;
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(refreshTimer));

  const merge = (fresh: readonly TimelineEntry[], older: readonly TimelineEntry[]) => {
    const seen = new Set<string>();
    return [...fresh, ...older]
      .filter((entry) => !seen.has(entry.id) && Boolean(seen.add(entry.id)))
      .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  };

  const loadMore = async () => {
    if (loading() || done()) return;
    setLoading(true);
    setError(undefined);
    try {
      const page = await api().activity.timeline(props.type, props.id, { cursor: cursor(), limit: pageSize });
      setEntries((list) => merge(list, page.items));
      setCursor(page.nextCursor);
      setDone(!page.nextCursor);
    } catch (cause) {
      setError(cause);
    } finally {
      setLoading(false);
    }
  };

  /** After a save: the entries known then, and (about) when the change was written. */
  let since: { at: string; known: ReadonlySet<string> } | undefined;
  const arrivedSince = () =>
    since === undefined ||
    entries().some((e) => !since?.known.has(e.id) && (e.recordedAt ?? e.at) >= (since?.at ?? ''));
  /** Re-reads the newest page; repeats while a pending note or the entry of a save has not arrived. */
  const refresh = async (attempt = 0) => {
    clearTimeout(refreshTimer);
    try {
      const page = await api().activity.timeline(props.type, props.id, { limit: pageSize });
      setEntries((list) => merge(page.items, list));
      if (entries().length <= page.items.length) {
        setCursor(page.nextCursor);
        setDone(!page.nextCursor);
      }
      const arrived = new Set(page.items.flatMap((e) => [e.id, ...(e.noteId ? [`note#${e.noteId}`] : [])]));
      setPending((list) => list.filter((p) => !arrived.has(p.awaits)));
    } catch {
      // The next attempt or the user's scroll will try again.
    }
    if (arrivedSince()) since = undefined;
    if ((pending().length > 0 || !arrivedSince()) && attempt < 20)
      refreshTimer = setTimeout(() => void refresh(attempt + 1), 1000);
  };

  onMount(() => {
    void loadMore();
    if (!sentinel) return;
    const observer = new IntersectionObserver((items) => {
      if (items.some((item) => item.isIntersecting)) void loadMore();
    });
    observer.observe(sentinel);
    onCleanup(() => observer.disconnect());
  });

  createEffect(
    on(
      () => props.changedAt,
      (at) => {
        // The change's audit entry is recorded at the record's updatedAt (the same write).
        since = {
          at,
          known: new Set(entries().map((e) => e.id)),
        };
        void refresh();
      },
      { defer: true },
    ),
  );

  // Stage and pipeline names for deal entries, read once the timeline shows one.
  const [pipelines] = createResource(
    () => entries().some((e) => e.auditSubject === 'deal') || undefined,
    () => api().deals.pipelines(),
  );
  const stages = createMemo(
    () => new Map((loaded(pipelines) ?? []).flatMap((p) => p.stages.map((s) => [s.id, s.name] as const))),
  );
  // A quote's "sent" entry names it by the number its "created" entry carries.
  const quoteNumbers = createMemo(
    () =>
      new Map(
        entries().flatMap((e) => {
          const number = e.changes.find((c) => c.field === 'number')?.to;
          const quote = e.subjects.find((s) => s.type === 'quote');
          return e.auditSubject === 'quote' && quote && typeof number === 'string'
            ? [[quote.id, number] as const]
            : [];
        }),
      ),
  );

  const context = () => ({
    ...i18n,
    userName: (id: string) => (id === props.actorId ? props.actorName : staffName(id)),
    customFields: props.type === 'deal' ? [] : customFieldsOf(props.type),
    locale: i18n.locale(),
    formatDate: (iso: string) => fmt.date(iso),
    formatDateTime: (iso: string) => fmt.dateTime(iso),
    formatTime: (iso: string) => fmt.time(iso),
    formatMoney: (amount: number, currency: string) => fmt.money(amount, currency),
    formatNumber: (n: number) => fmt.number(n),
    subjectType: props.type,
    subjectId: props.id,
    stageName: (id: string) => stages().get(id),
    pipelineName: (id: string) => loaded(pipelines)?.find((p) => p.id === id)?.name,
    dealTitle: (id: string) => linkName('deal', id) ?? undefined,
    quoteNumber: (id: string) => quoteNumbers().get(id),
  });

  const [logging, setLogging] = createSignal<ActivityKind>();
  const canLog = () => props.canLogActivities ?? props.canAddNote;
  const activityLinks = (): ActivityLinks =>
    props.activityLinks ??
    (props.type === 'company'
      ? { companyId: props.id }
      : props.type === 'contact'
        ? { contactIds: [props.id] }
        : { dealId: props.id });
  const logged = (activity: Activity) => {
    setLogging(undefined);
    const entry = toTimelineEntry({
      kind: 'activity',
      id: `pending:activity#${activity.id}`,
      at: activity.at,
      backdated: activity.backdated,
      actorId: activity.authorId,
      actorName: props.actorName,
      activity,
    });
    setPending((list) => [{ ...entry, pending: true, awaits: `activity#${activity.id}` }, ...list]);
    toast.show(t(`activities.logged.${activity.kind}`));
    void refresh();
  };

  // On the survivor's timeline the duplicate's own "merged into" entry says nothing new.
  const shown = () => [
    ...[...pending()].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)),
    ...entries().filter(
      (e) =>
        !(
          e.action === 'merged' &&
          e.merge &&
          e.merge.survivorId === props.id &&
          e.related?.id === e.merge.duplicateId
        ),
    ),
  ];

  return (
    <section class="timeline panel" aria-labelledby="timeline-title">
      <header class="panel__header">
        <h2 class="panel__title" id="timeline-title">
          {t('timeline.title')}
        </h2>
        <Show when={canLog()}>
          <div class="panel__actions">
            <LogActivityButtons onChoose={setLogging} />
          </div>
        </Show>
      </header>
      <div class="panel__body">
        <Show when={props.canAddNote && props.type !== 'deal'}>
          <NoteComposer
            type={props.type as RecordType}
            id={props.id}
            onAdded={(note) => {
              setPending((list) => [
                {
                  id: `pending:${note.id}`,
                  kind: 'note',
                  at: note.at,
                  backdated: note.backdated,
                  actorId: props.actorId,
                  actorName: props.actorName,
                  changes: [],
                  subjects: [{ type: props.type, id: props.id }],
                  text: note.text,
                  noteId: note.id,
                  raw: {},
                  pending: true,
                  awaits: `note#${note.id}`,
                },
                ...list,
              ]);
              toast.show(t('notes.added'));
              void refresh();
            }}
          />
        </Show>
        <ol class="timeline__list" data-testid="timeline">
          <For each={shown()}>
            {(entry) => {
              const text = () => describeEntry(entry, context());
              return (
                <li
                  class="timeline__entry"
                  classList={{ 'timeline__entry--pending': 'pending' in entry }}
                  data-kind={entry.kind}
                  data-activity={entry.activity?.kind}
                >
                  <span class={`timeline__icon timeline__icon--${text().tone}`} aria-hidden="true">
                    <Icon name={text().icon} size={14} />
                  </span>
                  <div class="timeline__content">
                    <p class="timeline__title">
                      {text().title}
                      <Show when={text().contact}>
                        {(contact) => (
                          <>
                            {' '}
                            <A href={recordHref('contact', contact().id)} class="timeline__link">
                              {t('timeline.openContact')}
                            </A>
                          </>
                        )}
                      </Show>
                      <Show when={text().link}>
                        {(link) => (
                          <>
                            {' '}
                            <A href={link().href} class="timeline__link">
                              {link().label}
                            </A>
                          </>
                        )}
                      </Show>
                    </p>
                    <Show when={text().detail}>
                      <p class="timeline__detail">{text().detail}</p>
                    </Show>
                    <p class="timeline__meta">
                      <time dateTime={entry.at}>{entry.at ? fmt.dateTime(entry.at) : ''}</time>
                      <Show when={text().by}>
                        <span class="timeline__by">{text().by}</span>
                      </Show>
                      <Show when={entry.backdated}>
                        <span
                          class="badge badge--warning timeline__backdated"
                          title={
                            entry.recordedAt
                              ? t('timeline.backdatedHint', { date: fmt.dateTime(entry.recordedAt) })
                              : undefined
                          }
                        >
                          {t('timeline.backdated')}
                        </span>
                      </Show>
                      <Show when={'pending' in entry}>
                        <span class="timeline__pending">{t('timeline.pending')}</span>
                      </Show>
                    </p>
                    <Show when={text().body}>
                      <p class="timeline__body">{text().body}</p>
                    </Show>
                    <Show when={text().changes.length > 0}>
                      <ul class="timeline__changes">
                        <For each={text().changes}>
                          {(change) => (
                            <li>
                              <span class="timeline__field">{change.label}:</span> {change.from} → {change.to}
                            </li>
                          )}
                        </For>
                      </ul>
                    </Show>
                  </div>
                </li>
              );
            }}
          </For>
        </ol>
        <Show when={error()}>
          {(cause) => (
            <Alert
              tone="danger"
              role="alert"
              action={
                <Button size="sm" icon="refresh" onClick={() => void loadMore()}>
                  {t('errors.retry')}
                </Button>
              }
            >
              {describeError(cause(), i18n).message}
            </Alert>
          )}
        </Show>
        <Show when={done() && shown().length === 0 && !error()}>
          <p class="timeline__empty">{t('timeline.empty')}</p>
        </Show>
        <div ref={sentinel} class="timeline__sentinel">
          <Show when={loading()}>
            <span class="grid-tail" role="status">
              <span class="spinner spinner--sm" aria-hidden="true" />
              {t('timeline.loading')}
            </span>
          </Show>
          <Show when={!loading() && !done() && !error() && entries().length > 0}>
            <Button size="sm" variant="ghost" onClick={() => void loadMore()}>
              {t('timeline.loadMore')}
            </Button>
          </Show>
          <Show when={done() && entries().length > 5}>
            <p class="timeline__end">{t('timeline.end')}</p>
          </Show>
        </div>
      </div>
      <LogActivityDialog
        kind={logging()}
        links={activityLinks()}
        fixedContacts={
          props.type === 'contact' && props.recordName ? [{ id: props.id, name: props.recordName }] : []
        }
        onClose={() => setLogging(undefined)}
        onLogged={logged}
      />
    </section>
  );
};

type AddedNote = { id: string; text: string; at: string; backdated: boolean };

const NoteComposer = (props: { type: RecordType; id: string; onAdded: (note: AddedNote) => void }) => {
  const i18n = useI18n();
  const { t } = i18n;
  const [text, setText] = createSignal('');
  const [backdate, setBackdate] = createSignal(false);
  const [when, setWhen] = createSignal('');
  const [errors, setErrors] = createSignal<{ text?: string; at?: string; form?: string }>({});
  const [busy, setBusy] = createSignal(false);

  const submit = async (event?: Event) => {
    event?.preventDefault();
    const problems: { text?: string; at?: string } = {};
    if (!text().trim()) problems.text = t('notes.emptyText');
    let at: string | undefined;
    if (backdate()) {
      at = zonedLocalToIso(when(), i18n.timeZone());
      if (!at) problems.at = t('records.problems.date');
      else if (Date.parse(at) > Date.now()) problems.at = t('notes.futureDate');
    }
    setErrors(problems);
    if (problems.text || problems.at) return;
    setBusy(true);
    try {
      const note = await api().activity.addNote({
        subjects: [{ type: props.type, id: props.id }],
        text: text().trim(),
        ...(at ? { at } : {}),
      });
      props.onAdded({
        id: note.id,
        text: note.text ?? text().trim(),
        at: note.at ?? at ?? new Date().toISOString(),
        backdated: Boolean(at),
      });
      setText('');
      setBackdate(false);
      setWhen('');
    } catch (cause) {
      const error = cause as { fieldMessage?: (f: string) => string | undefined };
      setErrors({
        text: error.fieldMessage?.('text'),
        at: error.fieldMessage?.('at'),
        form: describeError(cause, i18n).message,
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="note-composer" onSubmit={submit} novalidate data-testid="note-composer">
      <TextAreaField
        label={t('notes.label')}
        placeholder={t('notes.placeholder')}
        rows={3}
        maxLength={10000}
        value={text()}
        error={errors().text}
        hint={t('notes.shortcut')}
        onInput={(event) => setText(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void submit(event);
        }}
      />
      <div class="note-composer__row">
        <Checkbox
          label={t('notes.backdate')}
          checked={backdate()}
          onChange={(checked) => {
            setBackdate(checked);
            if (checked && !when()) setWhen(isoToZonedLocal(Date.now() - 24 * 3600_000, i18n.timeZone()));
          }}
        />
        <Show when={backdate()}>
          <TextField
            label={t('notes.date')}
            type="datetime-local"
            class="note-composer__date"
            max={isoToZonedLocal(Date.now(), i18n.timeZone())}
            value={when()}
            error={errors().at}
            onInput={(event) => setWhen(event.currentTarget.value)}
          />
        </Show>
        <span class="note-composer__spacer" />
        <Button type="submit" variant="primary" size="sm" icon="note" busy={busy()}>
          {busy() ? t('notes.adding') : t('notes.add')}
        </Button>
      </div>
      <Show when={errors().form && !errors().text && !errors().at}>
        <Alert tone="danger" role="alert">
          {errors().form}
        </Alert>
      </Show>
    </form>
  );
};

// The trash (Корзина): deleted companies or contacts, newest deletion first, with the date they go
// for good; restore (who could edit the record) or, for administrators, delete for good.
import { createResource, createSignal, For, onMount, Show } from 'solid-js';
import { api, recordsOf } from '../../api/client.ts';
import type { RecordType } from '../../api/records.ts';
import type { TrashItem } from '../../api/trash.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { ApiErrorState } from '../../ui/api-error-state.tsx';
import { Button } from '../../ui/button.tsx';
import { ConfirmDialog } from '../../ui/dialog.tsx';
import { EmptyState, Skeleton } from '../../ui/feedback.tsx';
import { SegmentedControl } from '../../ui/field.tsx';
import { useToast } from '../../ui/toast.tsx';
import { canRestore } from '../records/permissions.ts';
import { useActor } from '../users/actor.ts';
import { loadStaff, staffName } from '../users/staff.ts';
import '../records/records.css';
import { loaded } from '../../ui/resource.ts';

const day = 24 * 3600 * 1000;

export const TrashList = () => {
  const i18n = useI18n();
  const { t, tp, fmt } = i18n;
  const toast = useToast();
  const actor = useActor();
  const [type, setType] = createSignal<RecordType>('company');
  const [more, setMore] = createSignal<TrashItem[]>([]);
  const [cursor, setCursor] = createSignal<string>();
  const [busyId, setBusyId] = createSignal<string>();
  const [purging, setPurging] = createSignal<TrashItem>();
  const [removed, setRemoved] = createSignal<ReadonlySet<string>>(new Set());
  onMount(() => void loadStaff());

  const [page, { refetch }] = createResource(type, async (t) => {
    setMore([]);
    setRemoved(new Set<string>());
    const first = await api().trash.list({ type: t });
    setCursor(first.nextCursor);
    return first;
  });
  const items = () => [...(loaded(page)?.items ?? []), ...more()].filter((item) => !removed().has(item.id));

  const loadMore = async () => {
    const from = cursor();
    if (!from) return;
    const next = await api().trash.list({ type: type(), cursor: from });
    setMore((list) => [...list, ...next.items]);
    setCursor(next.nextCursor);
  };

  const restore = async (item: TrashItem) => {
    setBusyId(item.id);
    try {
      await recordsOf(item.type).restore(item.id, item.version);
      setRemoved((set) => new Set([...set, item.id]));
      toast.show(t('trash.restored', { name: item.name }));
    } catch (error) {
      toast.show(describeError(error, i18n).message, 'danger');
    } finally {
      setBusyId(undefined);
    }
  };

  const purge = async () => {
    const item = purging();
    if (!item) return;
    setBusyId(item.id);
    try {
      await api().trash.purge(item.type, item.id);
      setRemoved((set) => new Set([...set, item.id]));
      toast.show(t('trash.purged', { name: item.name }));
    } catch (error) {
      toast.show(describeError(error, i18n).message, 'danger');
    } finally {
      setBusyId(undefined);
      setPurging(undefined);
    }
  };

  const daysLeft = (item: TrashItem) =>
    item.expiresAt ? Math.max(0, Math.ceil((Date.parse(item.expiresAt) - Date.now()) / day)) : undefined;
  const isAdmin = () => actor().roles.includes('admin');

  return (
    <div class="form-stack">
      <SegmentedControl
        legend={t('trash.type')}
        hideLegend
        name="trash-type"
        value={type()}
        choices={[
          { value: 'company', label: t('list.companiesTitle') },
          { value: 'contact', label: t('list.contactsTitle') },
        ]}
        onChange={setType}
      />
      <Show when={!page.error} fallback={<ApiErrorState error={page.error} onRetry={() => void refetch()} />}>
        <Show when={loaded(page)} fallback={<Skeleton lines={4} label={t('common.loading')} />}>
          <Show
            when={items().length > 0}
            fallback={<EmptyState icon="trash" title={t('trash.empty')} text={t('trash.emptyText')} />}
          >
            <div class="panel">
              <table class="data-table" data-testid="trash-table">
                <caption class="sr-only">{t('trash.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('trash.name')}</th>
                    <th scope="col">{t('trash.deletedAt')}</th>
                    <th scope="col">{t('trash.deletedBy')}</th>
                    <th scope="col">{t('trash.expires')}</th>
                    <th scope="col">
                      <span class="sr-only">{t('card.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  <For each={items()}>
                    {(item) => (
                      <tr>
                        <th scope="row" class="data-table__name">
                          {item.name}
                        </th>
                        <td>{item.deletedAt ? fmt.dateTime(item.deletedAt) : ''}</td>
                        <td>{staffName(item.deletedBy) ?? ''}</td>
                        <td>
                          <Show when={daysLeft(item) !== undefined}>
                            {tp('trash.daysLeft', daysLeft(item) ?? 0)}
                          </Show>
                        </td>
                        <td class="data-table__actions">
                          <div class="row-actions">
                            <Show when={canRestore(actor())}>
                              <Button
                                size="sm"
                                icon="refresh"
                                busy={busyId() === item.id}
                                onClick={() => void restore(item)}
                                aria-label={t('trash.restoreNamed', { name: item.name })}
                              >
                                {t('trash.restore')}
                              </Button>
                            </Show>
                            <Show when={isAdmin()}>
                              <Button
                                size="sm"
                                variant="ghost"
                                class="btn--danger-text"
                                onClick={() => setPurging(item)}
                                aria-label={t('trash.purgeNamed', { name: item.name })}
                              >
                                {t('trash.purge')}
                              </Button>
                            </Show>
                          </div>
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
            <Show when={cursor()}>
              <div class="list-footer">
                <Button variant="secondary" onClick={() => void loadMore()}>
                  {t('trash.loadMore')}
                </Button>
              </div>
            </Show>
          </Show>
        </Show>
      </Show>
      <ConfirmDialog
        open={purging() !== undefined}
        title={t('trash.purge')}
        message={t('trash.purgeConfirm', { name: purging()?.name ?? '' })}
        confirmLabel={t('trash.purge')}
        cancelLabel={t('common.cancel')}
        closeLabel={t('common.close')}
        busy={busyId() === purging()?.id}
        onConfirm={() => void purge()}
        onCancel={() => setPurging(undefined)}
      />
    </div>
  );
};

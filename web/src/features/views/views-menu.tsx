// Saved views (Сохранённые фильтры) of a list: choose one, save the current filters, sort and columns
// under a name (private or for the team), save changes to one's own view, rename or delete it. Team
// views are editable by their owner, sales managers and admins — the API has the last word.
import { createMemo, createResource, createSignal, For, Show } from 'solid-js';
import { ApiError } from '../../api/api-error.ts';
import { api } from '../../api/client.ts';
import type { RecordType } from '../../api/records.ts';
import type { SavedView, ViewInput, ViewVisibility } from '../../api/views.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { Button } from '../../ui/button.tsx';
import { ConfirmDialog, Dialog } from '../../ui/dialog.tsx';
import { SegmentedControl, TextField } from '../../ui/field.tsx';
import { Icon } from '../../ui/icon.tsx';
import { Popover } from '../../ui/popover.tsx';
import { loaded } from '../../ui/resource.ts';
import { useToast } from '../../ui/toast.tsx';
import { queryKey } from '../records/list-query.ts';
import { type Actor, canEditView, isManager } from '../records/permissions.ts';

export type ViewState = Pick<SavedView, 'filters' | 'sort' | 'order' | 'columns'>;

export const viewDiffers = (view: SavedView, state: ViewState): boolean =>
  queryKey(view) !== queryKey(state) || view.columns.join() !== state.columns.join();

export type ViewsMenuProps = {
  entity: RecordType;
  actor: Actor;
  currentViewId: string | undefined;
  state: ViewState;
  onApply: (view: SavedView | undefined) => void;
  /** The views as loaded, for the page (e.g. to resolve ?view= on entry). */
  onLoaded?: (views: readonly SavedView[]) => void;
};

export const ViewsMenu = (props: ViewsMenuProps) => {
  const i18n = useI18n();
  const { t } = i18n;
  const toast = useToast();
  const [views, { refetch, mutate }] = createResource(
    () => props.entity,
    async (entity) => {
      const list = await api().views.list(entity);
      props.onLoaded?.(list);
      return list;
    },
  );
  const current = createMemo(() => loaded(views)?.find((v) => v.id === props.currentViewId));
  const modified = () => {
    const view = current();
    return view ? viewDiffers(view, props.state) : false;
  };
  const mine = () => (loaded(views) ?? []).filter((v) => v.ownerId === props.actor.userId);
  const team = () =>
    (loaded(views) ?? []).filter((v) => v.ownerId !== props.actor.userId && v.visibility === 'team');

  const [dialog, setDialog] = createSignal<'create' | 'rename' | undefined>();
  const [name, setName] = createSignal('');
  const [visibility, setVisibility] = createSignal<ViewVisibility>('private');
  const [nameError, setNameError] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  const [confirmDelete, setConfirmDelete] = createSignal(false);

  const allLabel = () => (props.entity === 'company' ? t('views.allCompanies') : t('views.allContacts'));

  const openDialog = (kind: 'create' | 'rename') => {
    setName(kind === 'rename' ? (current()?.name ?? '') : '');
    setVisibility(kind === 'rename' ? (current()?.visibility ?? 'private') : 'private');
    setNameError(undefined);
    setDialog(kind);
  };

  const fail = (error: unknown) => toast.show(describeError(error, i18n).message, 'danger');

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (!name().trim()) {
      setNameError(t('views.nameRequired'));
      return;
    }
    setBusy(true);
    try {
      if (dialog() === 'rename' && current()) {
        const view = current() as SavedView;
        const updated = await api().views.update(view.id, view.version, {
          name: name().trim(),
          visibility: visibility(),
        });
        mutate((list) => list?.map((v) => (v.id === updated.id ? updated : v)));
        toast.show(t('views.saved', { name: updated.name }));
      } else {
        const input: ViewInput = {
          entity: props.entity,
          name: name().trim(),
          visibility: visibility(),
          filters: props.state.filters,
          sort: props.state.sort,
          order: props.state.order,
          columns: [...props.state.columns],
        };
        const created = await api().views.create(input);
        mutate((list) => [...(list ?? []), created]);
        props.onApply(created);
        toast.show(t('views.saved', { name: created.name }));
      }
      setDialog(undefined);
    } catch (error) {
      if (error instanceof ApiError && error.fieldMessage('name')) setNameError(error.fieldMessage('name'));
      else fail(error);
    } finally {
      setBusy(false);
    }
  };

  const saveChanges = async () => {
    const view = current();
    if (!view) return;
    try {
      const updated = await api().views.update(view.id, view.version, {
        filters: props.state.filters,
        sort: props.state.sort,
        order: props.state.order,
        columns: [...props.state.columns],
      });
      mutate((list) => list?.map((v) => (v.id === updated.id ? updated : v)));
      props.onApply(updated);
      toast.show(t('views.saved', { name: updated.name }));
    } catch (error) {
      if (error instanceof ApiError && error.code === 'StaleVersion') void refetch();
      fail(error);
    }
  };

  const remove = async () => {
    const view = current();
    if (!view) return;
    setBusy(true);
    try {
      await api().views.remove(view.id);
      mutate((list) => list?.filter((v) => v.id !== view.id));
      props.onApply(undefined);
      toast.show(t('views.deleted', { name: view.name }));
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
      setConfirmDelete(false);
    }
  };

  const viewItem = (view: SavedView, close: (focus?: boolean) => void) => (
    <li>
      <button
        type="button"
        class="menu__item"
        aria-current={view.id === props.currentViewId ? 'true' : undefined}
        onClick={() => {
          close();
          props.onApply(view);
        }}
      >
        <Icon name={view.visibility === 'team' ? 'users' : 'filter'} size={16} />
        <span class="menu__item-text">{view.name}</span>
        <Show when={view.id === props.currentViewId}>
          <Icon name="check" size={16} />
        </Show>
      </button>
    </li>
  );

  return (
    <>
      <Popover
        testId="views-menu"
        label={`${t('views.button')}: ${current()?.name ?? allLabel()}`}
        buttonClass="btn btn--ghost views-button"
        panelClass="views-panel"
        trigger={
          <>
            <span class="views-button__name">{current()?.name ?? allLabel()}</span>
            <Show when={modified()}>
              <span class="views-button__modified">({t('views.modified')})</span>
            </Show>
            <Icon name="chevronDown" size={16} />
          </>
        }
      >
        {(close) => (
          <div class="views-menu">
            <ul class="views-menu__list">
              <li>
                <button
                  type="button"
                  class="menu__item"
                  aria-current={!props.currentViewId ? 'true' : undefined}
                  onClick={() => {
                    close();
                    props.onApply(undefined);
                  }}
                >
                  <Icon name="inbox" size={16} />
                  <span class="menu__item-text">{allLabel()}</span>
                  <Show when={!props.currentViewId}>
                    <Icon name="check" size={16} />
                  </Show>
                </button>
              </li>
            </ul>
            <Show when={views.error}>
              <p class="popover__hint">{t('views.loadFailed')}</p>
            </Show>
            <Show when={mine().length > 0}>
              <p class="views-menu__group">{t('views.mine')}</p>
              <ul class="views-menu__list">
                <For each={mine()}>{(view) => viewItem(view, close)}</For>
              </ul>
            </Show>
            <Show when={team().length > 0}>
              <p class="views-menu__group">{t('views.team')}</p>
              <ul class="views-menu__list">
                <For each={team()}>{(view) => viewItem(view, close)}</For>
              </ul>
            </Show>
            <Show when={views.state === 'ready' && (loaded(views) ?? []).length === 0}>
              <p class="popover__hint">{t('views.none')}</p>
            </Show>
            <div class="views-menu__actions">
              <Show when={current() && canEditView(props.actor, current() as SavedView) && modified()}>
                <button
                  type="button"
                  class="menu__item"
                  onClick={() => {
                    close();
                    void saveChanges();
                  }}
                >
                  <Icon name="check" size={16} />
                  <span class="menu__item-text">
                    {t('views.saveChanges', { name: current()?.name ?? '' })}
                  </span>
                </button>
              </Show>
              <button
                type="button"
                class="menu__item"
                onClick={() => {
                  close(false);
                  openDialog('create');
                }}
              >
                <Icon name="plus" size={16} />
                <span class="menu__item-text">{t('views.saveAs')}</span>
              </button>
              <Show when={current() && canEditView(props.actor, current() as SavedView)}>
                <button
                  type="button"
                  class="menu__item"
                  onClick={() => {
                    close(false);
                    openDialog('rename');
                  }}
                >
                  <Icon name="edit" size={16} />
                  <span class="menu__item-text">{t('views.rename')}</span>
                </button>
                <button
                  type="button"
                  class="menu__item menu__item--danger"
                  onClick={() => {
                    close(false);
                    setConfirmDelete(true);
                  }}
                >
                  <Icon name="trash" size={16} />
                  <span class="menu__item-text">{t('views.delete')}</span>
                </button>
              </Show>
            </div>
          </div>
        )}
      </Popover>

      <Dialog
        open={dialog() !== undefined}
        title={dialog() === 'rename' ? t('views.renameTitle') : t('views.dialogTitle')}
        onClose={() => setDialog(undefined)}
        closeLabel={t('common.close')}
        size="sm"
      >
        <form class="form-stack" onSubmit={submit} novalidate>
          <TextField
            label={t('views.name')}
            placeholder={t('views.namePlaceholder')}
            value={name()}
            maxLength={100}
            error={nameError()}
            onInput={(event) => {
              setName(event.currentTarget.value);
              setNameError(undefined);
            }}
            required
          />
          <SegmentedControl
            legend={t('views.visibility')}
            name="view-visibility"
            value={visibility()}
            choices={[
              { value: 'private', label: t('views.private') },
              { value: 'team', label: t('views.teamVisibility') },
            ]}
            onChange={setVisibility}
            disabled={
              !isManager(props.actor) && dialog() === 'rename' && current()?.ownerId !== props.actor.userId
            }
          />
          <div class="form-actions">
            <Button type="submit" variant="primary" busy={busy()}>
              {t('common.save')}
            </Button>
            <Button variant="ghost" onClick={() => setDialog(undefined)}>
              {t('common.cancel')}
            </Button>
          </div>
        </form>
      </Dialog>

      <ConfirmDialog
        open={confirmDelete()}
        title={t('views.delete')}
        message={t('views.confirmDelete', { name: current()?.name ?? '' })}
        confirmLabel={t('common.delete')}
        cancelLabel={t('common.cancel')}
        closeLabel={t('common.close')}
        busy={busy()}
        onConfirm={() => void remove()}
        onCancel={() => setConfirmDelete(false)}
      />
    </>
  );
};

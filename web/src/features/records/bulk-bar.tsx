// Actions on the selected rows: assign an owner (managers), add a tag, set the stage (companies),
// delete (to the trash) — POST /api/{companies|contacts}/bulk, in batches of 100. Rows the API
// refuses (a stale version, a record gone meanwhile) are reported, not hidden.
import { createSignal, type JSX, Show } from 'solid-js';
import { recordsOf } from '../../api/client.ts';
import type { BulkAction, BulkResult, RecordType } from '../../api/records.ts';
import type { StaffMember } from '../../api/users.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { Button } from '../../ui/button.tsx';
import { SelectField } from '../../ui/choice-fields.tsx';
import { ConfirmDialog } from '../../ui/dialog.tsx';
import { TextField } from '../../ui/field.tsx';
import { Icon, type IconName } from '../../ui/icon.tsx';
import { Popover } from '../../ui/popover.tsx';
import { useToast } from '../../ui/toast.tsx';
import { lifecycleStages } from './record-constants.ts';

export type BulkBarProps = {
  entity: RecordType;
  /** Selected rows the user may change (all of them for managers; their own for salespeople). */
  ids: readonly string[];
  /** Selected rows the user may not change: reported, never sent (one would refuse the whole batch). */
  refused: number;
  staff: readonly StaffMember[];
  canReassign: boolean;
  canEdit: boolean;
  onDone: (action: BulkAction['action'], result: BulkResult) => void;
  onClear: () => void;
};

/** A bulk action behind a toolbar button: a small form whose Apply runs it and closes the popover. */
const BulkForm = (props: {
  icon: IconName;
  label: string;
  apply: string;
  disabled: boolean;
  /** Whether the form holds what the action needs. */
  ready: boolean;
  onApply: () => void;
  children: JSX.Element;
}) => (
  <Popover
    trigger={
      <>
        <Icon name={props.icon} size={16} />
        <span>{props.label}</span>
      </>
    }
    disabled={props.disabled}
  >
    {(close) => (
      <form
        class="form-stack popover__form"
        onSubmit={(event) => {
          event.preventDefault();
          if (!props.ready) return;
          close();
          props.onApply();
        }}
      >
        {props.children}
        <Button type="submit" variant="primary" size="sm" disabled={!props.ready}>
          {props.apply}
        </Button>
      </form>
    )}
  </Popover>
);

export const BulkBar = (props: BulkBarProps) => {
  const i18n = useI18n();
  const { t, tp } = i18n;
  const toast = useToast();
  const [busy, setBusy] = createSignal(false);
  const [owner, setOwner] = createSignal('');
  const [tag, setTag] = createSignal('');
  const [stage, setStage] = createSignal('');
  const [confirming, setConfirming] = createSignal(false);

  const run = async (action: BulkAction) => {
    setBusy(true);
    try {
      const result =
        props.ids.length > 0
          ? await recordsOf(props.entity).bulk(props.ids, action)
          : { succeeded: [], failed: [] };
      if (result.succeeded.length > 0) toast.show(tp('list.bulk.done', result.succeeded.length));
      const failed = result.failed.length + props.refused;
      if (failed > 0) toast.show(tp('list.bulk.partial', failed), 'danger');
      props.onDone(action.action, result);
    } catch (error) {
      toast.show(describeError(error, i18n).message, 'danger');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="bulk-bar" role="toolbar" aria-label={t('list.bulk.label')} data-testid="bulk-bar">
      <span class="bulk-bar__count" role="status">
        {tp('list.selected', props.ids.length + props.refused)}
      </span>
      <Show when={props.canReassign}>
        <BulkForm
          icon="user"
          label={t('list.bulk.assignOwner')}
          apply={t('list.bulk.apply')}
          disabled={busy()}
          ready={Boolean(owner())}
          onApply={() => void run({ action: 'reassign', ownerId: owner() })}
        >
          <SelectField
            label={t('list.bulk.assignTo')}
            options={props.staff.map((s) => ({ value: s.id, label: s.name }))}
            placeholder={t('card.choose')}
            value={owner()}
            onChange={(event) => setOwner(event.currentTarget.value)}
          />
        </BulkForm>
      </Show>
      <Show when={props.canEdit}>
        <BulkForm
          icon="tag"
          label={t('list.bulk.addTag')}
          apply={t('list.bulk.apply')}
          disabled={busy()}
          ready={Boolean(tag().trim())}
          onApply={() => {
            void run({ action: 'add-tags', tags: [tag().trim()] });
            setTag('');
          }}
        >
          <TextField
            label={t('list.bulk.tag')}
            value={tag()}
            maxLength={50}
            onInput={(event) => setTag(event.currentTarget.value)}
          />
        </BulkForm>
        <Show when={props.entity === 'company'}>
          <BulkForm
            icon="activity"
            label={t('list.bulk.setStage')}
            apply={t('list.bulk.apply')}
            disabled={busy()}
            ready={Boolean(stage())}
            onApply={() => void run({ action: 'set-stage', lifecycleStage: stage() })}
          >
            <SelectField
              label={t('records.fields.lifecycleStage')}
              options={lifecycleStages.map((s) => ({
                value: s,
                label: i18n.lookup(`records.stages.${s}`) ?? s,
              }))}
              placeholder={t('card.choose')}
              value={stage()}
              onChange={(event) => setStage(event.currentTarget.value)}
            />
          </BulkForm>
        </Show>
        <Button
          size="sm"
          variant="secondary"
          icon="trash"
          class="btn--danger-text"
          busy={busy()}
          onClick={() => setConfirming(true)}
        >
          {t('list.bulk.delete')}
        </Button>
      </Show>
      <Button size="sm" variant="ghost" onClick={() => props.onClear()}>
        {t('list.clearSelection')}
      </Button>
      <ConfirmDialog
        open={confirming()}
        title={t('list.bulk.delete')}
        message={tp('list.bulk.confirmDelete', props.ids.length)}
        confirmLabel={t('list.bulk.delete')}
        cancelLabel={t('common.cancel')}
        closeLabel={t('common.close')}
        busy={busy()}
        onConfirm={() => {
          setConfirming(false);
          void run({ action: 'delete' });
        }}
        onCancel={() => setConfirming(false)}
      />
    </div>
  );
};

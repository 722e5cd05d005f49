// "Колонки": which columns the list shows and in which order. The name is always first; the others
// are ticked on or off and moved left/right with buttons (keyboard-friendly, no drag needed).
import { For, Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { Icon } from '../../ui/icon.tsx';
import { Popover } from '../../ui/popover.tsx';
import { moveColumn, pinnedColumn, toggleColumn } from './column-prefs.ts';
import type { ColumnDef } from './columns.tsx';

export type ColumnPickerProps = {
  all: readonly ColumnDef[];
  visible: readonly string[];
  onChange: (columns: string[]) => void;
  onReset: () => void;
};

export const ColumnPicker = (props: ColumnPickerProps) => {
  const { t } = useI18n();
  const ordered = () => {
    const byId = new Map(props.all.map((c) => [c.id, c]));
    const shown = props.visible.flatMap((id) => (byId.has(id) ? [byId.get(id) as ColumnDef] : []));
    const hidden = props.all.filter((c) => !props.visible.includes(c.id));
    return [...shown, ...hidden];
  };
  return (
    <Popover
      trigger={
        <>
          <Icon name="columns" size={16} />
          <span>{t('list.columns.button')}</span>
        </>
      }
      testId="column-picker"
      align="end"
      panelClass="column-picker"
    >
      {() => (
        <fieldset class="column-picker__fieldset">
          <legend class="popover__title">{t('list.columns.title')}</legend>
          <p class="popover__hint">{t('list.columns.description')}</p>
          <ul class="column-picker__list">
            <For each={ordered()}>
              {(column) => {
                const shown = () => props.visible.includes(column.id);
                const index = () => props.visible.indexOf(column.id);
                const pinned = column.id === pinnedColumn;
                return (
                  <li class="column-picker__item">
                    <label class="column-picker__label">
                      <input
                        type="checkbox"
                        class="checkbox"
                        checked={shown()}
                        disabled={pinned}
                        onChange={() => props.onChange(toggleColumn(props.visible, column.id))}
                      />
                      <span>{column.label}</span>
                      <Show when={pinned}>
                        <span class="column-picker__pinned">{t('list.columns.pinned')}</span>
                      </Show>
                    </label>
                    <Show when={shown() && !pinned}>
                      <span class="column-picker__moves">
                        <button
                          type="button"
                          class="icon-button icon-button--sm"
                          aria-label={t('list.columns.moveLeft', { column: column.label })}
                          disabled={index() <= 1}
                          onClick={() => props.onChange(moveColumn(props.visible, column.id, -1))}
                        >
                          <Icon name="arrowUp" size={14} />
                        </button>
                        <button
                          type="button"
                          class="icon-button icon-button--sm"
                          aria-label={t('list.columns.moveRight', { column: column.label })}
                          disabled={index() >= props.visible.length - 1}
                          onClick={() => props.onChange(moveColumn(props.visible, column.id, 1))}
                        >
                          <Icon name="arrowDown" size={14} />
                        </button>
                      </span>
                    </Show>
                  </li>
                );
              }}
            </For>
          </ul>
          <button type="button" class="link-button" onClick={() => props.onReset()}>
            {t('list.columns.reset')}
          </button>
        </fieldset>
      )}
    </Popover>
  );
};

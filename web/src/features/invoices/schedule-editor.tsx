// The payment-schedule editor (График платежей) of the new-invoice dialog: one row per installment —
// due date and amount —, a live «Осталось распределить» against the invoice's total that must come to
// zero, adding and removing rows, and «Разбить поровну» into N installments a month apart. What the
// server refused (a schedule that does not add up: 400 on `installments`) is said under it.
import { createSignal, createUniqueId, Index, Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { Button } from '../../ui/button.tsx';
import { Icon } from '../../ui/icon.tsx';
import {
  appendRow,
  checkSchedule,
  maxInstallments,
  type RowProblem,
  type ScheduleRow,
  splitEvenly,
} from './schedule.ts';

export type ScheduleEditorProps = {
  rows: readonly ScheduleRow[];
  onChange: (rows: ScheduleRow[]) => void;
  /** The invoice's total with VAT in minor units; undefined while the lines do not price. */
  total: number | undefined;
  currency: string;
  digits: number;
  /** The first due date a split or a first row gets (today + the payment term). */
  firstDue: string;
  /** Show each row's problems (after a submit was tried). */
  showProblems: boolean;
  /** The server's refusal of the schedule, localized. */
  error?: string | undefined;
};

export const ScheduleEditor = (props: ScheduleEditorProps) => {
  const i18n = useI18n();
  const { t, fmt } = i18n;
  const id = createUniqueId();
  const [parts, setParts] = createSignal('2');
  const total = () => props.total ?? 0;
  const check = () => checkSchedule(props.rows, total(), props.digits);
  const money = (minor: number) => fmt.money(minor, props.currency);

  const update = (key: string, change: Partial<Pick<ScheduleRow, 'dueDate' | 'amount'>>) =>
    props.onChange(props.rows.map((r) => (r.key === key ? { ...r, ...change } : r)));

  const split = () => {
    const n = Number(parts());
    if (!Number.isInteger(n) || n < 1) return;
    props.onChange(
      splitEvenly(total(), n, props.rows[0]?.dueDate || props.firstDue, props.digits, i18n.locale()),
    );
  };

  const problemText = (problem: RowProblem) =>
    problem === 'dueDate'
      ? t('invoices.schedule.errors.dueDate')
      : problem === 'order'
        ? t('invoices.schedule.errors.order')
        : t('invoices.schedule.errors.amount');

  const remainingText = () => {
    const { remaining } = check();
    if (remaining === 0) return t('invoices.schedule.balanced');
    return remaining > 0
      ? t('invoices.schedule.remaining', { amount: money(remaining) })
      : t('invoices.schedule.overAllocated', { amount: money(-remaining) });
  };

  return (
    <fieldset
      class="schedule-editor"
      classList={{ 'is-invalid': Boolean(props.error) }}
      aria-describedby={props.error ? `${id}-error` : `${id}-status`}
      data-testid="schedule-editor"
    >
      <legend class="invoice-form__legend">{t('invoices.schedule.title')}</legend>
      <div class="table-scroll">
        <table class="data-table schedule-table">
          <caption class="sr-only">{t('invoices.schedule.caption')}</caption>
          <thead>
            <tr>
              <th scope="col" class="schedule-table__no">
                {t('invoices.schedule.number')}
              </th>
              <th scope="col">{t('invoices.schedule.dueDate')}</th>
              <th scope="col" class="data-table__num-head">
                {t('invoices.schedule.amount')}
              </th>
              <th scope="col">
                <span class="sr-only">{t('products.columns.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            <Index each={props.rows}>
              {(row, index) => {
                const problems = () => (props.showProblems ? (check().problems[index] ?? []) : []);
                const messageId = `${id}-row-${index}`;
                return (
                  <>
                    <tr data-testid="schedule-row" classList={{ 'has-problem': problems().length > 0 }}>
                      <td class="schedule-table__no">{index + 1}</td>
                      <td>
                        <input
                          type="date"
                          class="input input--sm"
                          aria-label={t('invoices.schedule.dueDateOf', { n: index + 1 })}
                          aria-invalid={problems().some((p) => p !== 'amount') ? 'true' : undefined}
                          aria-describedby={problems().length > 0 ? messageId : undefined}
                          value={row().dueDate}
                          onInput={(event) => update(row().key, { dueDate: event.currentTarget.value })}
                        />
                      </td>
                      <td class="data-table__num">
                        <span class="schedule-table__amount">
                          <input
                            class="input input--sm schedule-table__input"
                            inputmode="decimal"
                            autocomplete="off"
                            aria-label={t('invoices.schedule.amountOf', { n: index + 1 })}
                            aria-invalid={problems().includes('amount') ? 'true' : undefined}
                            aria-describedby={problems().length > 0 ? messageId : undefined}
                            value={row().amount}
                            onInput={(event) => update(row().key, { amount: event.currentTarget.value })}
                          />
                          <span class="schedule-table__currency">{props.currency}</span>
                        </span>
                      </td>
                      <td class="data-table__actions">
                        <button
                          type="button"
                          class="icon-button icon-button--sm"
                          aria-label={t('invoices.schedule.remove', { n: index + 1 })}
                          disabled={props.rows.length <= 1}
                          onClick={() => props.onChange(props.rows.filter((r) => r.key !== row().key))}
                        >
                          <Icon name="trash" size={16} />
                        </button>
                      </td>
                    </tr>
                    <Show when={problems().length > 0}>
                      <tr class="lines-table__problem">
                        <td />
                        <td colSpan={3} id={messageId}>
                          {problems().map(problemText).join(' · ')}
                        </td>
                      </tr>
                    </Show>
                  </>
                );
              }}
            </Index>
          </tbody>
        </table>
      </div>
      <div class="schedule-editor__tools">
        <Button
          size="sm"
          icon="plus"
          disabled={props.rows.length >= maxInstallments}
          onClick={() =>
            props.onChange(
              appendRow(props.rows, check().remaining, props.firstDue, props.digits, i18n.locale()),
            )
          }
        >
          {t('invoices.schedule.add')}
        </Button>
        <div class="schedule-editor__split">
          <label class="schedule-editor__split-label" for={`${id}-parts`}>
            {t('invoices.schedule.splitInto')}
          </label>
          <input
            id={`${id}-parts`}
            class="input input--sm schedule-editor__parts"
            type="number"
            min="1"
            max={maxInstallments}
            value={parts()}
            onInput={(event) => setParts(event.currentTarget.value)}
          />
          <Button size="sm" disabled={props.total === undefined} onClick={split}>
            {t('invoices.schedule.split')}
          </Button>
        </div>
      </div>
      <p
        id={`${id}-status`}
        class="schedule-editor__status"
        classList={{
          'is-balanced': check().remaining === 0 && props.total !== undefined,
          'is-off': check().remaining !== 0,
        }}
        aria-live="polite"
        data-testid="schedule-remaining"
      >
        <Icon name={check().remaining === 0 && props.total !== undefined ? 'check' : 'info'} size={16} />
        <span>
          <Show when={props.total !== undefined} fallback={t('invoices.schedule.noTotal')}>
            {t('invoices.schedule.allocated', { allocated: money(check().allocated), total: money(total()) })}
            {' · '}
            <strong>{remainingText()}</strong>
          </Show>
        </span>
      </p>
      <Show when={props.error}>
        <p class="field__error" id={`${id}-error`} role="alert" data-testid="schedule-error">
          {props.error}
        </p>
      </Show>
    </fieldset>
  );
};

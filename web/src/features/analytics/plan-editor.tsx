// The month's sales plan per salesperson, edited in place under the forecast (sales managers and
// administrators; the API refuses everyone else with a 403). The plan is versioned: a save from a
// version a colleague has moved past is a 409, after which the editor shows the colleague's amounts
// and says so, rather than overwriting them.
import { createEffect, createMemo, createResource, createSignal, For, on, Show } from 'solid-js';
import { ApiError } from '../../api/api-error.ts';
import { api } from '../../api/client.ts';
import { currencyMinorDigits } from '../../format/format.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { intlLocale } from '../../i18n/locales.ts';
import { ApiErrorState } from '../../ui/api-error-state.tsx';
import { Button } from '../../ui/button.tsx';
import { SelectField } from '../../ui/choice-fields.tsx';
import { Alert, Skeleton } from '../../ui/feedback.tsx';
import { loaded } from '../../ui/resource.ts';
import { useToast } from '../../ui/toast.tsx';
import { staff, staffName } from '../users/staff.ts';
import { formatMonth } from './chart-format.ts';
import { defaultPlanMonth } from './period.ts';
import { draftChanged, draftOf, planAmounts } from './plan-amounts.ts';

/** A colleague saved first: a 409, or a first save (version 0) of a plan that exists by now. */
const isStale = (error: unknown) =>
  error instanceof ApiError &&
  (error.status === 409 || (error.status === 400 && error.fieldMessage('expectedVersion') !== undefined));

export const PlanEditor = (props: {
  /** The months of the period shown; the editor offers these. */
  months: readonly string[];
  currentMonth: string;
  currency: string;
  /** The stored plan changed (saved here, or found changed by a colleague): the forecast reads it again. */
  onChanged: () => void;
}) => {
  const i18n = useI18n();
  const { t } = i18n;
  const toast = useToast();
  const tag = () => intlLocale(i18n.locale());
  const separator = () => (i18n.locale() === 'ru' ? ',' : '.');
  const digits = () => currencyMinorDigits(props.currency);
  const symbol = () =>
    new Intl.NumberFormat(tag(), {
      style: 'currency',
      currency: props.currency,
      currencyDisplay: 'narrowSymbol',
    })
      .formatToParts(0)
      .find((part) => part.type === 'currency')?.value ?? props.currency;

  const [month, setMonth] = createSignal(defaultPlanMonth(props.months, props.currentMonth));
  createEffect(
    on(
      () => props.months.join(),
      () => {
        const current = month();
        if (!current || !props.months.includes(current))
          setMonth(defaultPlanMonth(props.months, props.currentMonth));
      },
      { defer: true },
    ),
  );
  const [plan, { refetch }] = createResource(month, (m) => api().reports.plan(m));
  const [draft, setDraft] = createSignal<Record<string, string>>({});
  const [invalid, setInvalid] = createSignal<readonly string[]>([]);
  const [stale, setStale] = createSignal(false);
  const [saving, setSaving] = createSignal(false);
  const reset = () => {
    const current = loaded(plan);
    setDraft(current ? draftOf(current.amounts, digits(), separator()) : {});
    setInvalid([]);
  };
  createEffect(on(() => loaded(plan), reset));

  /** Salespeople and their managers, and anyone the stored plan names, by name. */
  const people = createMemo(() => {
    const ids = new Set(
      staff()
        .filter((member) => member.roles.some((role) => role === 'sales' || role === 'sales-manager'))
        .map((member) => member.id),
    );
    for (const id of Object.keys(loaded(plan)?.amounts ?? {})) ids.add(id);
    const name = (id: string) => staffName(id) ?? t('records.unknownUser');
    return [...ids].map((id) => ({ id, name: name(id) })).sort((a, b) => a.name.localeCompare(b.name, tag()));
  });
  const shown = () => people().map((p) => p.id);
  const changed = () => {
    const current = loaded(plan);
    return current ? draftChanged(draft(), shown(), current.amounts, digits()) : false;
  };

  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    const current = loaded(plan);
    const m = month();
    if (!current || !m) return;
    const { amounts, invalid: bad } = planAmounts(draft(), shown(), current.amounts, digits());
    setInvalid(bad);
    if (bad.length > 0) {
      document.getElementById(`plan-${bad[0]}`)?.focus();
      return;
    }
    setSaving(true);
    setStale(false);
    try {
      await api().reports.savePlan(m, current.version, amounts);
      await refetch();
      toast.show(t('analytics.plan.saved', { month: formatMonth(m, tag()) }));
      props.onChanged();
    } catch (error) {
      if (isStale(error)) {
        setStale(true);
        await refetch();
        props.onChanged();
      } else toast.show(describeError(error, i18n).message, 'danger');
    } finally {
      setSaving(false);
    }
  };

  return (
    <form class="plan-editor" data-testid="plan-editor" onSubmit={(event) => void save(event)} novalidate>
      <div class="plan-editor__head">
        <div>
          <h3 class="plan-editor__title">{t('analytics.plan.title')}</h3>
          <p class="plan-editor__description">{t('analytics.plan.description')}</p>
        </div>
        <SelectField
          class="plan-editor__month"
          label={t('analytics.plan.month')}
          options={props.months.map((m) => ({ value: m, label: formatMonth(m, tag()) }))}
          value={month() ?? ''}
          data-testid="plan-month"
          onChange={(event) => {
            setStale(false);
            setMonth(event.currentTarget.value);
          }}
        />
      </div>
      <Show when={stale()}>
        <Alert
          tone="warning"
          role="alert"
          onDismiss={() => setStale(false)}
          dismissLabel={t('common.dismiss')}
        >
          {t('analytics.plan.stale')}
        </Alert>
      </Show>
      <Show
        when={!plan.error}
        fallback={<ApiErrorState error={plan.error} compact onRetry={() => void refetch()} />}
      >
        <Show when={loaded(plan)} fallback={<Skeleton lines={3} label={t('common.loading')} />}>
          <Show
            when={people().length > 0}
            fallback={<p class="plan-editor__none">{t('analytics.plan.noManagers')}</p>}
          >
            <table class="data-table plan-editor__table" aria-busy={plan.loading ? 'true' : undefined}>
              <thead>
                <tr>
                  <th scope="col">{t('analytics.plan.manager')}</th>
                  <th scope="col" class="plan-editor__amount-head">
                    {t('analytics.plan.amount', { currency: symbol() })}
                  </th>
                </tr>
              </thead>
              <tbody>
                <For each={people()}>
                  {(person) => {
                    const bad = () => invalid().includes(person.id);
                    return (
                      <tr data-testid="plan-row" data-user-id={person.id}>
                        <th scope="row">{person.name}</th>
                        <td class="plan-editor__amount">
                          <input
                            id={`plan-${person.id}`}
                            class="input plan-editor__input"
                            inputmode="decimal"
                            autocomplete="off"
                            placeholder={t('analytics.plan.placeholder')}
                            aria-label={t('analytics.plan.amountLabel', {
                              month: formatMonth(month() ?? '', tag()),
                              name: person.name,
                            })}
                            aria-invalid={bad() ? 'true' : undefined}
                            aria-describedby={bad() ? `plan-${person.id}-error` : undefined}
                            value={draft()[person.id] ?? ''}
                            onInput={(event) => {
                              const value = event.currentTarget.value;
                              setDraft((d) => ({ ...d, [person.id]: value }));
                            }}
                          />
                          <Show when={bad()}>
                            <p class="field__error" id={`plan-${person.id}-error`}>
                              {t('analytics.plan.invalid')}
                            </p>
                          </Show>
                        </td>
                      </tr>
                    );
                  }}
                </For>
              </tbody>
            </table>
            <div class="plan-editor__actions">
              <Button
                type="submit"
                variant="primary"
                busy={saving()}
                disabled={!changed()}
                data-testid="plan-save"
              >
                {t('analytics.plan.save')}
              </Button>
              <Show when={changed()}>
                <Button variant="ghost" onClick={reset}>
                  {t('analytics.plan.reset')}
                </Button>
              </Show>
            </div>
          </Show>
        </Show>
      </Show>
    </form>
  );
};

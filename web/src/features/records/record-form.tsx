// Creating a company or a contact. Fields are checked here with the shared schemas' rules; the
// server's field errors land beside the same fields. While the user types an INN, phone, e-mail or
// name, possible duplicates are looked up; on submit a 409 DuplicateSuspected shows «Возможный дубль:
// ООО «Ромашка» (ИНН совпадает)» with "Открыть" and "Всё равно создать".
import { A, useNavigate, useSearchParams } from '@solidjs/router';
import { createEffect, createResource, createSignal, For, on, onCleanup, onMount, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { ApiError } from '../../api/api-error.ts';
import { api, recordsOf } from '../../api/client.ts';
import type { DuplicateCandidate, RecordType } from '../../api/records.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { usePageTitle } from '../../layout/page-title.ts';
import { Button, LinkButton } from '../../ui/button.tsx';
import { SelectField } from '../../ui/choice-fields.tsx';
import { Alert } from '../../ui/feedback.tsx';
import { TextField } from '../../ui/field.tsx';
import { PageHeader, Panel } from '../../ui/panel.tsx';
import { useToast } from '../../ui/toast.tsx';
import { CustomFieldControl, collectCustomValues } from '../custom-fields/custom-field-input.tsx';
import { customFieldsOf, loadCustomFields } from '../custom-fields/definitions.ts';
import { RecordPicker } from '../search/record-picker.tsx';
import { useActor } from '../users/actor.ts';
import { loadStaff, staff } from '../users/staff.ts';
import { canCreateRecord, canReassign } from './permissions.ts';
import { companySizes, leadSources, lifecycleStages, phoneKinds } from './record-constants.ts';
import { listHref, recordHref } from './record-links.ts';
import { localizedFieldMessage } from './save-outcome.ts';
import { checkField } from './validation.ts';
import './records.css';
import { loaded } from '../../ui/resource.ts';

type Form = Record<string, string>;

/** The API body from the form (empty fields left out). */
export const formToInput = (
  type: RecordType,
  form: Form,
  customFields: Record<string, unknown>,
): Record<string, unknown> => {
  const value = (key: string) => form[key]?.trim() || undefined;
  const tags = (form.tags ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  const common = {
    ...(value('phone') ? { phones: [{ value: value('phone'), kind: value('phoneKind') ?? 'work' }] } : {}),
    ...(value('email') ? { emails: [{ value: value('email'), kind: 'work' }] } : {}),
    ...(value('ownerId') ? { ownerId: value('ownerId') } : {}),
    ...(value('leadSource') ? { leadSource: value('leadSource') } : {}),
    ...(tags.length ? { tags } : {}),
    ...(Object.keys(customFields).length ? { customFields } : {}),
  };
  if (type === 'company') {
    return {
      name: value('name') ?? '',
      ...(value('inn') ? { inn: value('inn')?.replace(/\s/g, '') } : {}),
      ...(value('kpp') ? { kpp: value('kpp') } : {}),
      ...(value('legalName') ? { legalName: value('legalName') } : {}),
      lifecycleStage: value('lifecycleStage') ?? 'lead',
      ...(value('website') ? { website: value('website') } : {}),
      ...(value('industry') ? { industry: value('industry') } : {}),
      ...(value('size') ? { size: value('size') } : {}),
      ...(value('address') || value('city')
        ? {
            addresses: [
              {
                kind: 'actual',
                line: value('address') ?? value('city'),
                ...(value('city') ? { city: value('city') } : {}),
              },
            ],
          }
        : {}),
      ...common,
    };
  }
  return {
    firstName: value('firstName') ?? '',
    ...(value('lastName') ? { lastName: value('lastName') } : {}),
    ...(value('middleName') ? { middleName: value('middleName') } : {}),
    ...(value('jobTitle') ? { jobTitle: value('jobTitle') } : {}),
    ...(value('companyId') ? { companyId: value('companyId') } : {}),
    ...(value('birthday') ? { birthday: value('birthday') } : {}),
    ...common,
  };
};

/** The form field a server error path belongs to: phones.0.value → phone, addresses.0.city → city. */
export const formFieldOf = (path: string): string => {
  if (path.startsWith('phones')) return 'phone';
  if (path.startsWith('emails')) return 'email';
  if (path.startsWith('addresses')) return path.endsWith('city') ? 'city' : 'address';
  if (path.startsWith('customFields.')) return path;
  return path.split('.')[0] ?? path;
};

export const RecordForm = (props: { type: RecordType }) => {
  const i18n = useI18n();
  const { t, lookup } = i18n;
  const toast = useToast();
  const navigate = useNavigate();
  const actor = useActor();
  const [search] = useSearchParams();
  const isCompany = props.type === 'company';
  usePageTitle(() => (isCompany ? t('forms.newCompanyTitle') : t('forms.newContactTitle')));

  onMount(() => {
    void loadStaff();
    void loadCustomFields();
  });

  const [form, setForm] = createStore<Form>({
    lifecycleStage: 'lead',
    phoneKind: isCompany ? 'work' : 'mobile',
  });
  const [custom, setCustom] = createStore<Record<string, string>>({});
  const [errors, setErrors] = createStore<Record<string, string | undefined>>({});
  const [duplicates, setDuplicates] = createSignal<DuplicateCandidate[]>([]);
  const [blocked, setBlocked] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [failure, setFailure] = createSignal<string>();

  // ?company=<id> (from a company card): the new contact belongs to it.
  const presetCompany = () => (typeof search.company === 'string' ? search.company : undefined);
  const [preset] = createResource(presetCompany, (id) => api().companies.get(id));
  createEffect(() => {
    const company = loaded(preset);
    if (company) {
      setForm('companyId', company.id);
      setForm('companyName', company.name);
    }
  });

  const set = (key: string, value: string) => {
    setForm(key, value);
    setErrors(key, undefined);
  };

  const check = (key: string): boolean => {
    const problem = checkField(key, form[key] ?? '');
    setErrors(key, problem ? t(`records.problems.${problem}`) : undefined);
    return !problem;
  };

  // Possible duplicates while typing (debounced): INN, phone, e-mail, name.
  let timer: ReturnType<typeof setTimeout> | undefined;
  let controller: AbortController | undefined;
  onCleanup(() => {
    clearTimeout(timer);
    controller?.abort();
  });
  createEffect(
    on(
      () => [form.name, form.inn, form.phone, form.email, form.firstName, form.lastName],
      () => {
        clearTimeout(timer);
        setBlocked(false);
        timer = setTimeout(async () => {
          const input = formToInput(props.type, form, {});
          const probe = isCompany
            ? (form.inn && !checkField('inn', form.inn)) ||
              (form.name?.trim().length ?? 0) >= 3 ||
              form.phone ||
              form.email
            : (form.firstName?.trim() && form.lastName?.trim()) || form.phone || form.email;
          if (!probe) {
            setDuplicates([]);
            return;
          }
          controller?.abort();
          controller = new AbortController();
          try {
            const found = await recordsOf(props.type).duplicates(
              Object.fromEntries(
                Object.entries(input).filter(([k]) => !['lifecycleStage', 'ownerId', 'tags'].includes(k)),
              ),
              controller.signal,
            );
            setDuplicates(found);
          } catch {
            // The check on submit still runs.
          }
        }, 500);
      },
      { defer: true },
    ),
  );

  const validateAll = (): boolean => {
    const keys = isCompany
      ? ['name', 'inn', 'kpp', 'website', 'phone', 'email']
      : ['firstName', 'phone', 'email', 'birthday'];
    return keys.map(check).every(Boolean);
  };

  const submit = async (allowDuplicate = false) => {
    setFailure(undefined);
    const fieldsOk = validateAll();
    const customResult = collectCustomValues(customFieldsOf(props.type), custom, i18n.currency(), {
      required: t('records.problems.required'),
      number: t('records.problems.number'),
      date: t('records.problems.date'),
    });
    for (const [key, message] of Object.entries(customResult.problems))
      setErrors(`customFields.${key}`, message);
    if (!fieldsOk || Object.keys(customResult.problems).length > 0) {
      setFailure(t('forms.fixErrors'));
      return;
    }
    setBusy(true);
    try {
      const created = await recordsOf(props.type).create(formToInput(props.type, form, customResult.values), {
        allowDuplicate,
      });
      toast.show(t('forms.created', { name: created.name }));
      navigate(recordHref(props.type, created.id), { replace: true });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'DuplicateSuspected') {
        const found = Array.isArray(error.details.duplicates)
          ? (error.details.duplicates as DuplicateCandidate[])
          : [];
        setDuplicates(found);
        setBlocked(true);
        queueMicrotask(() => document.getElementById('duplicate-warning')?.focus());
      } else if (error instanceof ApiError && error.fields.length > 0) {
        for (const f of error.fields)
          setErrors(formFieldOf(f.field), localizedFieldMessage(f.field, f.message, i18n));
        setFailure(t('forms.fixErrors'));
      } else {
        setFailure(describeError(error, i18n).message);
      }
    } finally {
      setBusy(false);
    }
  };

  const options = (values: readonly string[], prefix: string) =>
    values.map((v) => ({ value: v, label: lookup(`${prefix}.${v}`) ?? v }));
  const text = (key: string, label: string, extra: Record<string, unknown> = {}) => (
    <TextField
      label={label}
      name={key}
      value={form[key] ?? ''}
      error={errors[key]}
      onInput={(event) => set(key, event.currentTarget.value)}
      onBlur={() => form[key] && check(key)}
      {...extra}
    />
  );

  return (
    <div class="page record-form-page">
      <PageHeader
        title={isCompany ? t('forms.newCompanyTitle') : t('forms.newContactTitle')}
        subtitle={t('forms.requiredHint')}
      />
      <Show when={canCreateRecord(actor())} fallback={<Alert tone="warning">{t('errors.forbidden')}</Alert>}>
        <form
          class="record-form"
          novalidate
          onSubmit={(event) => {
            event.preventDefault();
            void submit(false);
          }}
        >
          <Show when={duplicates().length > 0}>
            <div
              id="duplicate-warning"
              tabIndex={-1}
              class="duplicate-warning"
              role={blocked() ? 'alert' : 'status'}
              data-testid="duplicate-warning"
            >
              <Alert tone="warning">
                <ul class="duplicate-warning__list">
                  <For each={duplicates()}>
                    {(candidate) => (
                      <li>
                        <span>
                          {t('duplicates.line', {
                            name: candidate.name,
                            reason: lookup(`duplicates.reasons.${candidate.reason}`) ?? candidate.reason,
                          })}
                        </span>{' '}
                        <A href={recordHref(props.type, candidate.id)} class="duplicate-warning__open">
                          {t('duplicates.open')}
                        </A>
                      </li>
                    )}
                  </For>
                </ul>
                <Show
                  when={blocked()}
                  fallback={<p class="duplicate-warning__hint">{t('duplicates.hint')}</p>}
                >
                  <div class="form-actions">
                    <Button variant="secondary" size="sm" busy={busy()} onClick={() => void submit(true)}>
                      {t('duplicates.createAnyway')}
                    </Button>
                  </div>
                </Show>
              </Alert>
            </div>
          </Show>
          <Show when={failure()}>
            <Alert tone="danger" role="alert">
              {failure()}
            </Alert>
          </Show>

          <Panel title={t('forms.main')}>
            <div class="form-grid">
              <Show
                when={isCompany}
                fallback={
                  <>
                    {text('lastName', t('records.fields.lastName'), {
                      autocomplete: 'family-name',
                      maxLength: 100,
                    })}
                    {text('firstName', `${t('records.fields.firstName')} *`, {
                      autocomplete: 'given-name',
                      maxLength: 100,
                      required: true,
                    })}
                    {text('middleName', t('records.fields.middleName'), {
                      autocomplete: 'additional-name',
                      maxLength: 100,
                    })}
                    {text('jobTitle', t('records.fields.jobTitle'), {
                      autocomplete: 'organization-title',
                      maxLength: 150,
                    })}
                    <div class="form-grid__wide">
                      <Show
                        when={form.companyId}
                        fallback={
                          <RecordPicker
                            label={t('forms.companySearch')}
                            type="company"
                            placeholder={t('forms.companyPlaceholder')}
                            onPick={(hit) => {
                              setForm('companyId', hit.id);
                              setForm('companyName', hit.name);
                            }}
                          />
                        }
                      >
                        <div class="field">
                          <span class="field__label">{t('forms.companySearch')}</span>
                          <div class="picked">
                            <A href={recordHref('company', form.companyId ?? '')}>{form.companyName}</A>
                            <button
                              type="button"
                              class="link-button"
                              onClick={() => {
                                setForm('companyId', '');
                                setForm('companyName', '');
                              }}
                            >
                              {t('forms.companyClear')}
                            </button>
                          </div>
                        </div>
                      </Show>
                    </div>
                  </>
                }
              >
                <div class="form-grid__wide">
                  {text('name', `${t('records.fields.name')} *`, {
                    maxLength: 200,
                    required: true,
                    autocomplete: 'organization',
                  })}
                </div>
                {text('inn', t('records.fields.inn'), {
                  inputMode: 'numeric',
                  maxLength: 14,
                  hint: t('forms.innHint'),
                })}
                {text('kpp', t('records.fields.kpp'), { maxLength: 9 })}
                <div class="form-grid__wide">
                  {text('legalName', t('records.fields.legalName'), { maxLength: 300 })}
                </div>
                <SelectField
                  label={t('records.fields.lifecycleStage')}
                  options={options(lifecycleStages, 'records.stages')}
                  value={form.lifecycleStage}
                  onChange={(event) => set('lifecycleStage', event.currentTarget.value)}
                />
              </Show>
              <SelectField
                label={t('records.fields.ownerId')}
                options={staff().map((s) => ({ value: s.id, label: s.name }))}
                placeholder={t('forms.ownerSelf')}
                value={form.ownerId ?? ''}
                disabled={!canReassign(actor())}
                error={errors.ownerId}
                onChange={(event) => set('ownerId', event.currentTarget.value)}
              />
            </div>
          </Panel>

          <Panel title={t('forms.contactData')}>
            <div class="form-grid">
              <div class="form-grid__pair">
                <SelectField
                  label={t('card.kind')}
                  options={options(phoneKinds, 'records.phoneKinds')}
                  value={form.phoneKind}
                  onChange={(event) => set('phoneKind', event.currentTarget.value)}
                />
                {text('phone', t('records.fields.phone'), {
                  type: 'tel',
                  autocomplete: 'tel',
                  inputMode: 'tel',
                  placeholder: '+7 912 345-67-89',
                })}
              </div>
              {text('email', t('records.fields.email'), {
                type: 'email',
                autocomplete: 'email',
                placeholder: 'name@company.ru',
              })}
              <Show
                when={isCompany}
                fallback={text('birthday', t('records.fields.birthday'), {
                  placeholder: '1990-03-08',
                  hint: t('forms.birthdayHint'),
                })}
              >
                {text('website', t('records.fields.website'), { type: 'url', placeholder: 'https://' })}
                {text('city', t('records.fields.city'), { autocomplete: 'address-level2' })}
                <div class="form-grid__wide">
                  {text('address', t('records.fields.address'), { autocomplete: 'street-address' })}
                </div>
              </Show>
            </div>
          </Panel>

          <Panel title={t('forms.more')}>
            <div class="form-grid">
              <Show when={isCompany}>
                {text('industry', t('records.fields.industry'), { maxLength: 100 })}
                <SelectField
                  label={t('records.fields.size')}
                  options={options(companySizes, 'records.sizes')}
                  placeholder={t('records.notSet')}
                  value={form.size ?? ''}
                  onChange={(event) => set('size', event.currentTarget.value)}
                />
              </Show>
              <SelectField
                label={t('records.fields.leadSource')}
                options={options(leadSources, 'records.sources')}
                placeholder={t('records.notSet')}
                value={form.leadSource ?? ''}
                onChange={(event) => set('leadSource', event.currentTarget.value)}
              />
              {text('tags', t('records.fields.tags'), { hint: t('forms.tagsHint') })}
              <For each={customFieldsOf(props.type)}>
                {(field) => (
                  <CustomFieldControl
                    field={field}
                    text={custom[field.key] ?? ''}
                    staff={staff()}
                    error={errors[`customFields.${field.key}`]}
                    onText={(value) => {
                      setCustom(field.key, value);
                      setErrors(`customFields.${field.key}`, undefined);
                    }}
                  />
                )}
              </For>
            </div>
          </Panel>

          <div class="form-actions">
            <Button type="submit" variant="primary" busy={busy()}>
              {busy() ? t('forms.creating') : isCompany ? t('forms.createCompany') : t('forms.createContact')}
            </Button>
            <LinkButton href={listHref(props.type)} variant="ghost">
              {t('forms.cancel')}
            </LinkButton>
          </div>
        </form>
      </Show>
    </div>
  );
};

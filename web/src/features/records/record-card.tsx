// The customer card of a company or a contact: header (name, lifecycle stage, owner, actions), details
// edited in place (saved with the version last read; a 409 reloads and says so), contacts of the
// company, custom fields, files, and the timeline with the note box. A merged id redirects to the
// record it went into; a deleted one offers to restore it.
import { A, useNavigate } from '@solidjs/router';
import { createEffect, createResource, createSignal, For, onMount, Show } from 'solid-js';
import { ApiError } from '../../api/api-error.ts';
import { recordsOf } from '../../api/client.ts';
import type { AnyRecord, Company, Contact, RecordType } from '../../api/records.ts';
import { formatPhone, telHref } from '../../format/phone.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { usePageTitle } from '../../layout/page-title.ts';
import { ApiErrorState } from '../../ui/api-error-state.tsx';
import { Button, LinkButton } from '../../ui/button.tsx';
import { ConfirmDialog } from '../../ui/dialog.tsx';
import { Alert, EmptyState, Skeleton } from '../../ui/feedback.tsx';
import { Icon } from '../../ui/icon.tsx';
import { MenuButton, type MenuItem } from '../../ui/menu.tsx';
import { Panel } from '../../ui/panel.tsx';
import { useToast } from '../../ui/toast.tsx';
import { AttachmentsPanel } from '../attachments/attachments-panel.tsx';
import { InlineCustomField } from '../custom-fields/custom-field-input.tsx';
import { customFieldsOf, loadCustomFields } from '../custom-fields/definitions.ts';
import { CompanyReceivables } from '../invoices/company-receivables.tsx';
import { usePalette } from '../search/command-palette.tsx';
import { Timeline } from '../timeline/timeline.tsx';
import { useActor } from '../users/actor.ts';
import { useCurrentUser } from '../users/current-user.tsx';
import { loadStaff, staff, staffName } from '../users/staff.ts';
import { stageTone } from './columns.tsx';
import { CompanyContacts } from './company-contacts.tsx';
import { ContactCompanyField } from './contact-company-field.tsx';
import { HeaderSelect } from './header-select.tsx';
import { InlineField, InlineListField, type ListItem, type SaveOutcome, TagsField } from './inline-field.tsx';
import { MergeDialog } from './merge-dialog.tsx';
import { canAddNote, canEditRecord, canReassign } from './permissions.ts';
import {
  addressKinds,
  companySizes,
  consentStatuses,
  emailKinds,
  leadSources,
  lifecycleStages,
  messengerKinds,
  phoneKinds,
} from './record-constants.ts';
import { listHref, recordHref } from './record-links.ts';
import { failedOutcome } from './save-outcome.ts';
import { checkField } from './validation.ts';
import './records.css';
import { loaded } from '../../ui/resource.ts';

export const RecordCard = (props: { type: RecordType; id: string }) => {
  const i18n = useI18n();
  const { t, fmt, lookup } = i18n;
  const toast = useToast();
  const navigate = useNavigate();
  const actor = useActor();
  const palette = usePalette();
  const { me } = useCurrentUser();
  const isCompany = props.type === 'company';

  onMount(() => {
    void loadStaff();
    void loadCustomFields();
  });

  const [record, { refetch, mutate }] = createResource(
    () => props.id,
    async (id): Promise<AnyRecord> => recordsOf(props.type).get(id),
  );
  const [stale, setStale] = createSignal(false);
  const [saved, setSaved] = createSignal(0);
  const [confirmDelete, setConfirmDelete] = createSignal(false);
  const [merging, setMerging] = createSignal(false);
  const [busy, setBusy] = createSignal(false);

  // A merged record answers 410 with the survivor's id: show that one instead.
  createEffect(() => {
    const error = record.error;
    if (
      error instanceof ApiError &&
      error.code === 'Merged' &&
      typeof error.details.survivorId === 'string'
    ) {
      toast.show(t('card.mergedRedirect'), 'info');
      navigate(recordHref(props.type, error.details.survivorId), { replace: true });
    }
  });

  const current = () => loaded(record);
  usePageTitle(() => current()?.name ?? (isCompany ? t('records.company') : t('records.contact')));

  // Remember it for the palette's "recent".
  createEffect(() => {
    const r = current();
    if (r) {
      const subtitle = isCompany
        ? (r as Company).inn
          ? `${t('palette.match.inn')} ${(r as Company).inn}`
          : (r as Company).city
        : (r as Contact).companyName;
      palette.remember({ type: props.type, id: r.id, name: r.name, ...(subtitle ? { subtitle } : {}) });
    }
  });

  const editable = () => {
    const r = current();
    return r ? !r.deletedAt && canEditRecord(actor(), r) : false;
  };

  const save = async (changes: Record<string, unknown>): Promise<SaveOutcome> => {
    const r = current();
    if (!r) return { ok: false };
    setStale(false);
    try {
      const updated = await recordsOf(props.type).update(r.id, r.version, changes);
      mutate(updated);
      setSaved((n) => n + 1);
      return { ok: true };
    } catch (error) {
      if (error instanceof ApiError && error.code === 'StaleVersion') {
        setStale(true);
        await refetch();
        return { ok: false, message: isCompany ? t('card.staleCompany') : t('card.staleContact') };
      }
      return failedOutcome(error, i18n);
    }
  };
  /** A text field: empty clears it (null). */
  const saveText = (field: string) => (value: string) =>
    save({ [field]: value.trim() ? value.trim() : null });
  const problem = (field: string) => (value: string) => {
    const found = checkField(field, value);
    return found ? t(`records.problems.${found}`) : undefined;
  };

  const remove = async () => {
    const r = current();
    if (!r) return;
    setBusy(true);
    try {
      await recordsOf(props.type).remove(r.id, r.version);
      toast.show(t('card.deleted', { name: r.name }));
      navigate(listHref(props.type));
    } catch (error) {
      toast.show(describeError(error, i18n).message, 'danger');
      if (error instanceof ApiError && error.code === 'StaleVersion') void refetch();
    } finally {
      setBusy(false);
      setConfirmDelete(false);
    }
  };

  const restore = async () => {
    const r = current();
    if (!r) return;
    setBusy(true);
    try {
      mutate(await recordsOf(props.type).restore(r.id, r.version));
      toast.show(t('card.restored', { name: r.name }));
    } catch (error) {
      toast.show(describeError(error, i18n).message, 'danger');
    } finally {
      setBusy(false);
    }
  };

  const kindOptions = (kinds: readonly string[], prefix: string) =>
    kinds.map((k) => ({ value: k, label: lookup(`${prefix}.${k}`) ?? k }));

  const menuItems = (): MenuItem[] => {
    const items: MenuItem[] = [];
    if (editable()) {
      items.push({
        label: t('card.merge'),
        icon: 'merge',
        onSelect: () => setMerging(true),
        testId: 'merge',
      });
      items.push({
        label: t('card.delete'),
        icon: 'trash',
        tone: 'danger',
        onSelect: () => setConfirmDelete(true),
        testId: 'delete',
      });
    }
    return items;
  };

  const phonesDisplay = (r: AnyRecord) => (
    <ul class="prop-list">
      <For each={r.phones}>
        {(phone) => (
          <li>
            <a href={telHref(phone.value)} aria-label={t('card.call', { phone: formatPhone(phone.value) })}>
              {formatPhone(phone.value)}
            </a>
            <span class="prop-list__kind">{lookup(`records.phoneKinds.${phone.kind}`)}</span>
          </li>
        )}
      </For>
    </ul>
  );
  const emailsDisplay = (r: AnyRecord) => (
    <ul class="prop-list">
      <For each={r.emails}>
        {(email) => (
          <li>
            <a href={`mailto:${email.value}`} aria-label={t('card.write', { email: email.value })}>
              {email.value}
            </a>
            <span class="prop-list__kind">{lookup(`records.emailKinds.${email.kind}`)}</span>
          </li>
        )}
      </For>
    </ul>
  );

  const phoneField = (r: AnyRecord) => (
    <InlineListField
      label={t('records.fields.phones')}
      field="phones"
      items={r.phones.map((p) => ({ kind: p.kind, value: formatPhone(p.value) }))}
      display={phonesDisplay(r)}
      kinds={kindOptions(phoneKinds, 'records.phoneKinds')}
      canEdit={editable()}
      addLabel={t('card.addPhone')}
      valueLabel={t('card.value')}
      inputType="tel"
      validate={(v) => problem('phone')(v)}
      onSave={(items) => save({ phones: items.map((i) => ({ kind: i.kind, value: i.value })) })}
    />
  );
  const emailField = (r: AnyRecord) => (
    <InlineListField
      label={t('records.fields.emails')}
      field="emails"
      items={r.emails.map((e) => ({ kind: e.kind, value: e.value }))}
      display={emailsDisplay(r)}
      kinds={kindOptions(emailKinds, 'records.emailKinds')}
      canEdit={editable()}
      addLabel={t('card.addEmail')}
      valueLabel={t('card.value')}
      inputType="email"
      validate={(v) => problem('email')(v)}
      onSave={(items) => save({ emails: items.map((i) => ({ kind: i.kind, value: i.value })) })}
    />
  );
  const ownerName = (r: AnyRecord) =>
    staffName(r.ownerId) ??
    (r.ownerId === me.latest?.user.id ? me.latest?.user.name : undefined) ??
    t('records.unknownUser');

  const companyDetails = (c: Company) => (
    <>
      <Panel title={t('card.requisites')} class="card-panel">
        <dl class="props">
          <InlineField
            label={t('records.fields.name')}
            field="name"
            value={c.name}
            canEdit={editable()}
            maxLength={200}
            validate={problem('name')}
            onSave={(v) => save({ name: v.trim() })}
          />
          <InlineField
            label={t('records.fields.legalName')}
            field="legalName"
            value={c.legalName ?? ''}
            canEdit={editable()}
            maxLength={300}
            onSave={saveText('legalName')}
          />
          <InlineField
            label={t('records.fields.inn')}
            field="inn"
            value={c.inn ?? ''}
            canEdit={editable()}
            inputMode="numeric"
            maxLength={14}
            validate={problem('inn')}
            onSave={saveText('inn')}
          />
          <InlineField
            label={t('records.fields.kpp')}
            field="kpp"
            value={c.kpp ?? ''}
            canEdit={editable()}
            maxLength={9}
            validate={problem('kpp')}
            onSave={saveText('kpp')}
          />
          <InlineField
            label={t('records.fields.industry')}
            field="industry"
            value={c.industry ?? ''}
            canEdit={editable()}
            maxLength={100}
            onSave={saveText('industry')}
          />
          <InlineField
            label={t('records.fields.size')}
            field="size"
            value={c.size ?? ''}
            display={<span>{c.size ? lookup(`records.sizes.${c.size}`) : ''}</span>}
            canEdit={editable()}
            input="select"
            options={kindOptions(companySizes, 'records.sizes')}
            emptyOption={t('records.notSet')}
            onSave={saveText('size')}
          />
        </dl>
      </Panel>
      <Panel title={t('card.contactInfo')} class="card-panel">
        <dl class="props">
          {phoneField(c)}
          {emailField(c)}
          <InlineField
            label={t('records.fields.website')}
            field="website"
            value={c.website ?? ''}
            display={
              c.website ? (
                <a href={c.website} target="_blank" rel="noopener noreferrer">
                  {c.website.replace(/^https?:\/\//, '')}
                </a>
              ) : undefined
            }
            canEdit={editable()}
            input="url"
            placeholder="https://"
            validate={problem('website')}
            onSave={saveText('website')}
          />
          <InlineListField
            label={t('records.fields.addresses')}
            field="addresses"
            items={c.addresses.map((a) => ({
              kind: a.kind,
              value: a.line,
              ...(a.city ? { extra: a.city } : {}),
            }))}
            display={
              <ul class="prop-list">
                <For each={c.addresses}>
                  {(address) => (
                    <li>
                      <span>
                        {[address.postalCode, address.city, address.line].filter(Boolean).join(', ')}
                      </span>
                      <span class="prop-list__kind">{lookup(`records.addressKinds.${address.kind}`)}</span>
                    </li>
                  )}
                </For>
              </ul>
            }
            kinds={kindOptions(addressKinds, 'records.addressKinds')}
            canEdit={editable()}
            addLabel={t('card.addAddress')}
            valueLabel={t('card.line')}
            extraLabel={t('card.city')}
            onSave={(items: ListItem[]) =>
              save({
                addresses: items.map((i) => {
                  const previous = c.addresses.find((a) => a.line === i.value);
                  return {
                    ...(previous ?? {}),
                    kind: i.kind,
                    line: i.value,
                    ...(i.extra?.trim() ? { city: i.extra.trim() } : {}),
                  };
                }),
              })
            }
          />
        </dl>
      </Panel>
    </>
  );

  const contactDetails = (c: Contact) => (
    <>
      <Panel title={t('card.details')} class="card-panel">
        <dl class="props">
          <InlineField
            label={t('records.fields.lastName')}
            field="lastName"
            value={c.lastName ?? ''}
            canEdit={editable()}
            maxLength={100}
            onSave={saveText('lastName')}
          />
          <InlineField
            label={t('records.fields.firstName')}
            field="firstName"
            value={c.firstName}
            canEdit={editable()}
            maxLength={100}
            validate={problem('firstName')}
            onSave={(v) => save({ firstName: v.trim() })}
          />
          <InlineField
            label={t('records.fields.middleName')}
            field="middleName"
            value={c.middleName ?? ''}
            canEdit={editable()}
            maxLength={100}
            onSave={saveText('middleName')}
          />
          <InlineField
            label={t('records.fields.jobTitle')}
            field="jobTitle"
            value={c.jobTitle ?? ''}
            canEdit={editable()}
            maxLength={150}
            onSave={saveText('jobTitle')}
          />
          <ContactCompanyField contact={c} canEdit={editable()} onSave={(companyId) => save({ companyId })} />
          <InlineField
            label={t('records.fields.birthday')}
            field="birthday"
            value={c.birthday ?? ''}
            display={
              <span>
                {c.birthday
                  ? /^\d{4}-/.test(c.birthday)
                    ? fmt.date(c.birthday)
                    : c.birthday.replace(/^--(\d\d)-(\d\d)$/, '$2.$1')
                  : ''}
              </span>
            }
            canEdit={editable()}
            placeholder="1990-03-08"
            validate={problem('birthday')}
            onSave={saveText('birthday')}
          />
        </dl>
      </Panel>
      <Panel title={t('card.contactInfo')} class="card-panel">
        <dl class="props">
          {phoneField(c)}
          {emailField(c)}
          <InlineListField
            label={t('records.fields.messengers')}
            field="messengers"
            items={c.messengers.map((m) => ({ kind: m.kind, value: m.handle }))}
            display={
              <ul class="prop-list">
                <For each={c.messengers}>
                  {(messenger) => (
                    <li>
                      <span>{messenger.handle}</span>
                      <span class="prop-list__kind">
                        {lookup(`records.messengerKinds.${messenger.kind}`)}
                      </span>
                    </li>
                  )}
                </For>
              </ul>
            }
            kinds={kindOptions(messengerKinds, 'records.messengerKinds')}
            canEdit={editable()}
            addLabel={t('card.addMessenger')}
            valueLabel={t('card.handle')}
            onSave={(items) => save({ messengers: items.map((i) => ({ kind: i.kind, handle: i.value })) })}
          />
          <InlineField
            label={t('records.fields.marketingConsent')}
            field="marketingConsent"
            value={c.marketingConsent?.status ?? 'unknown'}
            display={<span>{lookup(`records.consent.${c.marketingConsent?.status ?? 'unknown'}`)}</span>}
            canEdit={editable()}
            input="select"
            options={kindOptions(consentStatuses, 'records.consent')}
            onSave={(status) =>
              save({ marketingConsent: { status, at: new Date().toISOString(), method: 'other' } })
            }
          />
        </dl>
      </Panel>
    </>
  );

  const commonDetails = (r: AnyRecord) => (
    <Panel title={t('card.more')} class="card-panel">
      <dl class="props">
        <InlineField
          label={t('records.fields.leadSource')}
          field="leadSource"
          value={r.leadSource ?? ''}
          display={<span>{r.leadSource ? lookup(`records.sources.${r.leadSource}`) : ''}</span>}
          canEdit={editable()}
          input="select"
          options={kindOptions(leadSources, 'records.sources')}
          emptyOption={t('records.notSet')}
          onSave={saveText('leadSource')}
        />
        <TagsField
          label={t('records.fields.tags')}
          tags={r.tags}
          canEdit={editable()}
          onSave={(tags) => save({ tags })}
        />
        <div class="prop">
          <dt class="prop__label">{t('records.fields.createdAt')}</dt>
          <dd class="prop__value prop__static">
            {fmt.dateTime(r.createdAt)} · {staffName(r.createdBy) ?? ''}
          </dd>
        </div>
        <div class="prop">
          <dt class="prop__label">{t('records.fields.lastActivityAt')}</dt>
          <dd class="prop__value prop__static">{fmt.dateTime(r.lastActivityAt)}</dd>
        </div>
      </dl>
    </Panel>
  );

  const customPanel = (r: AnyRecord) => (
    <Show when={customFieldsOf(props.type).length > 0}>
      <Panel title={t('card.customFields')} class="card-panel">
        <dl class="props">
          <For each={customFieldsOf(props.type)}>
            {(field) => (
              <InlineCustomField
                field={field}
                value={r.customFields?.[field.key]}
                canEdit={editable()}
                staff={staff()}
                onSave={(value) => save({ customFields: { [field.key]: value } })}
              />
            )}
          </For>
        </dl>
      </Panel>
    </Show>
  );

  return (
    <div class="page page--wide card-page">
      <nav class="breadcrumbs" aria-label={t('nav.label')}>
        <A href={listHref(props.type)} class="breadcrumbs__link">
          <Icon name="chevronLeft" size={16} />
          {isCompany ? t('card.backToCompanies') : t('card.backToContacts')}
        </A>
      </nav>
      <Show
        when={current()}
        fallback={
          <Show when={record.error} fallback={<Skeleton lines={6} label={t('common.loading')} />}>
            {(error) => (
              <Show
                when={error() instanceof ApiError && (error() as ApiError).status === 404}
                fallback={<ApiErrorState error={error()} onRetry={() => void refetch()} />}
              >
                <EmptyState
                  icon="search"
                  title={t('card.notFoundTitle')}
                  text={t('card.notFoundText')}
                  action={
                    <LinkButton href={listHref(props.type)} variant="secondary">
                      {isCompany ? t('card.backToCompanies') : t('card.backToContacts')}
                    </LinkButton>
                  }
                />
              </Show>
            )}
          </Show>
        }
      >
        {(r) => (
          <>
            <header class="card-header" data-testid="card-header">
              <span class="card-header__avatar" aria-hidden="true">
                <Icon name={isCompany ? 'building' : 'user'} size={22} />
              </span>
              <div class="card-header__main">
                <h1 class="card-header__title" data-testid="record-name">
                  {r().name}
                </h1>
                <p class="card-header__subtitle">
                  <Show when={isCompany && (r() as Company).inn}>
                    <span>
                      {t('palette.match.inn')} {(r() as Company).inn}
                    </span>
                  </Show>
                  <Show when={isCompany && (r() as Company).city}>
                    <span>{(r() as Company).city}</span>
                  </Show>
                  <Show when={!isCompany && (r() as Contact).jobTitle}>
                    <span>{(r() as Contact).jobTitle}</span>
                  </Show>
                  <Show when={!isCompany && (r() as Contact).companyId}>
                    <A href={recordHref('company', (r() as Contact).companyId ?? '')}>
                      {(r() as Contact).companyName}
                    </A>
                  </Show>
                </p>
                <div class="card-header__chips">
                  <Show when={isCompany}>
                    <HeaderSelect
                      label={t('card.stage')}
                      value={(r() as Company).lifecycleStage}
                      options={kindOptions(lifecycleStages, 'records.stages')}
                      canEdit={editable()}
                      tone={stageTone[(r() as Company).lifecycleStage] ?? 'neutral'}
                      onChange={(value) => save({ lifecycleStage: value })}
                      testId="stage-select"
                    />
                  </Show>
                  <HeaderSelect
                    label={t('card.owner')}
                    value={r().ownerId}
                    options={(staff().length ? staff() : [{ id: r().ownerId, name: ownerName(r()) }]).map(
                      (s) => ({ value: s.id, label: s.name }),
                    )}
                    display={ownerName(r())}
                    icon="user"
                    canEdit={!r().deletedAt && canReassign(actor())}
                    tone="neutral"
                    onChange={(value) => save({ ownerId: value })}
                    testId="owner-select"
                  />
                </div>
              </div>
              <div class="card-header__actions">
                <Show when={r().phones[0]}>
                  {(phone) => (
                    <a class="btn btn--secondary btn--sm" href={telHref(phone().value)}>
                      <Icon name="phone" size={16} />
                      <span>{formatPhone(phone().value)}</span>
                    </a>
                  )}
                </Show>
                <Show when={r().emails[0]}>
                  {(email) => (
                    <a
                      class="btn btn--secondary btn--sm"
                      href={`mailto:${email().value}`}
                      aria-label={t('card.write', { email: email().value })}
                    >
                      <Icon name="mail" size={16} />
                    </a>
                  )}
                </Show>
                <Show when={menuItems().length > 0}>
                  <MenuButton
                    label={t('card.actions')}
                    items={menuItems()}
                    class="card-menu"
                    testId="card-actions"
                  >
                    <Icon name="more" size={20} />
                  </MenuButton>
                </Show>
              </div>
            </header>

            <Show when={stale()}>
              <Alert
                tone="warning"
                role="alert"
                onDismiss={() => setStale(false)}
                dismissLabel={t('common.dismiss')}
              >
                {isCompany ? t('card.staleCompany') : t('card.staleContact')}
              </Alert>
            </Show>
            <Show when={r().deletedAt}>
              <Alert
                tone="warning"
                role="status"
                action={
                  <Button size="sm" icon="refresh" busy={busy()} onClick={() => void restore()}>
                    {t('card.restore')}
                  </Button>
                }
              >
                {t('card.deletedBanner')}
              </Alert>
            </Show>
            <Show when={!editable() && !r().deletedAt}>
              <p class="card-readonly" role="note">
                <Icon name="eye" size={14} /> {t('card.readOnly')}
              </p>
            </Show>

            <div class="card-grid">
              <div class="card-side">
                <Show when={isCompany} fallback={contactDetails(r() as Contact)}>
                  {companyDetails(r() as Company)}
                </Show>
                {commonDetails(r())}
                {customPanel(r())}
                <Show when={isCompany}>
                  <CompanyContacts companyId={r().id} canEdit={editable()} version={saved()} />
                </Show>
                <AttachmentsPanel
                  type={props.type}
                  id={r().id}
                  canUpload={!r().deletedAt && canAddNote(actor(), r())}
                  canDelete={editable()}
                />
              </div>
              <div class="card-main">
                <Show when={isCompany && !r().deletedAt}>
                  <CompanyReceivables company={r()} />
                </Show>
                <Timeline
                  type={props.type}
                  id={r().id}
                  canAddNote={!r().deletedAt && canAddNote(actor(), r())}
                  recordName={r().name}
                  changedAt={r().updatedAt}
                  actorId={actor().userId}
                  actorName={me.latest?.user.name ?? ''}
                />
              </div>
            </div>

            <ConfirmDialog
              open={confirmDelete()}
              title={t('card.delete')}
              message={
                isCompany
                  ? t('card.deleteCompanyConfirm', { name: r().name })
                  : t('card.deleteContactConfirm', { name: r().name })
              }
              confirmLabel={t('card.delete')}
              cancelLabel={t('common.cancel')}
              closeLabel={t('common.close')}
              busy={busy()}
              onConfirm={() => void remove()}
              onCancel={() => setConfirmDelete(false)}
            />
            <MergeDialog
              type={props.type}
              survivor={r()}
              open={merging()}
              onClose={() => setMerging(false)}
              onMerged={(merged) => {
                mutate(merged);
                setSaved((n) => n + 1);
                toast.show(t('merge.done'));
              }}
            />
          </>
        )}
      </Show>
    </div>
  );
};

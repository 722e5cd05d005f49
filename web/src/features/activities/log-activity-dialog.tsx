// "Записать звонок / встречу / письмо" on a company's, contact's or deal's page: a call (direction,
// duration, outcome, when — the past allowed, marked as backdated — and a note), a meeting (subject,
// start and end, place, participants: contacts and staff, minutes) or an e-mail (direction, subject,
// text, when). The page's own records are always linked; more contacts can be added (a company's
// are offered as checkboxes). The server's field errors land beside the same fields.
import { createEffect, createResource, createSignal, For, on, Show } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import type { Activity, ActivityKind, ActivityLinks } from '../../api/activities.ts';
import { ApiError } from '../../api/api-error.ts';
import { api } from '../../api/client.ts';
import { isoToZonedLocal } from '../../format/zoned.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { Button } from '../../ui/button.tsx';
import { SelectField, TextAreaField } from '../../ui/choice-fields.tsx';
import { Dialog } from '../../ui/dialog.tsx';
import { Alert } from '../../ui/feedback.tsx';
import { SegmentedControl, TextField } from '../../ui/field.tsx';
import { Icon } from '../../ui/icon.tsx';
import { loaded } from '../../ui/resource.ts';
import { localizedFieldMessage } from '../records/save-outcome.ts';
import { RecordPicker } from '../search/record-picker.tsx';
import { useActor } from '../users/actor.ts';
import { useCurrentUser } from '../users/current-user.tsx';
import { staff } from '../users/staff.ts';
import {
  type ActivityField,
  type ActivityForm,
  blankActivityForm,
  type ContactChoice,
  callDirections,
  callOutcomes,
  checkActivityForm,
  formFieldOf,
  toNewActivity,
} from './activity-model.ts';
import './activities.css';

type Errors = Partial<Record<ActivityField | 'form', string>>;

export type LogActivityDialogProps = {
  /** The kind being logged; closed when undefined. */
  kind: ActivityKind | undefined;
  /** The records of the page, always linked. */
  links: ActivityLinks;
  /** The page's own contacts, shown as fixed participants (a contact's card). */
  fixedContacts?: readonly ContactChoice[];
  onClose: () => void;
  onLogged: (activity: Activity) => void;
};

export const LogActivityDialog = (props: LogActivityDialogProps) => {
  const i18n = useI18n();
  const { t } = i18n;
  const actor = useActor();
  const { me } = useCurrentUser();
  const [form, setForm] = createStore<ActivityForm>(
    blankActivityForm('call', new Date(), i18n.timeZone(), ''),
  );
  const [errors, setErrors] = createStore<Errors>({});
  const [busy, setBusy] = createSignal(false);
  let firstInput: HTMLElement | undefined;

  createEffect(
    on(
      () => props.kind,
      (kind) => {
        if (!kind) return;
        setForm(reconcile(blankActivityForm(kind, new Date(), i18n.timeZone(), actor().userId)));
        setErrors(reconcile({}));
      },
    ),
  );

  const fixedIds = () =>
    new Set([...(props.links.contactIds ?? []), ...(props.fixedContacts ?? []).map((c) => c.id)]);

  // A company's contacts, offered as checkboxes.
  const [companyContacts] = createResource(
    () => (props.kind && props.links.companyId ? props.links.companyId : undefined),
    async (companyId) => (await api().companyContacts.list(companyId)).items,
  );
  const offered = () =>
    (loaded(companyContacts) ?? [])
      .filter((c) => !fixedIds().has(c.contactId))
      .map((c) => ({ id: c.contactId, name: c.name }));
  const chosen = (id: string) => form.contacts.some((c) => c.id === id);
  const toggleContact = (contact: ContactChoice, on: boolean) => {
    setForm('contacts', (list) =>
      on ? [...list.filter((c) => c.id !== contact.id), contact] : list.filter((c) => c.id !== contact.id),
    );
    setErrors('links', undefined);
  };
  /** Contacts picked by search that the company's list does not show. */
  const extraContacts = () => form.contacts.filter((c) => !offered().some((o) => o.id === c.id));

  const set = <K extends keyof ActivityForm>(key: K, value: ActivityForm[K]) => {
    setForm(key, value);
    setErrors(key, undefined);
  };

  const submit = async (event?: Event) => {
    event?.preventDefault();
    const now = new Date();
    const problems = checkActivityForm(form, props.links, now, i18n.timeZone());
    const found: Errors = {};
    for (const [key, problem] of Object.entries(problems))
      found[key as ActivityField] = t(`activities.errors.${problem}`);
    setErrors(reconcile(found));
    if (Object.keys(found).length > 0) {
      document.querySelector<HTMLElement>('.log-activity [aria-invalid="true"]')?.focus();
      return;
    }
    setBusy(true);
    try {
      const activity = await api().activities.create(toNewActivity(form, props.links, i18n.timeZone()));
      props.onLogged(activity);
    } catch (error) {
      const fields: Errors = {};
      if (error instanceof ApiError)
        for (const problem of error.fields) {
          const key = formFieldOf(problem.field);
          if (key) fields[key] = localizedFieldMessage(problem.field, problem.message, i18n);
        }
      setErrors(reconcile({ ...fields, form: describeError(error, i18n).message }));
    } finally {
      setBusy(false);
    }
  };

  const whenField = () => (
    <TextField
      label={t('activities.fields.when')}
      type="datetime-local"
      max={isoToZonedLocal(Date.now(), i18n.timeZone())}
      value={form.when}
      error={errors.when}
      hint={t('activities.fields.whenHint')}
      onInput={(event) => {
        setForm({ when: event.currentTarget.value, whenChanged: true });
        setErrors('when', undefined);
      }}
    />
  );

  const directionField = (email: boolean) => (
    <SegmentedControl
      legend={t('activities.fields.direction')}
      name="activity-direction"
      size="sm"
      value={form.direction}
      choices={callDirections.map((d) => ({
        value: d,
        label: email
          ? t(d === 'outbound' ? 'activities.fields.emailOutbound' : 'activities.fields.emailInbound')
          : t(`activities.fields.${d}`),
      }))}
      onChange={(direction) => set('direction', direction)}
    />
  );

  const contactsField = () => (
    <div class="form-grid__wide log-activity__contacts">
      <RecordPicker
        label={t('activities.fields.contacts')}
        type="contact"
        placeholder={t('activities.fields.contactsPlaceholder')}
        error={errors.contacts ?? errors.links}
        testId="activity-contact-picker"
        onPick={(hit) => {
          if (!fixedIds().has(hit.id)) toggleContact({ id: hit.id, name: hit.name }, true);
        }}
      />
      <Show when={(props.fixedContacts ?? []).length > 0 || extraContacts().length > 0}>
        <div class="chips">
          <For each={props.fixedContacts ?? []}>
            {(contact) => (
              <span class="chip">
                <Icon name="user" size={14} />
                <span class="chip__text">{contact.name}</span>
              </span>
            )}
          </For>
          <For each={extraContacts()}>
            {(contact) => (
              <span class="chip">
                <span class="chip__text">{contact.name}</span>
                <button
                  type="button"
                  class="chip__remove"
                  aria-label={t('activities.fields.removeContact', { name: contact.name })}
                  onClick={() => toggleContact(contact, false)}
                >
                  <Icon name="close" size={12} />
                </button>
              </span>
            )}
          </For>
        </div>
      </Show>
      <Show when={offered().length > 0}>
        <fieldset class="log-activity__offered">
          <legend class="log-activity__sublabel">{t('activities.fields.companyContacts')}</legend>
          <div class="check-group">
            <For each={offered()}>
              {(contact) => (
                <label class="check-group__item">
                  <input
                    type="checkbox"
                    class="checkbox"
                    checked={chosen(contact.id)}
                    onChange={(event) => toggleContact(contact, event.currentTarget.checked)}
                  />
                  <span>{contact.name}</span>
                </label>
              )}
            </For>
          </div>
        </fieldset>
      </Show>
    </div>
  );

  const staffOptions = () => {
    const mine = actor().userId;
    const list = staff().length
      ? staff()
      : [{ id: mine, name: me.latest?.user.name ?? '', email: '', roles: [] }];
    return list.filter((s) => s.id);
  };

  const title = () => (props.kind ? t(`activities.dialog.${props.kind}`) : '');

  return (
    <Dialog
      open={props.kind !== undefined}
      title={title()}
      description={t('activities.dialog.description')}
      onClose={props.onClose}
      closeLabel={t('common.close')}
      size="lg"
      class="log-activity"
      initialFocus={() => firstInput}
      footer={
        <>
          <Button variant="secondary" onClick={() => props.onClose()}>
            {t('common.cancel')}
          </Button>
          <Button variant="primary" busy={busy()} onClick={() => void submit()} data-testid="activity-submit">
            {t('activities.dialog.submit')}
          </Button>
        </>
      }
    >
      <form class="form-grid" onSubmit={(event) => void submit(event)} novalidate>
        <Show when={errors.form}>
          <div class="form-grid__wide">
            <Alert tone="danger" role="alert">
              {errors.form}
            </Alert>
          </div>
        </Show>

        <Show when={form.kind === 'call'}>
          <div>{directionField(false)}</div>
          {whenField()}
          <TextField
            ref={(element) => {
              firstInput = element;
            }}
            label={t('activities.fields.duration')}
            inputmode="decimal"
            autocomplete="off"
            placeholder="5"
            value={form.duration}
            error={errors.duration}
            hint={t('activities.fields.durationHint')}
            onInput={(event) => set('duration', event.currentTarget.value)}
          />
          <SelectField
            label={t('activities.fields.outcome')}
            options={callOutcomes.map((o) => ({ value: o, label: t(`activities.outcomes.${o}`) }))}
            value={form.outcome}
            error={errors.outcome}
            onChange={(event) => {
              const outcome = callOutcomes.find((o) => o === event.currentTarget.value);
              if (outcome) set('outcome', outcome);
            }}
          />
          {contactsField()}
          <TextAreaField
            class="form-grid__wide"
            label={t('activities.fields.notes')}
            placeholder={t('activities.fields.notesPlaceholder')}
            rows={3}
            maxLength={10_000}
            value={form.notes}
            error={errors.notes}
            onInput={(event) => set('notes', event.currentTarget.value)}
          />
        </Show>

        <Show when={form.kind === 'meeting'}>
          <TextField
            ref={(element) => {
              firstInput = element;
            }}
            class="form-grid__wide"
            label={`${t('activities.fields.title')} *`}
            placeholder={t('activities.fields.titlePlaceholder')}
            maxLength={300}
            required
            value={form.title}
            error={errors.title}
            onInput={(event) => set('title', event.currentTarget.value)}
          />
          <TextField
            label={`${t('activities.fields.start')} *`}
            type="datetime-local"
            required
            value={form.start}
            error={errors.start}
            onInput={(event) => {
              const start = event.currentTarget.value;
              // The end follows the start, keeping the length chosen.
              const length = Date.parse(`${form.end}:00Z`) - Date.parse(`${form.start}:00Z`);
              const end =
                Number.isFinite(length) && length > 0 && start
                  ? new Date(Date.parse(`${start}:00Z`) + length).toISOString().slice(0, 16)
                  : form.end;
              setForm({ start, end });
              setErrors({ start: undefined, end: undefined });
            }}
          />
          <TextField
            label={`${t('activities.fields.end')} *`}
            type="datetime-local"
            required
            min={form.start}
            value={form.end}
            error={errors.end}
            onInput={(event) => set('end', event.currentTarget.value)}
          />
          <TextField
            class="form-grid__wide"
            label={t('activities.fields.place')}
            placeholder={t('activities.fields.placePlaceholder')}
            maxLength={500}
            value={form.place}
            error={errors.place}
            onInput={(event) => set('place', event.currentTarget.value)}
          />
          {contactsField()}
          <fieldset class="form-grid__wide log-activity__staff">
            <legend class="field__label">{t('activities.fields.staff')}</legend>
            <div class="check-group">
              <For each={staffOptions()}>
                {(member) => (
                  <label class="check-group__item">
                    <input
                      type="checkbox"
                      class="checkbox"
                      checked={form.staffIds.includes(member.id)}
                      onChange={(event) => {
                        const on = event.currentTarget.checked;
                        set(
                          'staffIds',
                          on
                            ? [...form.staffIds.filter((id) => id !== member.id), member.id]
                            : form.staffIds.filter((id) => id !== member.id),
                        );
                      }}
                    />
                    <span>{member.name}</span>
                  </label>
                )}
              </For>
            </div>
            <Show when={errors.staffIds}>
              <p class="field__error">{errors.staffIds}</p>
            </Show>
          </fieldset>
          <TextAreaField
            class="form-grid__wide"
            label={t('activities.fields.minutes')}
            rows={3}
            maxLength={10_000}
            value={form.notes}
            error={errors.notes}
            onInput={(event) => set('notes', event.currentTarget.value)}
          />
        </Show>

        <Show when={form.kind === 'email'}>
          <div>{directionField(true)}</div>
          {whenField()}
          <TextField
            class="form-grid__wide"
            ref={(element) => {
              firstInput = element;
            }}
            label={`${t('activities.fields.subject')} *`}
            maxLength={998}
            required
            value={form.subject}
            error={errors.subject}
            onInput={(event) => set('subject', event.currentTarget.value)}
          />
          {contactsField()}
          <TextAreaField
            class="form-grid__wide"
            label={t('activities.fields.body')}
            rows={6}
            maxLength={20_000}
            value={form.body}
            error={errors.body}
            onInput={(event) => set('body', event.currentTarget.value)}
          />
        </Show>
      </form>
    </Dialog>
  );
};

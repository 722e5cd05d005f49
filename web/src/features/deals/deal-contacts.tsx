// «Контакты сделки» on the deal page: the deal's contacts with their role (ЛПР, влияет на решение…) and
// e-mail, read from their records; the deal's editors add one of the company's contacts or remove one
// (PATCH /api/deals/{id} with the whole list, at the version read). A quote is e-mailed to one of these.
import { A } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { api } from '../../api/client.ts';
import type { Deal, DealContactRole } from '../../api/deals.ts';
import type { Contact } from '../../api/records.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { Button } from '../../ui/button.tsx';
import { SelectField } from '../../ui/choice-fields.tsx';
import { Icon } from '../../ui/icon.tsx';
import { Panel } from '../../ui/panel.tsx';
import { loaded } from '../../ui/resource.ts';
import { recordHref } from '../records/record-links.ts';

export const dealContactRoles = [
  'decision-maker',
  'influencer',
  'user',
  'technical',
  'financial',
  'other',
] as const satisfies readonly DealContactRole[];

/** A contact of the deal as its panels show it: the record's name and first e-mail beside the role. */
export type DealContact = {
  id: string;
  /** «Фамилия Имя Отчество», as the records show it. */
  name: string;
  firstName?: string;
  middleName?: string;
  email?: string;
  role: DealContactRole;
};

/** The deal's contacts read from their records (a deleted one keeps its id for a name). */
export const createDealContacts = (deal: () => Deal | undefined) => {
  const [records] = createResource(
    () => {
      const d = deal();
      return d ? d.contacts.map((c) => `${c.contactId}:${c.role}`).join(',') || 'none' : undefined;
    },
    async () => {
      const d = deal();
      if (!d) return [];
      const found = await Promise.all(
        d.contacts.map((c) =>
          api()
            .contacts.get(c.contactId)
            .catch((): Contact | undefined => undefined),
        ),
      );
      return d.contacts.map((c, index): DealContact => {
        const record = found[index];
        const email = record?.emails?.[0]?.value;
        return {
          id: c.contactId,
          name: record?.name ?? c.contactId,
          role: c.role,
          ...(record?.firstName ? { firstName: record.firstName } : {}),
          ...(record?.middleName ? { middleName: record.middleName } : {}),
          ...(email ? { email } : {}),
        };
      });
    },
  );
  return () => loaded(records) ?? [];
};

export type DealWrite = (
  what: string,
  run: (deal: Deal) => Promise<Deal>,
  done?: (saved: Deal) => string,
) => Promise<boolean>;

export const DealContactsPanel = (props: {
  deal: Deal;
  contacts: readonly DealContact[];
  editable: boolean;
  busy: string | undefined;
  write: DealWrite;
}) => {
  const { t } = useI18n();
  const [adding, setAdding] = createSignal(false);
  const [contactId, setContactId] = createSignal('');
  const [role, setRole] = createSignal<DealContactRole>('decision-maker');
  const [companyContacts] = createResource(
    () => (adding() ? props.deal.companyId : undefined),
    async (companyId) => (await api().companyContacts.list(companyId)).items,
  );
  const candidates = () =>
    (loaded(companyContacts) ?? []).filter(
      (c) => !props.deal.contacts.some((d) => d.contactId === c.contactId),
    );
  const roleLabel = (value: DealContactRole) => t(`deals.contacts.roles.${value}`);

  const add = async () => {
    const picked = candidates().find((c) => c.contactId === contactId());
    if (!picked) return;
    const ok = await props.write(
      'contacts',
      (d) =>
        api().deals.update(d.id, d.version, {
          contacts: [...d.contacts.map((c) => ({ ...c })), { contactId: picked.contactId, role: role() }],
        }),
      () => t('deals.contacts.added', { name: picked.name }),
    );
    if (ok) {
      setContactId('');
      setAdding(false);
    }
  };

  const remove = (contact: DealContact) =>
    props.write(
      `contact:${contact.id}`,
      (d) =>
        api().deals.update(d.id, d.version, {
          contacts: d.contacts.filter((c) => c.contactId !== contact.id).map((c) => ({ ...c })),
        }),
      () => t('deals.contacts.removed', { name: contact.name }),
    );

  return (
    <Panel
      title={t('deals.contacts.title')}
      actions={
        <Show when={props.editable && !adding()}>
          <Button size="sm" icon="plus" onClick={() => setAdding(true)}>
            {t('deals.contacts.add')}
          </Button>
        </Show>
      }
    >
      <div class="deal-contacts" data-testid="deal-contacts">
        <Show
          when={props.deal.contacts.length > 0}
          fallback={<p class="muted">{t('deals.contacts.empty')}</p>}
        >
          <ul class="contact-list">
            <For each={props.contacts}>
              {(contact) => (
                <li class="contact-list__item" data-testid="deal-contact">
                  <div class="contact-list__text deal-contacts__text">
                    <A href={recordHref('contact', contact.id)} class="contact-list__name">
                      {contact.name}
                    </A>
                    <span class="contact-list__meta">
                      {roleLabel(contact.role)} · {contact.email ?? t('deals.contacts.noEmail')}
                    </span>
                  </div>
                  <Show when={props.editable}>
                    <button
                      type="button"
                      class="icon-button icon-button--sm"
                      aria-label={t('deals.contacts.remove', { name: contact.name })}
                      aria-busy={props.busy === `contact:${contact.id}` ? 'true' : undefined}
                      disabled={props.busy !== undefined}
                      onClick={() => void remove(contact)}
                    >
                      <Icon name="close" size={16} />
                    </button>
                  </Show>
                </li>
              )}
            </For>
          </ul>
        </Show>
        <Show when={adding()}>
          <form
            class="deal-contacts__add"
            onSubmit={(event) => {
              event.preventDefault();
              void add();
            }}
          >
            <Show
              when={companyContacts.state !== 'ready' || candidates().length > 0}
              fallback={<p class="muted">{t('deals.contacts.noMoreContacts')}</p>}
            >
              <SelectField
                label={t('deals.contacts.contact')}
                placeholder={t('deals.contacts.contactPlaceholder')}
                options={candidates().map((c) => ({
                  value: c.contactId,
                  label: c.primaryEmail ? `${c.name} — ${c.primaryEmail}` : c.name,
                }))}
                value={contactId()}
                onChange={(event) => setContactId(event.currentTarget.value)}
              />
              <SelectField
                label={t('deals.contacts.role')}
                options={dealContactRoles.map((r) => ({ value: r, label: roleLabel(r) }))}
                value={role()}
                onChange={(event) => setRole(event.currentTarget.value as DealContactRole)}
              />
            </Show>
            <div class="deal-contacts__actions">
              <Button
                type="submit"
                variant="primary"
                size="sm"
                disabled={!contactId()}
                busy={props.busy === 'contacts'}
              >
                {t('common.add')}
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setAdding(false)}>
                {t('common.cancel')}
              </Button>
            </div>
          </form>
        </Show>
      </div>
    </Panel>
  );
};

// The contacts of a company on its card: open one, add a new one for the company, or link an existing one.
import { A } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { api } from '../../api/client.ts';
import { formatPhone, telHref } from '../../format/phone.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { ApiErrorState } from '../../ui/api-error-state.tsx';
import { Button, LinkButton } from '../../ui/button.tsx';
import { Skeleton } from '../../ui/feedback.tsx';
import { Panel } from '../../ui/panel.tsx';
import { loaded } from '../../ui/resource.ts';
import { useToast } from '../../ui/toast.tsx';
import { RecordPicker } from '../search/record-picker.tsx';
import { newRecordHref, recordHref } from './record-links.ts';

/** The company's contacts: open one, add a new one for this company, or link an existing one. */
export const CompanyContacts = (props: { companyId: string; canEdit: boolean; version: number }) => {
  const i18n = useI18n();
  const { t } = i18n;
  const toast = useToast();
  const [contacts, { refetch }] = createResource(
    () => `${props.companyId}:${props.version}`,
    () => api().companyContacts.list(props.companyId),
  );
  const [linking, setLinking] = createSignal(false);

  const link = async (contactId: string, name: string) => {
    try {
      const contact = await api().contacts.get(contactId);
      await api().contacts.update(contactId, contact.version, { companyId: props.companyId });
      toast.show(t('card.linked', { name }));
      setLinking(false);
      void refetch();
    } catch (error) {
      toast.show(describeError(error, i18n).message, 'danger');
    }
  };

  return (
    <Panel
      title={t('card.companyContacts')}
      class="card-panel"
      actions={
        <Show when={props.canEdit}>
          <Button
            size="sm"
            variant="ghost"
            icon="link"
            onClick={() => setLinking(!linking())}
            aria-expanded={linking()}
          >
            {t('card.linkContact')}
          </Button>
          <LinkButton
            href={`${newRecordHref('contact')}?company=${encodeURIComponent(props.companyId)}`}
            size="sm"
            variant="ghost"
            icon="plus"
          >
            {t('card.addContact')}
          </LinkButton>
        </Show>
      }
    >
      <Show when={linking()}>
        <RecordPicker
          label={t('card.linkSearch')}
          type="contact"
          placeholder={t('card.linkPlaceholder')}
          onPick={(hit) => void link(hit.id, hit.name)}
        />
      </Show>
      <Show
        when={loaded(contacts)}
        fallback={
          <Show when={contacts.error} fallback={<Skeleton lines={2} label={t('common.loading')} />}>
            {(error) => <ApiErrorState error={error()} compact onRetry={() => void refetch()} />}
          </Show>
        }
      >
        {(page) => (
          <Show when={page().items.length > 0} fallback={<p class="muted">{t('card.noContacts')}</p>}>
            <ul class="contact-list" data-testid="company-contacts">
              <For each={page().items}>
                {(contact) => (
                  <li class="contact-list__item">
                    <span class="avatar avatar--sm" aria-hidden="true">
                      {contact.name
                        .split(/\s+/)
                        .slice(0, 2)
                        .map((w) => w[0])
                        .join('')}
                    </span>
                    <div class="contact-list__text">
                      <A href={recordHref('contact', contact.contactId)} class="contact-list__name">
                        {contact.name}
                      </A>
                      <span class="contact-list__meta">
                        {[contact.jobTitle].filter(Boolean).join(' · ')}
                        <Show when={contact.primaryPhone}>
                          {(phone) => (
                            <>
                              {contact.jobTitle ? ' · ' : ''}
                              <a href={telHref(phone())}>{formatPhone(phone())}</a>
                            </>
                          )}
                        </Show>
                        <Show when={contact.primaryEmail}>
                          {(email) => (
                            <>
                              {' · '}
                              <a href={`mailto:${email()}`}>{email()}</a>
                            </>
                          )}
                        </Show>
                      </span>
                    </div>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        )}
      </Show>
    </Panel>
  );
};

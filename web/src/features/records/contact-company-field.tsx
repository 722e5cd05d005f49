// A contact's company on the card: a link, changed by finding another company, or cleared.
import { A } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import type { Contact } from '../../api/records.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { Icon } from '../../ui/icon.tsx';
import { RecordPicker } from '../search/record-picker.tsx';
import type { SaveOutcome } from './inline-field.tsx';
import { recordHref } from './record-links.ts';

/** A contact's company: a link, changed by finding another company or cleared. */
export const ContactCompanyField = (props: {
  contact: Contact;
  canEdit: boolean;
  onSave: (companyId: string | null) => Promise<SaveOutcome>;
}) => {
  const { t } = useI18n();
  const [editing, setEditing] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const pick = async (companyId: string | null) => {
    const outcome = await props.onSave(companyId);
    if (outcome.ok) {
      setEditing(false);
      setError(undefined);
    } else setError(outcome.message);
  };
  return (
    <div class="prop" data-field="companyId">
      <dt class="prop__label">{t('card.company')}</dt>
      <dd class="prop__value">
        <Show
          when={editing()}
          fallback={
            <div class="prop__read">
              <div class="prop__display">
                <Show
                  when={props.contact.companyId}
                  fallback={<span class="prop__empty">{t('card.noCompany')}</span>}
                >
                  <A href={recordHref('company', props.contact.companyId ?? '')}>
                    {props.contact.companyName ?? props.contact.companyId}
                  </A>
                </Show>
              </div>
              <Show when={props.canEdit}>
                <button
                  type="button"
                  class="icon-button icon-button--sm prop__edit"
                  aria-label={t('card.edit', { field: t('card.company') })}
                  onClick={() => setEditing(true)}
                >
                  <Icon name="edit" size={14} />
                </button>
              </Show>
            </div>
          }
        >
          {/* biome-ignore lint/a11y/noStaticElementInteractions: Escape anywhere in the editor closes it (keys bubble from its controls) */}
          <div
            class="prop__editor prop__editor--list"
            onKeyDown={(event) => event.key === 'Escape' && setEditing(false)}
          >
            <RecordPicker
              label={t('forms.companySearch')}
              type="company"
              placeholder={t('forms.companyPlaceholder')}
              onPick={(hit) => void pick(hit.id)}
              error={error()}
            />
            <div class="list-editor__actions">
              <Show when={props.contact.companyId}>
                <button type="button" class="link-button" onClick={() => void pick(null)}>
                  {t('forms.companyClear')}
                </button>
              </Show>
              <span class="list-editor__spacer" />
              <button type="button" class="btn btn--ghost btn--sm" onClick={() => setEditing(false)}>
                <span>{t('card.cancel')}</span>
              </button>
            </div>
          </div>
        </Show>
      </dd>
    </div>
  );
};

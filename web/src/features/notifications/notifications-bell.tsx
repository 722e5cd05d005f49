// The header's bell: a link to the notifications page whose name includes the unread count.
import { A } from '@solidjs/router';
import { Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { Icon } from '../../ui/icon.tsx';
import { unreadCount } from './unread-store.ts';

export const NotificationsBell = () => {
  const { t, tp, fmt } = useI18n();
  const count = () => unreadCount() ?? 0;
  const label = () => {
    const known = unreadCount();
    if (known === undefined) return t('shell.bell');
    return known > 0 ? tp('shell.bellUnread', known) : t('shell.bellNone');
  };
  return (
    <A
      href="/notifications"
      class="icon-button bell"
      activeClass="is-active"
      aria-label={label()}
      data-testid="notifications-bell"
    >
      <Icon name="bell" size={20} />
      <Show when={count() > 0}>
        <span class="bell__count" data-testid="unread-count" aria-hidden="true">
          {count() > 99 ? '99+' : fmt.number(count())}
        </span>
      </Show>
    </A>
  );
};

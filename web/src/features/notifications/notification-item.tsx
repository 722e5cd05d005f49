// One notification in a list: text from its kind, time in the tenant's zone, "mark as read" and its link.
import { A } from '@solidjs/router';
import { Show } from 'solid-js';
import type { Notification } from '../../api/notifications.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { Button } from '../../ui/button.tsx';
import { Badge } from '../../ui/panel.tsx';
import { formatDay } from '../deals/deal-format.ts';
import { notificationText } from './notification-text.ts';
import './notification-item.css';

export type NotificationItemProps = {
  notification: Notification;
  onMarkRead?: (notification: Notification) => void;
  marking?: boolean;
  compact?: boolean;
};

export const NotificationItem = (props: NotificationItemProps) => {
  const i18n = useI18n();
  const text = () =>
    notificationText(props.notification, i18n, {
      dateTime: i18n.fmt.dateTime,
      money: i18n.fmt.money,
      day: (date) => formatDay(date, i18n.locale()),
    });
  const unread = () => !props.notification.readAt;
  const internalLink = () => {
    const link = props.notification.link;
    return link?.startsWith('/') && !link.startsWith('//') ? link : undefined;
  };

  return (
    <li
      class="notification"
      classList={{ 'notification--unread': unread(), 'notification--compact': props.compact }}
      data-testid="notification"
    >
      <span class="notification__dot" aria-hidden="true" />
      <div class="notification__content">
        <p class="notification__title">
          <span>{text().title}</span>
          <Show when={unread() && !props.compact}>
            <Badge tone="accent">{i18n.t('notifications.new')}</Badge>
          </Show>
        </p>
        <Show when={text().body && !props.compact}>
          <p class="notification__body">{text().body}</p>
        </Show>
        <p class="notification__meta">
          <time
            datetime={props.notification.createdAt}
            title={i18n.fmt.dateTime(props.notification.createdAt)}
          >
            {i18n.fmt.eventTime(props.notification.createdAt)}
          </time>
        </p>
      </div>
      <Show when={!props.compact}>
        <div class="notification__actions">
          <Show when={internalLink()}>
            {(href) => (
              <A
                href={href()}
                class="btn btn--ghost btn--sm"
                onClick={() => unread() && props.onMarkRead?.(props.notification)}
              >
                {i18n.t('notifications.open')}
              </A>
            )}
          </Show>
          <Show when={unread() && props.onMarkRead}>
            <Button
              size="sm"
              variant="ghost"
              icon="check"
              busy={props.marking}
              aria-label={i18n.t('notifications.markReadFor', { title: text().title })}
              onClick={() => props.onMarkRead?.(props.notification)}
            >
              {i18n.t('notifications.markRead')}
            </Button>
          </Show>
        </div>
      </Show>
    </li>
  );
};

// The left navigation: brand, then one link per navigable route; the current page is marked aria-current.
import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { unreadCount } from '../features/notifications/unread-store.ts';
import { useActor } from '../features/users/actor.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { Icon } from '../ui/icon.tsx';
import { navItemVisible } from './navigation.ts';
import { useNavigationItems } from './navigation-context.tsx';

export const SideNav = () => {
  const { t, fmt } = useI18n();
  const items = useNavigationItems();
  const actor = useActor();
  const visible = () => items.filter((item) => navItemVisible(item, actor().roles));
  return (
    <aside class="sidebar">
      <A href="/" class="brand" end>
        <span class="brand__mark" aria-hidden="true">
          C
        </span>
        <span class="brand__name">{t('app.name')}</span>
      </A>
      <nav class="nav" aria-label={t('nav.label')}>
        <ul class="nav__list">
          <For each={visible()}>
            {(item) => (
              <li>
                <A href={item.href} end={item.href === '/'} class="nav__link" activeClass="is-active">
                  <Icon name={item.icon} size={18} />
                  <span class="nav__label">{t(item.label)}</span>
                  <Show when={item.href === '/notifications' && (unreadCount() ?? 0) > 0}>
                    <span class="nav__count" aria-hidden="true">
                      {fmt.number(unreadCount() ?? 0)}
                    </span>
                  </Show>
                </A>
              </li>
            )}
          </For>
        </ul>
      </nav>
    </aside>
  );
};

// The header's user menu: avatar and name (data-testid="current-user-name"), settings and sign-out.
import { useNavigate } from '@solidjs/router';
import { Show } from 'solid-js';
import { useAuth } from '../../auth/auth-context.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { Icon } from '../../ui/icon.tsx';
import { MenuButton } from '../../ui/menu.tsx';
import { useCurrentUser } from './current-user.tsx';
import { initials } from './greeting.ts';

export const UserMenu = () => {
  const { t } = useI18n();
  const auth = useAuth();
  const navigate = useNavigate();
  const { me } = useCurrentUser();
  const user = () => (me.state === 'ready' || me.state === 'refreshing' ? me.latest?.user : undefined);
  const name = () => user()?.name || user()?.email || '';

  return (
    <Show
      when={user()}
      fallback={<span class="user-menu__placeholder" role="img" aria-label={t('common.loading')} />}
    >
      <MenuButton
        class="user-menu"
        label={t('shell.userMenu', { name: name() })}
        testId="user-menu"
        header={
          <>
            <span class="user-menu__header-name">{name()}</span>
            <span class="user-menu__header-email">{user()?.email}</span>
          </>
        }
        items={[
          { label: t('shell.settings'), icon: 'settings', onSelect: () => navigate('/settings') },
          {
            label: t('shell.signOut'),
            icon: 'logout',
            tone: 'danger',
            testId: 'sign-out',
            onSelect: () => void auth.signOut(),
          },
        ]}
      >
        <span class="avatar" aria-hidden="true">
          {initials(user()?.name ?? '', user()?.email)}
        </span>
        <span class="user-menu__name" data-testid="current-user-name">
          {name()}
        </span>
        <Icon name="chevronDown" size={16} class="user-menu__chevron" />
      </MenuButton>
    </Show>
  );
};

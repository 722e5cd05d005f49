// The top bar: the organisation (tenant) name, the language switch, the bell and the user menu.
import { useAppConfig } from '../config/config-context.tsx';
import { NotificationsBell } from '../features/notifications/notifications-bell.tsx';
import { PaletteButton } from '../features/search/command-palette.tsx';
import { useCurrentUser } from '../features/users/current-user.tsx';
import { UserMenu } from '../features/users/user-menu.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';
import { Icon } from '../ui/icon.tsx';
import { LanguageSwitch } from './language-switch.tsx';

export const AppHeader = () => {
  const i18n = useI18n();
  const config = useAppConfig();
  const { me, switchLocale } = useCurrentUser();
  const tenantName = () => (me.state === 'ready' ? me().tenant.name : config.tenant.name);

  return (
    <header class="topbar">
      <div class="topbar__org" title={i18n.t('shell.organisation')}>
        <Icon name="building" size={18} />
        <span class="topbar__org-name" data-testid="tenant-name">
          {tenantName()}
        </span>
      </div>
      <PaletteButton />
      <div class="topbar__actions">
        <LanguageSwitch value={i18n.locale()} onChange={switchLocale} name="header-language" />
        <NotificationsBell />
        <span class="topbar__divider" aria-hidden="true" />
        <UserMenu />
      </div>
    </header>
  );
};

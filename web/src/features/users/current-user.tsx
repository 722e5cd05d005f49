// The signed-in user (/api/me) for the whole shell: applies their language and the organisation's
// time zone, and saves profile changes conditionally on the version (a 409 reloads the profile).
import {
  createContext,
  createEffect,
  createResource,
  type ParentComponent,
  type Resource,
  useContext,
} from 'solid-js';
import { ApiError } from '../../api/api-error.ts';
import { api } from '../../api/client.ts';
import type { Me, MeChanges, User } from '../../api/me.ts';
import { useAppConfig } from '../../config/config-context.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { writeLocalePreference } from '../../i18n/locale-preference.ts';
import type { Locale } from '../../i18n/locales.ts';
import { useToast } from '../../ui/toast.tsx';

export type CurrentUser = {
  me: Resource<Me>;
  reload: () => Promise<Me | undefined>;
  /** PATCH /api/me with the loaded version; rejects with ApiError (StaleVersion on 409). */
  save: (changes: MeChanges) => Promise<User>;
  /** Switches the interface at once, then stores the choice in the profile. */
  switchLocale: (locale: Locale) => void;
};

const CurrentUserContext = createContext<CurrentUser>();

export const CurrentUserProvider: ParentComponent = (props) => {
  const i18n = useI18n();
  const config = useAppConfig();
  const toast = useToast();
  const [me, { mutate, refetch }] = createResource(() => api().me.get());

  createEffect(() => {
    if (me.state !== 'ready') return;
    const { user, tenant } = me();
    i18n.setLocale(user.locale);
    i18n.setTenantFormats(tenant.timezone, tenant.currency);
    writeLocalePreference(localStorage, config.tenant.id, user.locale);
  });

  const reload = async () => (await refetch()) ?? undefined;

  const save = async (changes: MeChanges): Promise<User> => {
    const current = me.latest ?? (await reload());
    if (!current) throw new ApiError({ status: 0, code: 'NotFound', message: 'Profile not loaded' });
    const user = await api().me.update(current.user.version, changes);
    mutate((previous) => (previous ? { ...previous, user } : previous));
    return user;
  };

  // Language switches are queued so two quick clicks never race each other into a 409.
  let queue: Promise<void> = Promise.resolve();
  const switchLocale = (locale: Locale) => {
    i18n.setLocale(locale);
    writeLocalePreference(localStorage, config.tenant.id, locale);
    queue = queue.then(async () => {
      if (me.latest?.user.locale === locale) return;
      try {
        await save({ locale });
      } catch (error) {
        if (error instanceof ApiError && error.code === 'StaleVersion') {
          try {
            await reload();
            await save({ locale });
            return;
          } catch {
            // reported below
          }
        }
        toast.show(i18n.t('language.saveFailed'), 'danger');
      }
    });
  };

  return (
    <CurrentUserContext.Provider value={{ me, reload, save, switchLocale }}>
      {props.children}
    </CurrentUserContext.Provider>
  );
};

export const useCurrentUser = (): CurrentUser => {
  const value = useContext(CurrentUserContext);
  if (!value) throw new Error('useCurrentUser() outside <CurrentUserProvider>');
  return value;
};

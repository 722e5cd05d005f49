// The organisation's staff (/api/users), loaded once per session and shared: owner pickers, filters,
// and names on lists and timelines. If the list cannot be read, names fall back to the signed-in
// user's own and "Неизвестный сотрудник" — the page still works.
import { createSignal } from 'solid-js';
import { api } from '../../api/client.ts';
import type { StaffMember } from '../../api/users.ts';

const [staff, setStaff] = createSignal<readonly StaffMember[]>([]);
let loading: Promise<readonly StaffMember[]> | undefined;

export { staff };

export const loadStaff = (): Promise<readonly StaffMember[]> => {
  loading ??= api()
    .users.list()
    .then((list) => {
      const sorted = [...list].sort((a, b) => a.name.localeCompare(b.name, 'ru'));
      setStaff(sorted);
      return sorted;
    })
    .catch(() => {
      loading = undefined;
      return staff();
    });
  return loading;
};

/** Forget the list (sign-out): the next session loads its own. */
export const forgetStaff = (): void => {
  loading = undefined;
  setStaff([]);
};

/**
 * A staff member's name (undefined while unknown); for what an operator wrote with the ops CLI
 * (`crm import` records `cli:<login>` as the author, not a user of the app), that login.
 */
export const staffName = (id: string | undefined): string | undefined => {
  if (!id) return undefined;
  if (id.startsWith('cli:')) return `${id.slice(4)} (CLI)`;
  return staff().find((member) => member.id === id)?.name;
};

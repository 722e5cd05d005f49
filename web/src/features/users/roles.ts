// Role names as users know them (Администратор, Руководитель отдела продаж…), most senior first.
import type { Role } from '../../api/me.ts';
import type { Translator } from '../../i18n/translate.ts';

const seniority: readonly Role[] = ['admin', 'sales-manager', 'sales', 'marketing', 'support'];

export const sortRoles = (roles: readonly string[]): string[] =>
  [...roles].sort((a, b) => {
    const rank = (role: string) => {
      const index = seniority.indexOf(role as Role);
      return index === -1 ? seniority.length : index;
    };
    return rank(a) - rank(b) || a.localeCompare(b);
  });

/** A role the app does not know yet is shown by its id rather than hidden. */
export const roleLabel = (role: string, { lookup }: Pick<Translator, 'lookup'>): string =>
  lookup(`roles.${role}`) ?? role;

// What every customer-base screen needs before it draws: the staff (owner names and pickers) and the
// custom field definitions (columns, filters, forms). Both are loaded once per session.
import { loadCustomFields } from '../../features/custom-fields/definitions.ts';
import { loadStaff } from '../../features/users/staff.ts';

export const preloadCustomerBase = (): void => {
  void loadStaff();
  void loadCustomFields();
};

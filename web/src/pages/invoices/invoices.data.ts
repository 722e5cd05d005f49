// What the invoice pages need before they draw: the staff (responsible managers' and recorders' names).
import { loadStaff } from '../../features/users/staff.ts';

export const preloadInvoices = (): void => {
  void loadStaff();
};

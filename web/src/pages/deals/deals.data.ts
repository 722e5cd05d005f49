// What the deal screens need before they draw: the staff (owner names, the owner filter and picker).
import { loadStaff } from '../../features/users/staff.ts';

export const preloadDeals = (): void => {
  void loadStaff();
};

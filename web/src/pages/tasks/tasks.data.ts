// What the task screens need before they draw: the staff (assignees' names, the assignee pickers).
import { loadStaff } from '../../features/users/staff.ts';

export const preloadTasks = (): void => {
  void loadStaff();
};

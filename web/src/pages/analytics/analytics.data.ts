// What Аналитика needs before it draws: the staff (the names on the leaderboard, the forecast and
// the plan editor).
import { loadStaff } from '../../features/users/staff.ts';

export const preloadAnalytics = (): void => {
  void loadStaff();
};

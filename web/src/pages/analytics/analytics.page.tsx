// Аналитика: the sales dashboard and forecast of a period, with the managers' monthly plan.
import { AnalyticsScreen } from '../../features/analytics/analytics-screen.tsx';

export const AnalyticsPage = () => <AnalyticsScreen />;

// Сделки: the kanban board or the list of a pipeline's deals.
import { DealsScreen } from '../../features/deals/deals-screen.tsx';

export const DealsPage = () => <DealsScreen />;

// Компании: the list of companies (virtualized, filtered, sorted, saved views, bulk actions, export).
import { RecordListScreen } from '../../features/records/record-list-screen.tsx';

export const CompaniesPage = () => <RecordListScreen entity="company" />;

// Контакты: the list of contacts (virtualized, filtered, sorted, saved views, bulk actions, export).
import { RecordListScreen } from '../../features/records/record-list-screen.tsx';

export const ContactsPage = () => <RecordListScreen entity="contact" />;

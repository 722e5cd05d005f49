// Новый контакт: the create form with the duplicate warning (?company=<id> preselects the company).
import { RecordForm } from '../../features/records/record-form.tsx';

export const NewContactPage = () => <RecordForm type="contact" />;

// Новая компания: the create form with the duplicate warning.
import { RecordForm } from '../../features/records/record-form.tsx';

export const NewCompanyPage = () => <RecordForm type="company" />;

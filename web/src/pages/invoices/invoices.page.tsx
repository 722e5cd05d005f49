// Счета: the invoices of the organisation by status, and «Новый счёт».
import { InvoicesScreen } from '../../features/invoices/invoices-screen.tsx';

export const InvoicesPage = () => <InvoicesScreen />;

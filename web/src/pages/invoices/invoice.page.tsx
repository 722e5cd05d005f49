// One invoice: header and actions, lines, payment schedule and payments.
import { useParams } from '@solidjs/router';
import { Show } from 'solid-js';
import { InvoiceCard } from '../../features/invoices/invoice-card.tsx';

export const InvoicePage = () => {
  const params = useParams();
  // Keyed: another invoice's page starts fresh.
  return (
    <Show when={params.id} keyed>
      {(id) => <InvoiceCard id={id} />}
    </Show>
  );
};

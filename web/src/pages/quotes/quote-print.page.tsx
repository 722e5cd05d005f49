// A quote's printable page, opened in a new tab from the deal.
import { useParams } from '@solidjs/router';
import { Show } from 'solid-js';
import { QuotePrint } from '../../features/quotes/quote-print.tsx';

export const QuotePrintPage = () => {
  const params = useParams();
  return (
    <Show when={params.id} keyed>
      {(id) => <QuotePrint id={id} />}
    </Show>
  );
};

// The deal card: details, the stage bar, stage history, won / lost / reopen.
import { useParams } from '@solidjs/router';
import { Show } from 'solid-js';
import { DealCard } from '../../features/deals/deal-card.tsx';

export const DealPage = () => {
  const params = useParams();
  // Keyed: another deal's card starts fresh.
  return (
    <Show when={params.id} keyed>
      {(id) => <DealCard id={id} />}
    </Show>
  );
};

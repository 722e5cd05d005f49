// The contact card: details edited in place, company, custom fields, files and the timeline.
import { useParams } from '@solidjs/router';
import { Show } from 'solid-js';
import { RecordCard } from '../../features/records/record-card.tsx';

export const ContactPage = () => {
  const params = useParams();
  return (
    <Show when={params.id} keyed>
      {(id) => <RecordCard type="contact" id={id} />}
    </Show>
  );
};

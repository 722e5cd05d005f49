// The company card: details edited in place, contacts, custom fields, files and the timeline.
import { useParams } from '@solidjs/router';
import { Show } from 'solid-js';
import { RecordCard } from '../../features/records/record-card.tsx';

export const CompanyPage = () => {
  const params = useParams();
  // Keyed: another company's card starts fresh (no edits or timeline of the previous one linger).
  return (
    <Show when={params.id} keyed>
      {(id) => <RecordCard type="company" id={id} />}
    </Show>
  );
};

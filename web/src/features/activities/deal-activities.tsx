// A deal's timeline with the buttons that log a call, a meeting or an e-mail on it — a drop-in for the
// deal page (features/deals/deal-card.tsx belongs to the deals screens):
//   <DealActivities deal={d()} />
// An activity logged here is linked to the deal, its company and its contacts, so it shows on their
// timelines too. The deal's own changes and its quotes' appear here as well.
import type { Deal } from '../../api/deals.ts';
import { canAddNote } from '../records/permissions.ts';
import { Timeline } from '../timeline/timeline.tsx';
import { useActor } from '../users/actor.ts';
import { useCurrentUser } from '../users/current-user.tsx';
import '../records/records.css';

export const DealActivities = (props: {
  deal: Pick<Deal, 'id' | 'companyId' | 'contacts' | 'ownerId' | 'updatedAt'>;
}) => {
  const actor = useActor();
  const { me } = useCurrentUser();
  return (
    <Timeline
      type="deal"
      id={props.deal.id}
      canAddNote={false}
      canLogActivities={canAddNote(actor(), props.deal)}
      activityLinks={{
        dealId: props.deal.id,
        companyId: props.deal.companyId,
        contactIds: props.deal.contacts.map((c) => c.contactId),
      }}
      changedAt={props.deal.updatedAt}
      actorId={actor().userId}
      actorName={me.latest?.user.name ?? ''}
    />
  );
};

// Who sees and who changes a saved view: a private view is its owner's alone (others get 404, as
// if it did not exist); a team view is seen by everyone and changed by its owner, sales managers
// and admins. Anyone with a role may save views, private or for the team.
import type { Principal } from '../../lib/principal.ts';
import { canManageTeamViews, canReadRecords } from '../records/access.ts';
import type { ViewAttributes } from './view.entity.ts';

type ViewAccess = Pick<ViewAttributes, 'visibility' | 'ownerId'>;

export const canSeeView = (p: Principal, view: ViewAccess): boolean =>
  canReadRecords(p) && (view.visibility === 'team' || view.ownerId === p.userId);

export const canEditView = (p: Principal, view: ViewAccess): boolean =>
  canSeeView(p, view) && (view.ownerId === p.userId || (view.visibility === 'team' && canManageTeamViews(p)));

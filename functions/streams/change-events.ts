// Which domain events a change to an item means, by the item's `entity`. The stream
// publisher asks this module; entities without an entry (audit entries, counters, send
// records) publish nothing. Details are checked against their contract before they leave.

import { notificationCreatedV1, userCreatedV1, userUpdatedV1 } from '../../events/catalog.ts';
import type { EventContract } from '../../events/contract.ts';
import type { NotificationItem } from '../domain/notifications/notification.entity.ts';
import { toUserSnapshot, type UserItem } from '../domain/users/user.entity.ts';

export type Change = {
  readonly kind: 'INSERT' | 'MODIFY' | 'REMOVE';
  readonly newImage?: Record<string, unknown>;
  readonly oldImage?: Record<string, unknown>;
  /** When the change was written (from the stream record). */
  readonly at: string;
};

export type DomainEvent = { readonly contract: EventContract; readonly detail: unknown };

type Mapper = (change: Change) => DomainEvent[];

const bookkeeping = new Set(['version', 'updatedAt', 'updatedBy', 'pk', 'sk', 'entity']);

const changedFields = (before: Record<string, unknown> = {}, after: Record<string, unknown> = {}): string[] =>
  [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((f) => !bookkeeping.has(f) && !/^gsi\d+(pk|sk)$/.test(f))
    .filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]))
    .sort();

const user: Mapper = ({ kind, newImage, oldImage, at }) => {
  if (kind === 'INSERT' && newImage) {
    return [{ contract: userCreatedV1, detail: { user: toUserSnapshot(newImage as UserItem), at } }];
  }
  if (kind === 'MODIFY' && newImage) {
    const item = newImage as UserItem;
    return [
      {
        contract: userUpdatedV1,
        detail: {
          user: toUserSnapshot(item),
          changedFields: changedFields(oldImage, newImage),
          actorId: item.updatedBy,
          at,
        },
      },
    ];
  }
  return [];
};

const notification: Mapper = ({ kind, newImage, at }) => {
  if (kind !== 'INSERT' || !newImage) return [];
  const item = newImage as NotificationItem;
  return [
    {
      contract: notificationCreatedV1,
      detail: {
        notificationId: item.notificationId,
        userId: item.userId,
        kind: item.kind,
        email: item.email,
        at,
      },
    },
  ];
};

const mappers: Readonly<Record<string, Mapper>> = { user, notification };

export const eventsForChange = (change: Change): DomainEvent[] => {
  const entity = (change.newImage?.entity ?? change.oldImage?.entity) as string | undefined;
  const events = entity ? (mappers[entity]?.(change) ?? []) : [];
  // Producers check their own output: a detail that breaks its contract fails here, loudly.
  return events.map((e) => ({ contract: e.contract, detail: e.contract.schema.parse(e.detail) }));
};

// The value lists of deals the interface offers (lost reasons, statuses), mirrored from the domain
// with a compile-time check in both directions, so the bundle carries no server code (deal.entity.ts
// imports zod) and a reason added on the server fails the type check here until it is offered.
import type {
  lostReasons as domainReasons,
  dealStatuses as domainStatuses,
} from '../../../../functions/domain/deals/deal.entity.ts';

export const lostReasons = [
  'price',
  'competitor',
  'no-budget',
  'no-decision',
  'timing',
  'product-fit',
  'other',
] as const;

export const dealStatuses = ['open', 'won', 'lost'] as const;

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

export const listsMatchDomain: [
  Same<(typeof lostReasons)[number], (typeof domainReasons)[number]>,
  Same<(typeof dealStatuses)[number], (typeof domainStatuses)[number]>,
] = [true, true];

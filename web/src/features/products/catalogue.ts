// Small rules of the catalogue screens: who keeps it (as the API: administrators and sales managers),
// the VAT rates offered, and what a 409 on a SKU says (the API names the product that has it).
import type { Actor } from '../records/permissions.ts';
import { isManager } from '../records/permissions.ts';

export const canEditCatalogue = (actor: Actor): boolean => isManager(actor);

/** Russian VAT rates: 0, 10, 20 and, since 2026, 22 %; 5 and 7 % under the simplified regime. */
export const vatRates = [22, 20, 10, 7, 5, 0] as const;

/** «SKU X belongs to the product «Кабель» already.» → Кабель; undefined when the message names none. */
export const skuHolder = (message: string): string | undefined => /«(.+)»/.exec(message)?.[1];

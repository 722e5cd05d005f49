// Who keeps the catalogue, as the API decides, and the product a SKU conflict names.
import { describe, expect, it } from 'vitest';
import { canEditCatalogue, skuHolder } from './catalogue.ts';

describe('the catalogue rules', () => {
  it('are kept by administrators and sales managers only', () => {
    expect(canEditCatalogue({ userId: 'u', roles: ['admin'] })).toBe(true);
    expect(canEditCatalogue({ userId: 'u', roles: ['sales-manager'] })).toBe(true);
    expect(canEditCatalogue({ userId: 'u', roles: ['sales'] })).toBe(false);
    expect(canEditCatalogue({ userId: 'u', roles: ['marketing', 'support'] })).toBe(false);
  });

  it('read the product that holds a SKU from the 409’s message', () => {
    expect(skuHolder('SKU VVG belongs to the product «Кабель ВВГнг 3×2,5» already.')).toBe(
      'Кабель ВВГнг 3×2,5',
    );
    expect(skuHolder('SKU VVG belongs to another product already.')).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import type { Principal } from '../../lib/principal.ts';
import type { Role } from '../../lib/roles.ts';
import { canEditView, canSeeView } from './view-access.ts';

const as = (userId: string, ...roles: Role[]): Principal => ({ userId, username: userId, roles });
const privateOfAnna = { visibility: 'private' as const, ownerId: 'anna' };
const teamOfAnna = { visibility: 'team' as const, ownerId: 'anna' };

describe('saved view access', () => {
  it('keeps a private view to its owner, even from managers and admins', () => {
    expect(canSeeView(as('anna', 'sales'), privateOfAnna)).toBe(true);
    expect(canEditView(as('anna', 'sales'), privateOfAnna)).toBe(true);
    for (const role of ['sales', 'sales-manager', 'admin', 'marketing'] as const) {
      expect(canSeeView(as('igor', role), privateOfAnna)).toBe(false);
      expect(canEditView(as('igor', role), privateOfAnna)).toBe(false);
    }
  });

  it('shows a team view to everyone with a role; its owner, managers and admins change it', () => {
    expect(canSeeView(as('maria', 'marketing'), teamOfAnna)).toBe(true);
    expect(canEditView(as('maria', 'marketing'), teamOfAnna)).toBe(false);
    expect(canEditView(as('boris', 'sales'), teamOfAnna)).toBe(false);
    expect(canEditView(as('anna', 'sales'), teamOfAnna)).toBe(true);
    expect(canEditView(as('igor', 'sales-manager'), teamOfAnna)).toBe(true);
    expect(canEditView(as('olga', 'admin'), teamOfAnna)).toBe(true);
  });

  it('shows nothing to a user without a role', () => {
    expect(canSeeView(as('anna'), privateOfAnna)).toBe(false);
    expect(canSeeView(as('x'), teamOfAnna)).toBe(false);
  });
});

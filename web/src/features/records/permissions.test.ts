// The interface offers each role what the API allows it.
import { describe, expect, it } from 'vitest';
import {
  canAddNote,
  canCreateRecord,
  canEditRecord,
  canEditView,
  canImport,
  canManageCustomFields,
  canReassign,
} from './permissions.ts';

const anna = { userId: 'anna', roles: ['sales'] as const };
const igor = { userId: 'igor', roles: ['sales-manager'] as const };
const maria = { userId: 'maria', roles: ['marketing'] as const };
const dmitry = { userId: 'dmitry', roles: ['support'] as const };
const olga = { userId: 'olga', roles: ['admin'] as const };
const nobody = { userId: 'x', roles: [] as const };

describe('record permissions', () => {
  it('lets sales edit only what they own, managers and admins everything', () => {
    expect(canEditRecord(anna, { ownerId: 'anna' })).toBe(true);
    expect(canEditRecord(anna, { ownerId: 'igor' })).toBe(false);
    expect(canEditRecord(igor, { ownerId: 'anna' })).toBe(true);
    expect(canEditRecord(olga, { ownerId: 'anna' })).toBe(true);
    expect(canEditRecord(maria, { ownerId: 'maria' })).toBe(false);
    expect(canReassign(anna)).toBe(false);
    expect(canReassign(igor)).toBe(true);
  });

  it('lets support add notes but not edit, and marketing import but not create', () => {
    expect(canAddNote(dmitry, { ownerId: 'anna' })).toBe(true);
    expect(canEditRecord(dmitry, { ownerId: 'anna' })).toBe(false);
    expect(canAddNote(maria, { ownerId: 'anna' })).toBe(false);
    expect(canImport(maria)).toBe(true);
    expect(canCreateRecord(maria)).toBe(false);
    expect(canImport(nobody)).toBe(false);
  });

  it('keeps custom fields to admins and team views to their owner and managers', () => {
    expect(canManageCustomFields(olga)).toBe(true);
    expect(canManageCustomFields(igor)).toBe(false);
    expect(canEditView(anna, { ownerId: 'anna', visibility: 'private' })).toBe(true);
    expect(canEditView(anna, { ownerId: 'igor', visibility: 'team' })).toBe(false);
    expect(canEditView(igor, { ownerId: 'anna', visibility: 'team' })).toBe(true);
    expect(canEditView(igor, { ownerId: 'anna', visibility: 'private' })).toBe(false);
  });
});

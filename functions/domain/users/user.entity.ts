// The CRM profile of a user (the Cognito account holds the credentials and the roles).
// One item per user; `gsi1` lists the tenant's users by name (owner pickers, leaderboards).
import { z } from 'zod';
import type { Versioned } from '../mutations.ts';

export const locales = ['ru', 'en'] as const;
export type Locale = (typeof locales)[number];

export const userKey = (userId: string) => ({ pk: `USER#${userId}`, sk: 'PROFILE' }) as const;

export const userListKeys = (name: string, userId: string) => ({
  gsi1pk: 'USERS',
  gsi1sk: `${name.toLocaleLowerCase('ru')}#${userId}`,
});

export type UserAttributes = {
  readonly userId: string;
  readonly email: string;
  readonly name: string;
  readonly locale: Locale;
  readonly emailNotifications: boolean;
  /** Plain text under the user's marketing e-mails (`{{ owner.signature }}`). */
  readonly signature?: string;
};

export type UserItem = Versioned & UserAttributes & ReturnType<typeof userListKeys>;

/** The fields a user may change about themselves. */
export const profileChangeSchema = z
  .object({
    expectedVersion: z.number().int().positive(),
    name: z.string().trim().min(1, 'must not be empty').max(120, 'at most 120 characters').optional(),
    locale: z.enum(locales).optional(),
    emailNotifications: z.boolean().optional(),
    /** `null` or an empty text removes it. */
    signature: z.string().trim().max(1000, 'at most 1000 characters').nullable().optional(),
  })
  .strict();

export type ProfileChange = z.infer<typeof profileChangeSchema>;

export type UserView = UserAttributes & {
  readonly id: string;
  readonly version: number;
  readonly createdAt: string;
};

export const toUserView = (item: UserItem): UserView => ({
  id: item.userId,
  userId: item.userId,
  email: item.email,
  name: item.name,
  locale: item.locale,
  emailNotifications: item.emailNotifications,
  ...(item.signature ? { signature: item.signature } : {}),
  version: item.version,
  createdAt: item.createdAt,
});

/** The user as events carry it (events/schemas/users.ts). */
export const toUserSnapshot = (item: UserItem) => ({
  userId: item.userId,
  email: item.email,
  name: item.name,
  locale: item.locale,
  version: item.version,
});

export const createMockUser = (overrides: Partial<UserItem> = {}): UserItem => {
  const userId = overrides.userId ?? '5f1c1d9e-0000-4000-8000-000000000001';
  const name = overrides.name ?? 'Анна Смирнова';
  return {
    ...userKey(userId),
    ...userListKeys(name, userId),
    entity: 'user',
    userId,
    email: 'anna@demo.example',
    name,
    locale: 'ru',
    emailNotifications: true,
    version: 1,
    createdAt: '2026-11-24T09:00:00.000Z',
    createdBy: userId,
    updatedAt: '2026-11-24T09:00:00.000Z',
    updatedBy: userId,
    ...overrides,
  };
};

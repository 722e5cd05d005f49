// The roles of the CRM. Each is a Cognito group of the tenant's user pool; a user's roles
// arrive in the token's `cognito:groups` claim.

export const roles = ['admin', 'sales-manager', 'sales', 'marketing', 'support'] as const;
export type Role = (typeof roles)[number];

export const isRole = (value: string): value is Role => (roles as readonly string[]).includes(value);

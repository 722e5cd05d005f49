// E-mail addresses as the CRM compares them: trimmed and lower-cased (the local part is
// case-insensitive at every mail provider that matters here).
import { z } from 'zod';

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

export const isEmail = (email: string): boolean => z.email().safeParse(normalizeEmail(email)).success;

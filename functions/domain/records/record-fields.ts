// Field schemas shared by companies and contacts: phones, e-mails, messengers, addresses,
// tags, lead sources, owners. Inputs are validated and normalized here (phones to E.164,
// e-mails lower-cased), so every module stores and compares them the same way.
import { z } from 'zod';
import { isEmail, normalizeEmail } from '../normalize/email.ts';
import { parsePhone } from '../normalize/phone.ts';
import {
  addressKinds,
  emailKinds,
  type LeadSource,
  leadSources,
  messengerKinds,
  phoneKinds,
} from './value-lists.ts';

export { addressKinds, emailKinds, type LeadSource, leadSources, messengerKinds, phoneKinds };

/** A phone as typed; stored as E.164. */
export const phoneSchema = z
  .object({ value: z.string().max(40), kind: z.enum(phoneKinds).default('work') })
  .transform((phone, ctx) => {
    const parsed = parsePhone(phone.value);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: parsed.reason });
      return z.NEVER;
    }
    return { value: parsed.e164, kind: phone.kind };
  });

export const emailSchema = z
  .object({ value: z.string().max(254), kind: z.enum(emailKinds).default('work') })
  .transform((email, ctx) => {
    if (!isEmail(email.value)) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'is not an e-mail address' });
      return z.NEVER;
    }
    return { value: normalizeEmail(email.value), kind: email.kind };
  });

export const messengerSchema = z.object({
  kind: z.enum(messengerKinds),
  handle: z.string().trim().min(1, 'must not be empty').max(100),
});

export const addressSchema = z.object({
  kind: z.enum(addressKinds).default('actual'),
  line: z.string().trim().min(1, 'must not be empty').max(300),
  city: z.string().trim().max(100).optional(),
  region: z.string().trim().max(100).optional(),
  postalCode: z.string().trim().max(20).optional(),
  /** ISO 3166-1 alpha-2, e.g. RU. */
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be a two-letter country code such as RU')
    .optional(),
});

export const tagSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(50, 'at most 50 characters')
  .transform((t) => t.toLocaleLowerCase('ru'));

/** Up to `max` of something, none repeated (by `key`). */
export const uniqueList = <S extends z.ZodType>(item: S, max: number, key: (v: z.infer<S>) => string) =>
  z
    .array(item)
    .max(max, `at most ${max}`)
    .transform((list) => {
      const seen = new Set<string>();
      return list.filter((v) => {
        const k = key(v);
        if (seen.has(k)) return false;
        seen.add(k);
        return true;
      });
    });

export type Phone = z.infer<typeof phoneSchema>;
export type Email = z.infer<typeof emailSchema>;
export type Messenger = z.infer<typeof messengerSchema>;
export type Address = z.infer<typeof addressSchema>;

export const phonesSchema = uniqueList(phoneSchema, 10, (p) => p.value);
export const emailsSchema = uniqueList(emailSchema, 10, (e) => e.value);
export const tagsSchema = uniqueList(tagSchema, 30, (t) => t);

/** Every record has an owner: the responsible user (Ответственный). */
export const ownerIdSchema = z.string().min(1, 'must name a user').max(100);

// The demo base, written through the domain's own create functions (the API's code path: input
// schemas, custom-field checks, index keys, search tokens, links, audit entries, versions), as
// the tenant's staff: companies with 1–3 contacts each, owners among the staff, tags, lifecycle
// stages, lead sources, custom fields and notes.
//
// History is real history: each record is created at a moment of the past 18 months, by moving
// the domain's clock (functions/lib/clock.ts reads CRM_CLOCK_OFFSET_MS on every call), so
// creation dates, audit entries, timelines and "last activity" spread out as in a lived-in CRM.
// Records created at the same moment are written together; the clock moves between moments.
// Imported only after the environment points the domain at the tenant's table (seed.ts).
import { createCompany } from '../../functions/domain/companies/companies.ts';
import { createContact } from '../../functions/domain/contacts/contacts.ts';
import { createCustomField, loadDefinitions } from '../../functions/domain/custom-fields/custom-fields.ts';
import { createNote } from '../../functions/domain/notes/notes.ts';
import type { Principal } from '../../functions/lib/principal.ts';
import { createRandom, fakeCompany, fakeContact } from './fake-data.ts';
import { companyBody, contactBody } from './record-items.ts';

export type Staff = Principal & { readonly email: string; readonly name: string };

export type DemoBaseOptions = {
  readonly companies: number;
  readonly seed: number;
  /** The first fake-data index: a second run with another start adds different companies. */
  readonly start: number;
  readonly staff: readonly Staff[];
  readonly onProgress: (done: { companies: number; contacts: number; notes: number }) => void;
};

const day = 24 * 3600 * 1000;

const noteTexts = [
  'Созвонились, обсудили условия поставки на следующий квартал.',
  'Отправили коммерческое предложение, ждём ответа до конца недели.',
  'Встреча в офисе клиента: показали демо, интерес к модулю аналитики.',
  'Клиент просит скидку 5% при предоплате. Согласовать с РОП.',
  'Напомнить о продлении договора в следующем месяце.',
  'Бухгалтерия запросила акт сверки за прошлый год.',
  'Новый ЛПР — коммерческий директор, нужна повторная презентация.',
  'Счёт оплачен, отгрузка запланирована на понедельник.',
  'Жалоба на сроки доставки, передали в службу поддержки.',
  'Called about the renewal; they want a proposal in English.',
] as const;

const customFieldDefinitions = [
  {
    entity: 'company',
    key: 'segment',
    label: { ru: 'Сегмент', en: 'Segment' },
    type: 'select',
    options: [
      { value: 'smb', label: { ru: 'Малый бизнес', en: 'Small business' } },
      { value: 'mid', label: { ru: 'Средний бизнес', en: 'Mid-market' } },
      { value: 'enterprise', label: { ru: 'Крупный бизнес', en: 'Enterprise' } },
    ],
    order: 1,
  },
  {
    entity: 'company',
    key: 'annual-revenue',
    label: { ru: 'Годовая выручка', en: 'Annual revenue' },
    type: 'money',
    currency: 'RUB',
    order: 2,
  },
  {
    entity: 'contact',
    key: 'decision-maker',
    label: { ru: 'ЛПР', en: 'Decision maker' },
    type: 'checkbox',
    order: 1,
  },
] as const;

/** Runs `work` with the domain's clock `offsetMs` in the past. */
export const at = async <T>(offsetMs: number, work: () => Promise<T>): Promise<T> => {
  process.env.CRM_CLOCK_OFFSET_MS = String(-offsetMs);
  try {
    return await work();
  } finally {
    delete process.env.CRM_CLOCK_OFFSET_MS;
  }
};

const inParallel = async <T>(items: readonly T[], concurrency: number, run: (item: T) => Promise<void>) => {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await run(items[next++] as T);
    }),
  );
};

type Planned = {
  index: number;
  owner: Staff;
  daysAgo: number;
  contacts: number;
  notes: number[];
  customFields: Record<string, unknown>;
};

export const seedDemoBase = async (options: DemoBaseOptions) => {
  const admin = options.staff.find((s) => s.roles.includes('admin'));
  const owners = options.staff.filter((s) =>
    s.roles.some((r) => r === 'sales' || r === 'sales-manager' || r === 'admin'),
  );
  if (!admin || owners.length === 0)
    throw new Error('the tenant has no admin or sales staff to own the demo records');

  // Custom fields first: records are checked against them.
  const existing = new Set((await loadDefinitions()).map((d) => `${d.entity}.${d.key}`));
  for (const definition of customFieldDefinitions)
    if (!existing.has(`${definition.entity}.${definition.key}`)) await createCustomField(admin, definition);

  // Sales staff own most companies, the manager fewer, the admin a handful.
  const weights = owners.map((o) =>
    o.roles.includes('sales') ? 5 : o.roles.includes('sales-manager') ? 3 : 1,
  );
  const pickOwner = (x: number) => {
    let left = x * weights.reduce((a, b) => a + b, 0);
    for (const [i, w] of weights.entries()) {
      left -= w;
      if (left < 0) return owners[i] as Staff;
    }
    return owners[0] as Staff;
  };

  // Marketing consent as a CRM that has collected it for a while has it: most contacts agreed
  // (on a web form, by e-mail, in person), some withdrew, the rest were never asked — so that
  // the first segment a newcomer builds has recipients and exclusions to show.
  const demoConsent = (r: ReturnType<typeof createRandom>, daysAgo: number) => {
    const roll = r.next();
    if (roll >= 0.8) return { status: 'unknown' as const };
    const at = new Date(Date.now() - r.int(0, daysAgo) * day).toISOString();
    return roll < 0.7
      ? {
          status: 'granted' as const,
          at,
          method: r.pick(['web-form', 'web-form', 'email', 'in-person'] as const),
        }
      : { status: 'withdrawn' as const, at, method: 'email' as const };
  };

  const plan: Planned[] = Array.from({ length: options.companies }, (_, i) => {
    const index = options.start + i;
    const r = createRandom(options.seed * 97 + index);
    const daysAgo = r.int(2, 540);
    return {
      index,
      owner: pickOwner(r.next()),
      daysAgo,
      contacts: r.int(1, 3),
      notes: r.chance(0.6) ? Array.from({ length: r.int(1, 3) }, () => r.int(0, daysAgo - 1)) : [],
      customFields: {
        ...(r.chance(0.7) ? { segment: r.pick(['smb', 'smb', 'mid', 'enterprise'] as const) } : {}),
        ...(r.chance(0.4)
          ? { 'annual-revenue': { amount: r.int(5, 5000) * 1_000_000_00, currency: 'RUB' } }
          : {}),
      },
    };
  });

  const done = { companies: 0, contacts: 0, notes: 0 };
  const companyIds = new Map<number, { id: string; owner: Staff; contactIds: string[] }>();

  // Companies with their contacts, oldest first, a moment at a time.
  const byDay = Map.groupBy(plan, (p) => p.daysAgo);
  for (const daysAgo of [...byDay.keys()].sort((a, b) => b - a)) {
    await at(daysAgo * day, () =>
      inParallel(byDay.get(daysAgo) ?? [], 4, async (p) => {
        const fake = fakeCompany(options.seed, p.index);
        const company = await createCompany(p.owner, {
          ...companyBody(fake, p.owner.userId),
          customFields: p.customFields,
          allowDuplicate: true,
        });
        const domain = fake.website.replace('https://', '');
        const contactIds: string[] = [];
        for (let n = 0; n < p.contacts; n++) {
          const person = fakeContact(options.seed, p.index, n, domain);
          const contact = await createContact(p.owner, {
            ...contactBody(person, p.owner.userId, company.id),
            marketingConsent: demoConsent(createRandom(options.seed * 131 + p.index * 7 + n), daysAgo),
            ...(/директор/i.test(person.jobTitle) ? { customFields: { 'decision-maker': true } } : {}),
            allowDuplicate: true,
          });
          contactIds.push(contact.id);
          done.contacts++;
        }
        companyIds.set(p.index, { id: company.id, owner: p.owner, contactIds });
        done.companies++;
        options.onProgress(done);
      }),
    );
  }

  // Notes, later in each company's life, on the company and now and then on a contact too.
  const notes = plan.flatMap((p) => p.notes.map((daysAgo, k) => ({ p, daysAgo, k })));
  const notesByDay = Map.groupBy(notes, (n) => n.daysAgo);
  for (const daysAgo of [...notesByDay.keys()].sort((a, b) => b - a)) {
    await at(daysAgo * day + 3 * 3600 * 1000, () =>
      inParallel(notesByDay.get(daysAgo) ?? [], 4, async ({ p, k }) => {
        const company = companyIds.get(p.index);
        if (!company) return;
        const contactId = k % 2 === 1 ? company.contactIds[0] : undefined;
        await createNote(company.owner, {
          subjects: [
            { type: 'company', id: company.id },
            ...(contactId ? [{ type: 'contact', id: contactId }] : []),
          ],
          text: noteTexts[(p.index + k) % noteTexts.length],
        });
        done.notes++;
        options.onProgress(done);
      }),
    );
  }
  return { ...done, owners: owners.map((o) => o.name) };
};

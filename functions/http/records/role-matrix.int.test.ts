// The route × role matrix of the customer base (docs/customer-base.md "Roles") and of activities
// and tasks (docs/activities-and-tasks.md "Roles"): every route of the companies, contacts,
// activity, attachments, custom-fields, trash, users, activities, tasks, calendar-feed and
// automation-settings functions, called by every role — admin, sales manager, sales on their
// own record, sales on someone else's, marketing, support, and a user without a role. An
// allowed call answers 2xx; a refused one answers 403 with nothing but the error (no field of
// the record in its body) and changes nothing: the partitions it would write are the same
// before and after, and a refused create leaves no item behind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../../scripts/local/runtime.ts';
import { type ApiResponse, startTestRuntime } from '../../../scripts/local/testing.ts';
import {
  type Caller,
  type DemoSession,
  demoSession,
  itemsMentioning,
  type Person,
  runtimeOptions,
  uniqueInn,
  uniqueWord,
} from './record-test-support.ts';

let runtime: LocalRuntime;
let s: DemoSession;

beforeAll(async () => {
  runtime = await startTestRuntime(['demo'], runtimeOptions());
  s = await demoSession(runtime);
});
afterAll(async () => runtime?.stop());

const personas = ['admin', 'manager', 'salesOwner', 'salesOther', 'marketing', 'support', 'nobody'] as const;
type Persona = (typeof personas)[number];

const readers: readonly Persona[] = personas.filter((p) => p !== 'nobody');
const editors: readonly Persona[] = ['admin', 'manager', 'salesOwner'];
const activityLoggers: readonly Persona[] = ['admin', 'manager', 'salesOwner', 'salesOther', 'support'];
const admins: readonly Persona[] = ['admin'];

const callerOf = (p: Persona): Person => (p === 'salesOwner' || p === 'salesOther' ? 'sales' : p);
/** Whose records a persona meets: Anna's own for "sales as owner", Igor's for everyone else. */
const ownerOf = (p: Persona): Person => (p === 'salesOwner' ? 'sales' : 'manager');
/** Who wrote the notes and files a persona meets. */
const authorOf = (p: Persona): Person => (p === 'salesOwner' ? 'sales' : 'admin');

/** What a call may touch: a partition, or the items of it whose sort key starts with a prefix. */
type Watch = readonly [pk: string, skPrefix?: string];

type Fixture = {
  readonly watch: readonly Watch[];
  /** Strings of the records involved that a refused answer must not contain. */
  readonly secrets: readonly string[];
  /** For creates: a word in the body that no item may contain after a refusal. */
  readonly marker?: string;
  readonly [key: string]: unknown;
};

type RouteCase = {
  readonly route: string;
  readonly allowed: readonly Persona[];
  readonly setup: (p: Persona) => Promise<Fixture>;
  readonly call: (f: Fixture, caller: Caller) => Promise<ApiResponse>;
};

const created = (r: ApiResponse, what: string) => {
  expect(r.status, `${what}: ${JSON.stringify(r.body)}`).toBeLessThan(300);
  return r.body;
};

const company = async (owner: Person) => {
  const name = `ООО «${uniqueWord()}»`;
  const inn = uniqueInn();
  const { company: c } = created(
    await s.as.admin('POST', '/api/companies', { name, inn, ownerId: s.ids[owner] }),
    'company',
  );
  return { id: c.id as string, version: c.version as number, name, inn };
};

const contact = async (owner: Person, companyId?: string) => {
  const lastName = uniqueWord();
  const { contact: c } = created(
    await s.as.admin('POST', '/api/contacts', {
      firstName: 'Тест',
      lastName,
      ownerId: s.ids[owner],
      ...(companyId ? { companyId } : {}),
    }),
    'contact',
  );
  return { id: c.id as string, version: c.version as number, name: lastName, inn: lastName };
};

const recordWatch = (type: 'company' | 'contact', id: string): Watch[] => [
  [`${type.toUpperCase()}#${id}`],
  [`AUDIT#${type}#${id}`],
];

const recordCases = (type: 'company' | 'contact'): RouteCase[] => {
  const base = type === 'company' ? '/api/companies' : '/api/contacts';
  const make = type === 'company' ? (owner: Person) => company(owner) : (owner: Person) => contact(owner);
  const one = async (p: Persona) => {
    const r = await make(ownerOf(p));
    return { ...r, watch: recordWatch(type, r.id), secrets: [r.name, r.inn] };
  };
  const body = (marker: string, owner: Person) =>
    type === 'company'
      ? { name: marker, ownerId: s.ids[owner] }
      : { firstName: 'Тест', lastName: marker, ownerId: s.ids[owner] };
  return [
    {
      route: `POST ${base}`,
      allowed: editors,
      setup: async (p) => ({ watch: [], secrets: [], marker: uniqueWord(), owner: ownerOf(p) }),
      call: (f, call) => call('POST', base, body(String(f.marker), f.owner as Person)),
    },
    {
      route: `POST ${base}/duplicates`,
      allowed: readers,
      setup: one,
      call: (f, call) =>
        call(
          'POST',
          `${base}/duplicates`,
          type === 'company' ? { name: f.name } : { firstName: 'Тест', lastName: f.name },
        ),
    },
    {
      route: `POST ${base}/bulk`,
      allowed: editors,
      setup: one,
      call: (f, call) => call('POST', `${base}/bulk`, { action: 'add-tags', ids: [f.id], tags: ['матрица'] }),
    },
    {
      route: `GET ${base}/{id}`,
      allowed: readers,
      setup: one,
      call: (f, call) => call('GET', `${base}/${f.id}`),
    },
    {
      route: `PATCH ${base}/{id}`,
      allowed: editors,
      setup: one,
      call: (f, call) => call('PATCH', `${base}/${f.id}`, { expectedVersion: f.version, tags: ['матрица'] }),
    },
    {
      route: `DELETE ${base}/{id}`,
      allowed: editors,
      setup: one,
      call: (f, call) => call('DELETE', `${base}/${f.id}?expectedVersion=${f.version}`),
    },
    {
      route: `POST ${base}/{id}/restore`,
      allowed: editors,
      setup: async (p) => {
        const f = await one(p);
        created(await s.as.admin('DELETE', `${base}/${f.id}?expectedVersion=${f.version}`), 'delete');
        return { ...f, version: f.version + 1 };
      },
      call: (f, call) => call('POST', `${base}/${f.id}/restore`, { expectedVersion: f.version }),
    },
    {
      route: `POST ${base}/{id}/merge`,
      allowed: editors,
      setup: async (p) => {
        const [survivor, duplicate] = [await one(p), await one(p)];
        return {
          survivor,
          duplicate,
          watch: [...survivor.watch, ...duplicate.watch],
          secrets: [...survivor.secrets, ...duplicate.secrets],
        };
      },
      call: (f, call) => {
        const { survivor, duplicate } = f as unknown as Record<'survivor' | 'duplicate', { id: string }>;
        return call('POST', `${base}/${survivor.id}/merge`, {
          duplicateId: duplicate.id,
          expectedVersion: 1,
          duplicateVersion: 1,
        });
      },
    },
  ];
};

const note = async (author: Person, on: { id: string }) => {
  const text = `Заметка ${uniqueWord()}`;
  const { note: n } = created(
    await s.as[author]('POST', '/api/notes', { subjects: [{ type: 'company', id: on.id }], text }),
    'note',
  );
  return { id: n.id as string, text };
};

const pdf = Buffer.from('%PDF-1.4 matrix');

/** A file on a company, uploaded by `author`; completed unless `pending`. */
const attachment = async (author: Person, on: { id: string }, pending = false) => {
  const fileName = `${uniqueWord()}.pdf`;
  const r = created(
    await s.as[author]('POST', '/api/attachments', {
      subject: { type: 'company', id: on.id },
      fileName,
      size: pdf.length,
      contentType: 'application/pdf',
    }),
    'attachment',
  );
  const put = await fetch(r.upload.url, { method: 'PUT', body: pdf, headers: r.upload.headers });
  expect(put.status).toBe(200);
  if (!pending)
    created(await s.as[author]('POST', `/api/attachments/${r.attachment.id}/complete`), 'complete');
  return { id: r.attachment.id as string, fileName };
};

const attachmentWatch = (id: string, companyId: string): Watch[] => [
  [`ATTACHMENT#${id}`],
  [`AUDIT#attachment#${id}`],
  [`COMPANY#${companyId}`, 'ATTACHMENT#'],
];

const fieldKey = () => `m${uniqueWord().toLowerCase().slice(1, 12)}`;

const customField = async () => {
  const key = fieldKey();
  const label = { ru: `Поле ${key}`, en: `Field ${key}` };
  created(
    await s.as.admin('POST', '/api/custom-fields', { entity: 'contact', key, label, type: 'text' }),
    'field',
  );
  return {
    key,
    watch: [['SETTINGS#custom-fields', `contact#${key}`], [`AUDIT#custom-field#contact#${key}`]] as Watch[],
    secrets: [label.ru],
  };
};

/** A call logged by `author` on a company of `owner`'s. */
const call = async (author: Person, owner: Person) => {
  const c = await company(owner);
  const notes = `Звонок ${uniqueWord()}`;
  const { activity: a } = created(
    await s.as[author]('POST', '/api/activities', {
      kind: 'call',
      companyId: c.id,
      direction: 'outbound',
      durationSeconds: 60,
      outcome: 'connected',
      notes,
    }),
    'activity',
  );
  return { id: a.id as string, notes, watch: [[`ACTIVITY#${a.id}`], [`AUDIT#activity#${a.id}`]] as Watch[] };
};

const activityCases = (): RouteCase[] => [
  {
    route: 'POST /api/activities',
    allowed: activityLoggers,
    setup: async (p) => ({ ...(await company(ownerOf(p))), watch: [], secrets: [], marker: uniqueWord() }),
    call: (f, call) =>
      call('POST', '/api/activities', {
        kind: 'email',
        companyId: f.id,
        subject: 'КП',
        body: String(f.marker),
        direction: 'outbound',
      }),
  },
  {
    route: 'GET /api/activities/{id}',
    allowed: readers,
    setup: async (p) => {
      const a = await call('admin', ownerOf(p));
      return { ...a, watch: [], secrets: [a.notes] };
    },
    call: (f, call) => call('GET', `/api/activities/${f.id}`),
  },
  {
    route: 'PATCH /api/activities/{id}',
    allowed: editors,
    setup: async (p) => {
      const a = await call(authorOf(p), 'manager');
      return { ...a, secrets: [a.notes] };
    },
    call: (f, call) => call('PATCH', `/api/activities/${f.id}`, { expectedVersion: 1, outcome: 'busy' }),
  },
  {
    route: 'DELETE /api/activities/{id}',
    allowed: editors,
    setup: async (p) => {
      const a = await call(authorOf(p), 'manager');
      return { ...a, secrets: [a.notes] };
    },
    call: (f, call) => call('DELETE', `/api/activities/${f.id}?expectedVersion=1`),
  },
];

const hour = 3600_000;

/** A task an admin gives to `assignee`, due `inMs` from now. */
const task = async (assignee: Person, inMs: number) => {
  const title = `Задача ${uniqueWord()}`;
  const { task: t } = created(
    await s.as.admin('POST', '/api/tasks', {
      title,
      dueAt: new Date(Date.now() + inMs).toISOString(),
      assigneeId: s.ids[assignee],
    }),
    'task',
  );
  return { id: t.id as string, title, watch: [[`TASK#${t.id}`], [`AUDIT#task#${t.id}`]] as Watch[] };
};

// Tasks: everyone keeps their own; managers and admins see and give anyone's. Each persona asks
// about the tasks of the person whose records it meets (its own for "sales as owner").
const taskCases = (): RouteCase[] => [
  {
    route: 'POST /api/tasks',
    allowed: editors,
    setup: async (p) => ({ watch: [], secrets: [], marker: uniqueWord(), assignee: ownerOf(p) }),
    call: (f, call) =>
      call('POST', '/api/tasks', {
        title: String(f.marker),
        dueAt: new Date(Date.now() + hour).toISOString(),
        assigneeId: s.ids[f.assignee as Person],
      }),
  },
  ...(
    [
      ['today', 0],
      ['overdue', -hour],
      ['upcoming', 3 * 24 * hour],
    ] as const
  ).map(
    ([list, inMs]): RouteCase => ({
      route: `GET /api/tasks/${list}`,
      allowed: editors,
      setup: async (p) => {
        const t = await task(ownerOf(p), inMs);
        return { ...t, watch: [], secrets: [t.title], assignee: ownerOf(p) };
      },
      call: (f, call) => call('GET', `/api/tasks/${list}?assigneeId=${s.ids[f.assignee as Person]}`),
    }),
  ),
  {
    route: 'GET /api/tasks/created',
    allowed: editors,
    setup: async (p) => {
      const title = `Задача ${uniqueWord()}`;
      created(
        await s.as[ownerOf(p)]('POST', '/api/tasks', {
          title,
          dueAt: new Date(Date.now() + hour).toISOString(),
        }),
        'task',
      );
      return { watch: [], secrets: [title], author: ownerOf(p) };
    },
    call: (f, call) => call('GET', `/api/tasks/created?createdBy=${s.ids[f.author as Person]}`),
  },
  {
    route: 'GET /api/tasks/{id}',
    allowed: editors,
    setup: async (p) => {
      const t = await task(ownerOf(p), hour);
      return { ...t, watch: [], secrets: [t.title] };
    },
    call: (f, call) => call('GET', `/api/tasks/${f.id}`),
  },
  {
    route: 'PATCH /api/tasks/{id}',
    allowed: editors,
    setup: async (p) => {
      const t = await task(ownerOf(p), hour);
      return { ...t, secrets: [t.title] };
    },
    call: (f, call) => call('PATCH', `/api/tasks/${f.id}`, { expectedVersion: 1, done: true }),
  },
  {
    route: 'DELETE /api/tasks/{id}',
    allowed: editors,
    setup: async (p) => {
      const t = await task(ownerOf(p), hour);
      return { ...t, secrets: [t.title] };
    },
    call: (f, call) => call('DELETE', `/api/tasks/${f.id}?expectedVersion=1`),
  },
];

/** Each user's own feed: anyone with a role; a user without one writes nothing in their partition. */
const calendarFeedCases = (): RouteCase[] =>
  (['GET', 'POST', 'DELETE'] as const).map((method) => ({
    route: `${method} /api/calendar-feed`,
    allowed: readers,
    setup: async (p) => ({ watch: [[`USER#${s.ids[callerOf(p)]}`, 'CALENDAR-FEED']], secrets: [] }),
    call: (_f, call) => call(method, '/api/calendar-feed'),
  }));

let automationsSaved: Promise<unknown> | undefined;
/** The settings item exists at version 1, so that the admin's PATCH below writes nothing. */
const automationsAtVersion1 = () => {
  automationsSaved ??= s.as
    .admin('PATCH', '/api/settings/automations', { expectedVersion: 0, onboardingCallOnWin: false })
    .then((r) => created(r, 'automation settings'));
  return automationsSaved;
};

const automationSettingsCases = (): RouteCase[] => [
  {
    route: 'GET /api/settings/automations',
    allowed: readers,
    setup: async () => ({ watch: [], secrets: ['onboardingCallOnWin'] }),
    call: (_f, call) => call('GET', '/api/settings/automations'),
  },
  {
    route: 'PATCH /api/settings/automations',
    allowed: admins,
    setup: async () => {
      await automationsAtVersion1();
      return { watch: [['SETTINGS#automations'], ['AUDIT#automation-settings#automations']], secrets: [] };
    },
    call: (_f, call) =>
      call('PATCH', '/api/settings/automations', { expectedVersion: 1, onboardingCallOnWin: false }),
  },
];

const cases: RouteCase[] = [
  ...recordCases('company'),
  {
    route: 'GET /api/companies/{id}/contacts',
    allowed: readers,
    setup: async (p) => {
      const c = await company(ownerOf(p));
      const person = await contact(ownerOf(p), c.id);
      return { ...c, watch: [], secrets: [person.name] };
    },
    call: (f, call) => call('GET', `/api/companies/${f.id}/contacts`),
  },
  ...recordCases('contact'),
  {
    route: 'POST /api/notes',
    allowed: activityLoggers,
    setup: async (p) => ({ ...(await company(ownerOf(p))), watch: [], secrets: [], marker: uniqueWord() }),
    call: (f, call) =>
      call('POST', '/api/notes', { subjects: [{ type: 'company', id: f.id }], text: f.marker }),
  },
  {
    route: 'PATCH /api/notes/{id}',
    allowed: editors,
    setup: async (p) => {
      const n = await note(authorOf(p), await company('manager'));
      return { ...n, watch: [[`NOTE#${n.id}`], [`AUDIT#note#${n.id}`]], secrets: [n.text] };
    },
    call: (f, call) => call('PATCH', `/api/notes/${f.id}`, { expectedVersion: 1, text: 'Исправлено' }),
  },
  {
    route: 'DELETE /api/notes/{id}',
    allowed: editors,
    setup: async (p) => {
      const n = await note(authorOf(p), await company('manager'));
      return { ...n, watch: [[`NOTE#${n.id}`], [`AUDIT#note#${n.id}`]], secrets: [n.text] };
    },
    call: (f, call) => call('DELETE', `/api/notes/${f.id}?expectedVersion=1`),
  },
  {
    route: 'GET /api/timeline/{type}/{id}',
    allowed: readers,
    setup: async (p) => {
      const c = await company(ownerOf(p));
      const n = await note('admin', c);
      return { ...c, watch: [], secrets: [c.name, c.inn, n.text] };
    },
    call: (f, call) => call('GET', `/api/timeline/company/${f.id}`),
  },
  {
    route: 'POST /api/attachments',
    allowed: activityLoggers,
    setup: async (p) => ({ ...(await company(ownerOf(p))), watch: [], secrets: [], marker: uniqueWord() }),
    call: (f, call) =>
      call('POST', '/api/attachments', {
        subject: { type: 'company', id: f.id },
        fileName: `${f.marker}.pdf`,
        size: 10,
        contentType: 'application/pdf',
      }),
  },
  {
    route: 'GET /api/attachments',
    allowed: readers,
    setup: async (p) => {
      const c = await company(ownerOf(p));
      const a = await attachment('admin', c);
      return { ...c, watch: [], secrets: [a.fileName] };
    },
    call: (f, call) => call('GET', `/api/attachments?subjectType=company&subjectId=${f.id}`),
  },
  {
    route: 'POST /api/attachments/{id}/complete',
    allowed: editors,
    setup: async (p) => {
      const c = await company(ownerOf(p));
      const a = await attachment(authorOf(p), c, true);
      return { ...a, watch: attachmentWatch(a.id, c.id), secrets: [a.fileName] };
    },
    call: (f, call) => call('POST', `/api/attachments/${f.id}/complete`),
  },
  {
    route: 'GET /api/attachments/{id}/download',
    allowed: readers,
    setup: async (p) => {
      const a = await attachment('admin', await company(ownerOf(p)));
      return { ...a, watch: [], secrets: [a.fileName] };
    },
    call: (f, call) => call('GET', `/api/attachments/${f.id}/download`),
  },
  {
    route: 'DELETE /api/attachments/{id}',
    allowed: editors,
    setup: async (p) => {
      const c = await company(ownerOf(p));
      const a = await attachment(authorOf(p), c);
      return { ...a, watch: attachmentWatch(a.id, c.id), secrets: [a.fileName] };
    },
    call: (f, call) => call('DELETE', `/api/attachments/${f.id}`),
  },
  {
    route: 'GET /api/custom-fields',
    allowed: readers,
    setup: async () => ({ ...(await customField()), watch: [] }),
    call: (_f, call) => call('GET', '/api/custom-fields'),
  },
  {
    route: 'POST /api/custom-fields',
    allowed: admins,
    setup: async () => ({ watch: [], secrets: [], marker: fieldKey() }),
    call: (f, call) =>
      call('POST', '/api/custom-fields', {
        entity: 'contact',
        key: f.marker,
        label: { ru: 'Поле', en: 'Field' },
        type: 'text',
      }),
  },
  {
    route: 'PATCH /api/custom-fields/{entity}/{key}',
    allowed: admins,
    setup: customField,
    call: (f, call) => call('PATCH', `/api/custom-fields/contact/${f.key}`, { expectedVersion: 1, order: 5 }),
  },
  {
    route: 'DELETE /api/custom-fields/{entity}/{key}',
    allowed: admins,
    setup: customField,
    call: (f, call) => call('DELETE', `/api/custom-fields/contact/${f.key}?expectedVersion=1`),
  },
  {
    route: 'GET /api/trash',
    allowed: readers,
    setup: async (p) => {
      const c = await company(ownerOf(p));
      created(await s.as.admin('DELETE', `/api/companies/${c.id}?expectedVersion=1`), 'delete');
      return { ...c, watch: [], secrets: [c.name] };
    },
    call: (_f, call) => call('GET', '/api/trash?type=company'),
  },
  {
    route: 'DELETE /api/trash/{type}/{id}',
    allowed: admins,
    setup: async (p) => {
      const c = await company(ownerOf(p));
      created(await s.as.admin('DELETE', `/api/companies/${c.id}?expectedVersion=1`), 'delete');
      return { ...c, watch: recordWatch('company', c.id), secrets: [c.name, c.inn] };
    },
    call: (f, call) => call('DELETE', `/api/trash/company/${f.id}`),
  },
  {
    route: 'GET /api/users',
    allowed: readers,
    setup: async () => ({ watch: [], secrets: ['anna.smirnova@demo.example', 'Анна Смирнова'] }),
    call: (_f, call) => call('GET', '/api/users'),
  },
  ...activityCases(),
  ...taskCases(),
  ...calendarFeedCases(),
  ...automationSettingsCases(),
];

const snapshot = async (watch: readonly Watch[]) =>
  Promise.all(
    watch.map(async ([pk, prefix]) =>
      (await s.partition(pk))
        .filter((item) => prefix === undefined || String(item.sk).startsWith(prefix))
        .sort((a, b) => String(a.sk).localeCompare(String(b.sk))),
    ),
  );

it('covers every route of the customer base’s functions', async () => {
  const { functions } = await import('../../catalog.ts');
  const mine = [
    'companies',
    'contacts',
    'activity',
    'attachments',
    'custom-fields',
    'trash',
    'users',
    'activities',
    'tasks',
    'calendar-feed',
    'automation-settings',
  ] as const;
  const routes = mine.flatMap((name) => functions[name].routes.map((r) => `${r.method} ${r.path}`));
  expect(cases.map((c) => c.route).sort()).toEqual(routes.sort());
});

describe.concurrent.each(cases)('$route', (routeCase) => {
  it.each(personas)('as %s', async (persona) => {
    const allowed = routeCase.allowed.includes(persona);
    const fixture = await routeCase.setup(persona);
    const before = await snapshot(fixture.watch);
    const r = await routeCase.call(fixture, s.as[callerOf(persona)]);
    if (allowed) {
      expect(r.status, JSON.stringify(r.body)).toBeGreaterThanOrEqual(200);
      expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
      return;
    }
    expect(r.status, JSON.stringify(r.body)).toBe(403);
    expect(Object.keys(r.body)).toEqual(['error']);
    expect(Object.keys(r.body.error).sort()).toEqual(['code', 'message']);
    expect(r.body.error.code).toBe('Forbidden');
    for (const secret of fixture.secrets) expect(JSON.stringify(r.body)).not.toContain(secret);
    expect(await snapshot(fixture.watch)).toEqual(before);
    if (fixture.marker) expect(await itemsMentioning(runtime, String(fixture.marker))).toEqual([]);
  });
});

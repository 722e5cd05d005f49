// Timeline entries read as sentences: «Анна Смирнова изменила стадию: Лид → Клиент», with the verb
// agreeing with the actor, values as users know them, and custom fields by their labels.
import { describe, expect, it } from 'vitest';
import { toTimelineEntry } from '../../api/activity.ts';
import { formatMoney } from '../../format/format.ts';
import { createTranslator } from '../../i18n/translate.ts';
import { type DescribeContext, describeEntry, guessGender } from './timeline-text.ts';

const users: Record<string, string> = {
  anna: 'Анна Смирнова',
  igor: 'Игорь Петров',
  olga: 'Ольга Кузнецова',
};

const context = (locale: 'ru' | 'en'): DescribeContext => ({
  ...createTranslator(() => locale),
  userName: (id) => users[id],
  customFields: [
    {
      entity: 'company',
      key: 'budget',
      label: { ru: 'Бюджет', en: 'Budget' },
      type: 'money',
      currency: 'RUB',
      required: false,
      order: 0,
    },
    {
      entity: 'company',
      key: 'segment',
      label: { ru: 'Сегмент', en: 'Segment' },
      type: 'select',
      options: [{ value: 'smb', label: { ru: 'Малый бизнес', en: 'SMB' } }],
      required: false,
      order: 1,
    },
  ],
  locale,
  formatDate: (iso) => iso.slice(0, 10).split('-').reverse().join('.'),
  formatDateTime: (iso) => `${iso.slice(0, 10).split('-').reverse().join('.')} ${iso.slice(11, 16)}`,
  formatTime: (iso) => iso.slice(11, 16),
  formatMoney: (amount, currency) => formatMoney(amount, currency, locale === 'ru' ? 'ru-RU' : 'en-GB'),
  formatNumber: (value) => String(value),
  subjectType: 'company',
  stageName: (id) => ({ meeting: 'Встреча', proposal: 'Коммерческое предложение' })[id],
  dealTitle: (id) => (id === 'd1' ? 'Поставка серверов' : undefined),
  quoteNumber: (id) => (id === 'q1' ? 'КП-2026-0001' : undefined),
});

const audit = (fields: Record<string, unknown>) =>
  toTimelineEntry({
    kind: 'audit',
    action: 'updated',
    at: '2026-11-24T09:00:00.000Z',
    actorId: 'anna',
    ...fields,
  });

describe('timeline sentences', () => {
  it('says who changed the stage, from what to what, with the verb in her gender', () => {
    const entry = audit({ changes: [{ field: 'lifecycleStage', from: 'lead', to: 'customer' }] });
    expect(describeEntry(entry, context('ru')).title).toBe('Анна Смирнова изменила стадию: Лид → Клиент');
    expect(describeEntry({ ...entry, actorId: 'igor' }, context('ru')).title).toBe(
      'Игорь Петров изменил стадию: Лид → Клиент',
    );
    expect(describeEntry(entry, context('en')).title).toBe('Анна Смирнова changed stage: Lead → Customer');
  });

  it('names owners, formats phones and shows an empty value as a dash', () => {
    const owner = audit({ changes: [{ field: 'ownerId', from: 'anna', to: 'igor' }] });
    expect(describeEntry(owner, context('ru')).title).toBe(
      'Анна Смирнова изменила ответственного: Анна Смирнова → Игорь Петров',
    );
    const phones = audit({
      changes: [{ field: 'phones', from: [], to: [{ value: '+79123456789', kind: 'work' }] }],
    });
    expect(describeEntry(phones, context('ru')).title).toBe(
      'Анна Смирнова изменила телефоны: — → +7 (912) 345-67-89',
    );
  });

  it('lists several changes, custom fields by their labels and options', () => {
    const entry = audit({
      changes: [
        { field: 'name', from: 'Ромашка', to: 'ООО «Ромашка»' },
        {
          field: 'customFields',
          from: { budget: { amount: 100000, currency: 'RUB' } },
          to: { budget: { amount: 250000, currency: 'RUB' }, segment: 'smb' },
        },
      ],
    });
    const text = describeEntry(entry, context('ru'));
    expect(text.title).toBe('Анна Смирнова изменила 3 поля');
    expect(text.changes.map((c) => `${c.label}: ${c.from} → ${c.to}`.replace(/\s/g, ' '))).toEqual([
      'название: Ромашка → ООО «Ромашка»',
      'поле «Бюджет»: 1 000,00 ₽ → 2 500,00 ₽',
      'поле «Сегмент»: — → Малый бизнес',
    ]);
  });

  it('tells notes, imports, merges, creation and deletion apart', () => {
    const ru = context('ru');
    const note = toTimelineEntry({
      kind: 'note',
      at: '2026-11-20T09:00:00.000Z',
      backdated: true,
      actorId: 'olga',
      text: 'Звонил директор',
    });
    expect(describeEntry(note, ru)).toMatchObject({
      title: 'Ольга Кузнецова добавила заметку',
      body: 'Звонил директор',
    });
    expect(note.backdated).toBe(true);
    expect(
      describeEntry(
        toTimelineEntry({ kind: 'import', at: 'x', actorId: 'igor', fileName: 'clients.csv' }),
        ru,
      ).title,
    ).toBe('Импортировано из файла clients.csv пользователем Игорь Петров');
    expect(
      describeEntry(
        toTimelineEntry({
          kind: 'merge',
          at: 'x',
          actorId: 'igor',
          related: { type: 'company', id: 'c2', name: 'Ромашка (дубль)' },
        }),
        ru,
      ).title,
    ).toBe('Игорь Петров объединил с дублем «Ромашка (дубль)»');
    expect(describeEntry(audit({ action: 'created' }), ru).title).toBe('Анна Смирнова создала компанию');
    expect(describeEntry(audit({ action: 'deleted', actorId: 'unknown-user' }), ru).title).toBe(
      'Пользователь удалил(а) компанию',
    );
  });

  it('names a contact changed on its company timeline and marks history from a merged duplicate', () => {
    const ru = { ...context('ru'), subjectId: 'c1' };
    const contactCreated = toTimelineEntry({
      kind: 'audit',
      action: 'created',
      at: 'x',
      actorId: 'anna',
      subjects: [{ type: 'contact', id: 'p1' }],
      changes: [
        { field: 'firstName', to: 'Иван' },
        { field: 'lastName', to: 'Петров' },
      ],
    });
    expect(describeEntry(contactCreated, ru)).toMatchObject({
      title: 'Анна Смирнова создала контакт Петров Иван',
      contact: { id: 'p1', name: 'Петров Иван' },
    });
    const fromDuplicate = toTimelineEntry({
      kind: 'audit',
      action: 'updated',
      at: 'x',
      actorId: 'igor',
      subjects: [{ type: 'company', id: 'c2' }],
      changes: [{ field: 'industry', from: 'Опт', to: 'Розница' }],
    });
    expect(describeEntry(fromDuplicate, ru).title).toBe(
      'Игорь Петров изменил отрасль: Опт → Розница (в объединённом дубле)',
    );
    const merged = toTimelineEntry({
      kind: 'audit',
      action: 'merged',
      at: 'x',
      actorId: 'igor',
      subjects: [{ type: 'company', id: 'c1' }],
      merge: { survivorId: 'c1', duplicateId: 'c2' },
      changes: [{ field: 'tags', from: ['vip'], to: ['vip', 'опт'] }],
    });
    const text = describeEntry(merged, ru);
    expect(text.title).toBe('Игорь Петров объединил с этой записью её дубль');
    expect(text.changes.map((c) => `${c.label}: ${c.from} → ${c.to}`)).toEqual(['теги: vip → vip, опт']);
  });

  it('guesses grammatical gender from Russian names', () => {
    expect(guessGender('Анна Смирнова')).toBe('female');
    expect(guessGender('Смирнова Анна')).toBe('female');
    expect(guessGender('Никита Соколов')).toBe('male');
    expect(guessGender('Мария')).toBe('female');
    expect(guessGender('Илья')).toBe('male');
    expect(guessGender('admin')).toBe('other');
  });
});

describe('calls, meetings and e-mails', () => {
  const activity = (details: Record<string, unknown>) =>
    toTimelineEntry({
      id: 'activity#a1',
      kind: 'activity',
      at: '2026-11-24T09:00:00.000Z',
      actorId: 'anna',
      backdated: false,
      subjects: [{ type: 'company', id: 'c1' }],
      activity: { id: 'a1', contactIds: [], authorId: 'anna', ...details },
    });

  it('tells a call by its direction, duration and outcome, with its note', () => {
    const call = activity({
      kind: 'call',
      call: { direction: 'outbound', durationSeconds: 270, outcome: 'connected' },
      notes: 'Ждут КП до пятницы',
    });
    expect(describeEntry(call, context('ru'))).toMatchObject({
      icon: 'phone',
      title: 'Анна Смирнова: исходящий звонок',
      detail: '4 мин 30 с · Разговор состоялся',
      body: 'Ждут КП до пятницы',
    });
    const missed = activity({
      kind: 'call',
      call: { direction: 'inbound', durationSeconds: 0, outcome: 'no-answer' },
    });
    expect(describeEntry(missed, context('en'))).toMatchObject({
      title: 'Анна Смирнова: inbound call',
      detail: 'No answer',
    });
  });

  it('tells a meeting by its subject, time and place, and an e-mail by its subject and text', () => {
    const meeting = activity({
      kind: 'meeting',
      meeting: {
        title: 'Переговоры',
        endAt: '2026-11-24T10:30:00.000Z',
        place: 'Офис клиента',
        staffIds: ['anna'],
      },
    });
    expect(describeEntry(meeting, context('ru'))).toMatchObject({
      icon: 'users',
      title: 'Анна Смирнова: встреча «Переговоры»',
      detail: '09:00 – 10:30 · Офис клиента',
    });
    const email = activity({
      kind: 'email',
      email: { subject: '', body: 'Добрый день! Высылаю КП.', direction: 'inbound' },
    });
    expect(describeEntry(email, context('ru'))).toMatchObject({
      icon: 'mail',
      title: 'Анна Смирнова: входящее письмо «без темы»',
      body: 'Добрый день! Высылаю КП.',
    });
  });
});

describe('deals and quotes on a company’s timeline', () => {
  const dealAudit = (fields: Record<string, unknown>) =>
    toTimelineEntry({
      id: 'audit#x',
      kind: 'audit',
      action: 'updated',
      auditSubject: 'deal',
      at: '2026-11-24T09:00:00.000Z',
      actorId: 'igor',
      subjects: [{ type: 'deal', id: 'd1' }],
      ...fields,
    });

  it('says a deal moved to a stage, by name, linking to the deal', () => {
    const moved = dealAudit({ changes: [{ field: 'stageId', from: 'proposal', to: 'meeting' }] });
    expect(describeEntry(moved, context('ru'))).toMatchObject({
      icon: 'arrowRight',
      title: 'Сделка «Поставка серверов» перешла на этап «Встреча»',
      by: 'Игорь Петров',
      link: { href: '/deals/d1', label: 'Открыть сделку' },
      changes: [],
    });
    // On the deal's own timeline the title and the link would only repeat the page.
    const own = { ...context('ru'), subjectType: 'deal' as const, subjectId: 'd1' };
    expect(describeEntry(moved, own)).toMatchObject({ title: 'Сделка перешла на этап «Встреча»' });
    expect(describeEntry(moved, own).link).toBeUndefined();
  });

  it('says a deal was created, won, lost with its reason and reopened', () => {
    const created = dealAudit({
      action: 'created',
      actorId: 'anna',
      changes: [
        { field: 'title', to: 'Лицензии' },
        { field: 'value', to: { amount: 15_000_000, currency: 'RUB' } },
        { field: 'stageId', to: 'meeting' },
      ],
    });
    const text = describeEntry(created, context('ru'));
    expect(text.title).toBe('Анна Смирнова создала сделку «Лицензии»');
    expect(text.detail?.replace(/\s/g, ' ')).toBe('150 000,00 ₽ · Встреча');
    const lost = dealAudit({
      changes: [
        { field: 'status', from: 'open', to: 'lost' },
        { field: 'lostReason', to: 'price' },
        { field: 'lostNote', to: 'Дорого' },
      ],
    });
    expect(describeEntry(lost, context('ru'))).toMatchObject({
      title: 'Сделка «Поставка серверов» проиграна: Цена',
      body: 'Дорого',
    });
    const won = dealAudit({ changes: [{ field: 'status', from: 'open', to: 'won' }] });
    expect(describeEntry(won, context('en')).title).toBe('Deal “Поставка серверов” won');
    const reopened = dealAudit({ changes: [{ field: 'status', from: 'lost', to: 'open' }] });
    expect(describeEntry(reopened, context('ru')).title).toBe('Сделка «Поставка серверов» снова в работе');
  });

  it('tells a quote’s creation and sending by its number', () => {
    const quote = (fields: Record<string, unknown>) =>
      toTimelineEntry({
        kind: 'audit',
        auditSubject: 'quote',
        at: '2026-11-24T09:00:00.000Z',
        actorId: 'anna',
        subjects: [{ type: 'quote', id: 'q1' }],
        ...fields,
      });
    const created = quote({
      action: 'created',
      changes: [
        { field: 'number', to: 'КП-2026-0001' },
        { field: 'dealId', to: 'd1' },
        { field: 'totals', to: { total: 12_000_000, currency: 'RUB' } },
      ],
    });
    expect(describeEntry(created, context('ru'))).toMatchObject({
      title: 'Анна Смирнова создала коммерческое предложение КП-2026-0001',
      link: { href: '/deals/d1' },
    });
    const sent = quote({
      action: 'sent',
      changes: [{ field: 'sentTo', from: [], to: [{ contactId: 'p1', email: 'buyer@vector.example' }] }],
    });
    expect(describeEntry(sent, context('ru'))).toMatchObject({
      icon: 'send',
      title: 'Коммерческое предложение КП-2026-0001 отправлено на buyer@vector.example',
    });
  });
});

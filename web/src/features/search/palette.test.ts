// The palette highlights what matched (Cyrillic-aware, digits through phone formatting) and shows
// records in the API's ranking, grouped by type, with quick actions after them.
import { describe, expect, it } from 'vitest';
import type { SearchHit } from '../../api/search.ts';
import {
  flattenGroups,
  highlight,
  moveActive,
  paletteGroups,
  pushRecent,
  type QuickAction,
} from './palette.ts';

const marked = (text: string, query: string) =>
  highlight(text, query)
    .map((s) => (s.hit ? `[${s.text}]` : s.text))
    .join('');

describe('highlight', () => {
  it('marks word prefixes, folding case and ё', () => {
    expect(marked('ООО «Ромашка»', 'ром')).toBe('ООО «[Ром]ашка»');
    expect(marked('ООО «Берёзка Плюс»', 'берез пл')).toBe('ООО «[Берёз]ка [Пл]юс»');
    expect(marked('Иванов Иван Иванович', 'иван')).toBe('[Иван]ов [Иван] [Иван]ович');
    expect(marked('Ромашка', 'лютик')).toBe('Ромашка');
  });

  it('marks digits through phone formatting, also without the leading 7 or 8', () => {
    expect(marked('+7 (912) 345-67-89', '912345')).toBe('+7 ([912) 345]-67-89');
    expect(marked('+7 (912) 345-67-89', '8912')).toBe('+7 ([912]) 345-67-89');
    expect(marked('ИНН 7707083893', '77070')).toBe('ИНН [77070]83893');
  });

  it('marks an e-mail fragment', () => {
    expect(marked('info@romashka.ru', 'INFO@rom')).toBe('[info@rom]ashka.ru');
  });
});

describe('palette entries', () => {
  const hits: SearchHit[] = [
    {
      type: 'contact',
      id: 'p1',
      name: 'Ромашкин Пётр',
      subtitle: 'ООО «Лютик»',
      match: { field: 'name', exact: false },
    },
    {
      type: 'company',
      id: 'c1',
      name: 'ООО «Ромашка»',
      subtitle: 'ИНН 7707083893',
      match: { field: 'name', exact: true },
    },
    { type: 'company', id: 'c2', name: 'Ромашка-Юг', match: { field: 'name', exact: false } },
  ];
  const actions: QuickAction[] = [
    { id: 'new-company', label: 'Новая компания', href: '/companies/new' },
    { id: 'import', label: 'Импорт', href: '/import', keywords: 'csv загрузить' },
  ];

  it('puts exact matches first and groups the rest by type in ranking order', () => {
    const groups = paletteGroups('ромашк', hits, actions, []);
    expect(groups.map((g) => g.id)).toEqual(['company', 'contact']);
    expect(flattenGroups(groups).map((e) => e.key)).toEqual(['company:c1', 'company:c2', 'contact:p1']);
  });

  it('offers matching quick actions, and recent records with every action on an empty query', () => {
    expect(flattenGroups(paletteGroups('имп', [], actions, [])).map((e) => e.key)).toEqual(['action:import']);
    expect(flattenGroups(paletteGroups('csv', [], actions, [])).map((e) => e.key)).toEqual(['action:import']);
    const recent = pushRecent(pushRecent([], { type: 'company', id: 'c1', name: 'A' }), {
      type: 'company',
      id: 'c2',
      name: 'B',
    });
    const groups = paletteGroups(
      '',
      [],
      actions,
      pushRecent(recent, { type: 'company', id: 'c1', name: 'A' }),
    );
    expect(groups.map((g) => g.id)).toEqual(['recent', 'actions']);
    expect(flattenGroups(groups).map((e) => e.key)).toEqual([
      'company:c1',
      'company:c2',
      'action:new-company',
      'action:import',
    ]);
  });

  it('wraps keyboard movement', () => {
    expect(moveActive(0, -1, 3)).toBe(2);
    expect(moveActive(2, 1, 3)).toBe(0);
    expect(moveActive(0, 1, 0)).toBe(-1);
  });
});

describe('subtitles', () => {
  it('label a bare INN and format an E.164 phone', async () => {
    const { displaySubtitle } = await import('./palette.ts');
    expect(displaySubtitle('7736207543', 'ИНН')).toBe('ИНН 7736207543');
    expect(displaySubtitle('+79125554433', 'ИНН')).toBe('+7 (912) 555-44-33');
    expect(displaySubtitle('Директор, ООО «Ёлочка»', 'ИНН')).toBe('Директор, ООО «Ёлочка»');
    expect(displaySubtitle(undefined, 'ИНН')).toBeUndefined();
  });
});

// Terminal tables: columns line up, also with Cyrillic text.
import { describe, expect, it } from 'vitest';
import { formatFields, formatTable } from './output.ts';

describe('formatTable', () => {
  it('aligns columns on the widest cell and underlines the header', () => {
    expect(
      formatTable(
        ['ID', 'NAME'],
        [
          ['demo', 'ООО «Демо»'],
          ['acme-corp', 'Acme'],
        ],
      ),
    ).toBe(
      ['ID         NAME', '---------  ----------', 'demo       ООО «Демо»', 'acme-corp  Acme'].join('\n'),
    );
  });
});

describe('formatFields', () => {
  it('indents labels and aligns values, with a minimum label width', () => {
    expect(formatFields([['stack', 'Crm-demo']], 8)).toBe('  stack     Crm-demo');
  });
});

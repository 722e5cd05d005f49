import { describe, expect, it } from 'vitest';
import { checkTemplate, checkTemplatePart, fieldsUsed, renderTemplatePart } from './merge-fields.ts';

const values = {
  contact: { firstName: 'Анна', lastName: 'Смирнова', fullName: 'Анна Смирнова', email: 'anna@example.ru' },
  company: { name: 'ООО «Ромашка» <и партнёры>' },
  owner: { name: 'Иван Петров', signature: 'С уважением,\nИван' },
  unsubscribeUrl: 'https://crm.example/u/abc',
};

describe('checking a template', () => {
  it('accepts known fields, with or without a default', () => {
    expect(
      checkTemplate({
        subject: 'Новости для {{ company.name }}',
        html: '<p>Здравствуйте, {{ contact.firstName | default: "коллега" }}!</p><a href="{{ unsubscribeUrl }}">Отписаться</a>',
        text: 'Здравствуйте, {{contact.firstName}}!\n{{ owner.signature }}',
      }),
    ).toEqual([]);
  });

  it('names an unknown field, its part, line and column', () => {
    const problems = checkTemplatePart('html', '<p>Hi</p>\n<p>{{ contact.fristName }}</p>');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ part: 'html', line: 2, column: 4 });
    expect(problems[0]?.message).toContain('unknown merge field "contact.fristName"');
  });

  it('refuses tags, filters other than default, literals and unclosed outputs', () => {
    expect(checkTemplatePart('text', '{% if contact.firstName %}x{% endif %}')[0]?.message).toContain(
      'only merge fields',
    );
    expect(checkTemplatePart('text', '{{ contact.firstName | upcase }}')[0]?.message).toContain(
      'filter "upcase" is not allowed',
    );
    expect(checkTemplatePart('text', '{{ "hello" }}')[0]?.message).toContain('is not a merge field');
    expect(checkTemplatePart('subject', 'Hi {{ contact.firstName')[0]?.message).toContain('cannot be read');
    expect(checkTemplatePart('text', '{{ contact.firstName | nope }}')[0]?.message).toContain(
      'cannot be read',
    );
  });

  it('lists the fields a part uses', () => {
    expect(fieldsUsed('{{ contact.firstName }} {{ company.name }} {{ contact.firstName }}').sort()).toEqual([
      'company.name',
      'contact.firstName',
    ]);
  });
});

describe('rendering', () => {
  it('escapes values in HTML and leaves the text part plain', () => {
    expect(renderTemplatePart('html', '<p>{{ company.name }}</p>', values)).toBe(
      '<p>ООО «Ромашка» &lt;и партнёры&gt;</p>',
    );
    expect(renderTemplatePart('text', '{{ company.name }}', values)).toBe('ООО «Ромашка» <и партнёры>');
  });

  it('uses the fallback for a missing or blank field', () => {
    const blank = { ...values, contact: { firstName: '  ' } };
    expect(
      renderTemplatePart('text', 'Здравствуйте, {{ contact.firstName | default: "коллега" }}!', blank),
    ).toBe('Здравствуйте, коллега!');
    expect(
      renderTemplatePart('text', '{{ company.name | default: "ваша компания" }}', {
        ...values,
        company: undefined,
      }),
    ).toBe('ваша компания');
  });

  it('keeps a subject on one line', () => {
    expect(renderTemplatePart('subject', 'Для {{ owner.signature }}', values)).toBe('Для С уважением, Иван');
  });
});

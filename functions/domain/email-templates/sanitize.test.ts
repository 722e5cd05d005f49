import { describe, expect, it } from 'vitest';
import { sanitizeTemplateHtml } from './sanitize.ts';

describe('sanitizing a template body', () => {
  it('keeps e-mail formatting, safe styles, links and merge-field links', () => {
    const input =
      '<h1 style="color: #333; text-align: center">Новости</h1><p>Текст <strong>важно</strong></p>' +
      '<table width="100%"><tr><td align="left">1</td></tr></table>' +
      '<a href="https://example.ru/offer" target="_blank">Предложение</a> <a href="{{ unsubscribeUrl }}">Отписаться</a>' +
      '<img src="https://cdn.example.ru/logo.png" alt="logo">';
    const { html, removed } = sanitizeTemplateHtml(input);
    expect(removed).toEqual([]);
    expect(html).toContain('<h1 style="color:#333;text-align:center">Новости</h1>');
    expect(html).toContain('<a href="https://example.ru/offer" target="_blank">');
    expect(html).toContain('<a href="{{ unsubscribeUrl }}">Отписаться</a>');
    expect(html).toContain('<img src="https://cdn.example.ru/logo.png" alt="logo" />');
    expect(html).toContain('<td align="left">1</td>');
  });

  it('removes scripts, handlers, forms, javascript: and relative links, and says what it removed', () => {
    const input =
      '<p onclick="steal()">Привет<script>alert(1)</script></p><style>p{}</style>' +
      '<a href="javascript:alert(1)">x</a><a href="/relative">y</a><img src="http://insecure/i.png">' +
      '<form action="https://evil"><input name="card"></form><iframe src="https://evil"></iframe>' +
      '<p style="position: fixed; color: red">z</p>';
    const { html, removed } = sanitizeTemplateHtml(input);
    expect(html).not.toMatch(/script|onclick|javascript|relative|insecure|form|input|iframe|position|<style/);
    expect(html).toContain('<p>Привет</p>');
    expect(html).toContain('<p style="color:red">z</p>');
    expect(removed).toEqual(
      expect.arrayContaining([
        'onclick on <p>',
        '<script>',
        '<style>',
        'href="javascript:alert(1)" on <a>',
        'href="/relative" on <a>',
        'src="http://insecure/i.png" on <img>',
        '<form>',
        '<input>',
        '<iframe>',
      ]),
    );
  });
});

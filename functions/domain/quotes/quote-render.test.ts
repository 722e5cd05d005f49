// The quote template and its two renderings: the document model (formatting of money, dates and
// quantities per language; totals with VAT per rate), the printable HTML page (lines, totals,
// escaping of what users typed) and the PDF (a real PDF whose text, read back by PDF.js, has the
// number, the lines and the totals in Cyrillic — also from an ES module bundle as Lambda runs it).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { createMockLine, lineTotals } from './line-math.ts';
import { createMockQuote } from './quote.entity.ts';
import { formatDate, formatDecimal, formatMoney, quoteDocument } from './quote-document.ts';
import { renderQuoteEmail } from './quote-email.ts';
import { escapeHtml, renderQuoteHtml } from './quote-html.ts';
import { renderQuotePdf } from './quote-pdf.ts';

/** Intl puts no-break and narrow no-break spaces in money; compare with plain spaces. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

const twoLineQuote = () => {
  const cable = createMockLine({
    productId: 'p1',
    name: 'Кабель ВВГнг 3×2,5',
    sku: 'VVG-3X2.5',
    unit: 'м',
    quantityThousandths: 150_500,
    unitPrice: { amount: 125_50, currency: 'RUB' },
    discountHundredths: 1000,
    vatRate: 20,
  });
  const install = createMockLine({
    productId: 'p2',
    name: 'Монтаж (услуга)',
    sku: 'SRV-1',
    unit: 'ч',
    quantityThousandths: 8000,
    unitPrice: { amount: 2500_00, currency: 'RUB' },
    vatRate: 0,
  });
  const lines = [cable, install];
  return createMockQuote({ lines, totals: lineTotals(lines, 'RUB'), note: 'Доставка <бесплатно> & быстро' });
};

describe('formatting', () => {
  it('writes money as Russians read it, exactly, from minor units', () => {
    expect(plain(formatMoney(123_456_789, 'RUB', 'ru'))).toBe('1 234 567,89 ₽');
    expect(plain(formatMoney(5, 'RUB', 'ru'))).toBe('0,05 ₽');
    // beyond 2^53 / 100 a float would drop kopecks
    expect(plain(formatMoney(900_719_925_474_099, 'RUB', 'ru'))).toBe('9 007 199 254 740,99 ₽');
    expect(formatMoney(123_456_789, 'USD', 'en')).toBe('US$1,234,567.89');
  });

  it('writes quantities, discounts and dates per language', () => {
    expect(formatDecimal(1500, 3, 'ru')).toBe('1,5');
    expect(plain(formatDecimal(1_234_500, 3, 'ru'))).toBe('1 234,5');
    expect(formatDecimal(1250, 2, 'en')).toBe('12.5');
    expect(formatDate('2026-11-24', 'ru')).toBe('24.11.2026');
    expect(formatDate('2026-11-24', 'en')).toBe('24 Nov 2026');
  });
});

describe('quoteDocument', () => {
  it('lists every line with its amounts and the totals with VAT per rate', () => {
    const doc = quoteDocument(twoLineQuote());
    expect(doc.heading).toBe('Коммерческое предложение № КП-2026-0001 от 24.11.2026');
    expect(doc.rows).toHaveLength(2);
    // 150.5 m × 125,50 = 18 887,75; −10 % = 1 888,78 (1 888,775 up); net 16 998,97; VAT 3 399,79
    expect(doc.rows[0]?.map(plain)).toEqual([
      '1',
      'Кабель ВВГнг 3×2,5',
      'VVG-3X2.5',
      '150,5',
      'м',
      '125,50 ₽',
      '10 %',
      '16 998,97 ₽',
      '20 %',
      '3 399,79 ₽',
      '20 398,76 ₽',
    ]);
    expect(doc.totals.map(([label, value, strong]) => [label, plain(value), strong === true])).toEqual([
      ['Сумма без скидки', '38 887,75 ₽', false],
      ['Скидка', '1 888,78 ₽', false],
      ['Итого без НДС', '36 998,97 ₽', false],
      ['НДС 0 %', '0,00 ₽', false],
      ['НДС 20 %', '3 399,79 ₽', false],
      ['Итого НДС', '3 399,79 ₽', false],
      ['Всего к оплате', '40 398,76 ₽', true],
    ]);
    expect(doc.parties.map(([label]) => label)).toEqual([
      'Поставщик',
      'Покупатель',
      'Контактное лицо',
      'Сделка',
      'Менеджер',
      'Предложение действительно до',
    ]);
    expect(doc.parties[1]?.[1]).toBe('ООО «Ромашка», ИНН 7707083893, КПП 773601001');
  });

  it('speaks English for an English tenant and leaves out a discount nobody got', () => {
    const doc = quoteDocument(createMockQuote({ locale: 'en', number: 'Q-2026-0007' }));
    expect(doc.heading).toBe('Quotation No. Q-2026-0007 of 24 Nov 2026');
    const quote = createMockQuote();
    const undiscounted = quoteDocument({
      ...quote,
      lines: [createMockLine()],
      totals: lineTotals([createMockLine()], 'RUB'),
    });
    expect(undiscounted.totals.map(([label]) => label)).not.toContain('Скидка');
  });
});

describe('renderQuoteHtml', () => {
  it('is a page with the heading, every line and the totals', () => {
    const html = plain(renderQuoteHtml(twoLineQuote()));
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<html lang="ru">');
    expect(html).toContain('<h1>Коммерческое предложение № КП-2026-0001 от 24.11.2026</h1>');
    expect(html).toContain('<td>Кабель ВВГнг 3×2,5</td>');
    expect(html).toContain('<td>Монтаж (услуга)</td>');
    expect(html).toContain('<td class="num">20 398,76 ₽</td>');
    expect(html).toContain('<tr class="strong"><td>Всего к оплате</td><td class="num">40 398,76 ₽</td></tr>');
    expect(html.match(/<tbody>[\s\S]*<\/tbody>/)?.[0].match(/<tr>/g)).toHaveLength(2);
  });

  it('escapes whatever users typed, so nothing they write runs', () => {
    const html = renderQuoteHtml(
      createMockQuote({
        dealTitle: '<script>alert(1)</script>',
        company: { id: 'c', name: 'ООО "Ромашка" & Co' },
        note: "it's <b>bold</b>",
      }),
    );
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('ООО &quot;Ромашка&quot; &amp; Co');
    expect(html).toContain('it&#39;s &lt;b&gt;bold&lt;/b&gt;');
    expect(escapeHtml(`<>&"'`)).toBe('&lt;&gt;&amp;&quot;&#39;');
  });
});

describe('renderQuoteEmail', () => {
  it('greets, states the total, VAT and validity, and signs with the manager', () => {
    const mail = renderQuoteEmail(twoLineQuote(), { greetingName: 'Иван Сергеевич' });
    expect(mail.subject).toBe('Коммерческое предложение № КП-2026-0001 — ООО «Демо»');
    expect(plain(mail.text)).toBe(
      [
        'Здравствуйте, Иван Сергеевич!',
        '',
        'Направляем вам коммерческое предложение № КП-2026-0001 на сумму 40 398,76 ₽ (в том числе НДС 3 399,79 ₽).',
        'Предложение действительно до 24.12.2026. Документ — во вложении.',
        '',
        'С уважением,',
        'Анна Смирнова',
        'anna.smirnova@demo.example',
        'ООО «Демо»',
        '',
      ].join('\n'),
    );
  });

  it('takes the sender’s subject and message, escaped in the HTML part', () => {
    const mail = renderQuoteEmail(createMockQuote({ locale: 'en' }), {
      greetingName: 'John Smith',
      subject: 'Our offer',
      message: 'Hello <team>,\nsee attached.',
    });
    expect(mail.subject).toBe('Our offer');
    expect(mail.text).toContain('Dear John Smith,\n\nHello <team>,\nsee attached.\n\nKind regards,');
    expect(mail.html).toContain('<p>Hello &lt;team&gt;,<br>see attached.</p>');
    expect(mail.html).not.toContain('<team>');
  });
});

describe('renderQuotePdf', () => {
  it('is a PDF that PDF.js reads back with the number, the lines and the totals in Cyrillic', async () => {
    const pdf = await renderQuotePdf(twoLineQuote());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-6).toString('latin1')).toContain('%%EOF');
    const parsed = await getDocumentProxy(new Uint8Array(pdf));
    const { totalPages, text } = await extractText(parsed, { mergePages: true });
    expect(totalPages).toBe(1);
    const content = plain(text);
    expect(content).toContain('Коммерческое предложение № КП-2026-0001 от 24.11.2026');
    expect(content).toContain('Кабель ВВГнг 3×2,5');
    expect(content).toContain('Монтаж (услуга)');
    expect(content).toContain('20 398,76 ₽');
    expect(content).toContain('Всего к оплате');
    expect(content).toContain('40 398,76 ₽');
    expect(content).toContain('Доставка <бесплатно> & быстро');
    const info = await parsed.getMetadata();
    expect((info.info as { Title?: string }).Title).toBe('Коммерческое предложение № КП-2026-0001');
  });

  it('runs over several pages when the lines do not fit on one', async () => {
    const lines = Array.from({ length: 60 }, (_, i) =>
      createMockLine({ productId: `p${i}`, name: `Товар ${i + 1}` }),
    );
    const pdf = await renderQuotePdf(createMockQuote({ lines, totals: lineTotals(lines, 'RUB') }));
    const { totalPages, text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), {
      mergePages: true,
    });
    expect(totalPages).toBeGreaterThan(1);
    expect(text).toContain('Товар 60');
  });

  it('renders from an ES module bundle built as the stack builds functions (no __dirname there)', async () => {
    // The bundling options of infra/constructs/crm-function.ts.
    const dir = mkdtempSync(join(tmpdir(), 'quote-pdf-bundle-'));
    try {
      const entry = join(dir, 'entry.ts');
      writeFileSync(
        entry,
        [
          `import { renderQuotePdf } from ${JSON.stringify(join(import.meta.dirname, 'quote-pdf.ts'))};`,
          `import { createMockQuote } from ${JSON.stringify(join(import.meta.dirname, 'quote.entity.ts'))};`,
          'renderQuotePdf(createMockQuote()).then((pdf) => process.stdout.write(pdf.toString("base64")));',
        ].join('\n'),
      );
      await build({
        entryPoints: [entry],
        outfile: join(dir, 'index.mjs'),
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node24',
        minify: true,
        mainFields: ['module', 'main'],
        banner: {
          js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
        },
        logLevel: 'silent',
      });
      const pdf = Buffer.from(
        execFileSync(process.execPath, [join(dir, 'index.mjs')], { cwd: dir, encoding: 'utf8' }),
        'base64',
      );
      const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
      expect(text).toContain('Коммерческое предложение № КП-2026-0001');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// The small self-contained HTML pages of the public unsubscribe routes, in the tenant's
// language: no script, no external asset, inline style only (the response's CSP says so).
import { unsubscribePath } from './unsubscribe.ts';

export type PageState = 'confirm' | 'unsubscribed' | 'resubscribed' | 'preview' | 'invalid' | 'gone';
export type PageLocale = 'ru' | 'en';

const escapeHtml = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const texts = {
  ru: {
    title: 'Подписка на рассылку',
    confirm: (t: string) =>
      `Отписаться от маркетинговых рассылок ${t}? Писем с предложениями больше не будет.`,
    unsubscribed: (t: string) =>
      `Вы отписались от маркетинговых рассылок ${t}. Больше писем с предложениями не будет.`,
    resubscribed: (t: string) => `Вы снова подписаны на маркетинговые рассылки ${t}.`,
    preview: (t: string) =>
      `Так получатель видит страницу отписки от рассылок ${t}. Это предпросмотр: никто не отписан.`,
    invalid: 'Ссылка повреждена или устарела. Ничего не изменилось. Откройте ссылку из письма целиком.',
    gone: 'Этого адреса больше нет в нашей базе: писем на него не будет.',
    undo: 'Отменить отписку',
    unsubscribe: 'Отписаться',
  },
  en: {
    title: 'Mailing preferences',
    confirm: (t: string) => `Unsubscribe from marketing e-mail of ${t}? You will get no more offers.`,
    unsubscribed: (t: string) =>
      `You are unsubscribed from marketing e-mail of ${t}. You will get no more offers.`,
    resubscribed: (t: string) => `You are subscribed to marketing e-mail of ${t} again.`,
    preview: (t: string) =>
      `This is the unsubscribe page of ${t} as a recipient sees it. A preview: nobody is unsubscribed.`,
    invalid: 'This link is damaged or out of date. Nothing was changed. Open the whole link from the e-mail.',
    gone: 'This address is no longer in our records: it gets no e-mail.',
    undo: 'Undo',
    unsubscribe: 'Unsubscribe',
  },
} as const;

const form = (action: string, label: string, oneClick: boolean): string =>
  `<form method="post" action="${escapeHtml(action)}">${
    oneClick ? '<input type="hidden" name="List-Unsubscribe" value="One-Click">' : ''
  }<button type="submit">${escapeHtml(label)}</button></form>`;

export const unsubscribePage = (input: {
  readonly state: PageState;
  readonly locale: PageLocale;
  readonly tenantName: string;
  readonly token?: string;
}): string => {
  const t = texts[input.locale];
  const tenant = `«${input.tenantName}»`;
  const base = input.token ? `${unsubscribePath}/${input.token}` : undefined;
  const message =
    input.state === 'confirm'
      ? t.confirm(tenant)
      : input.state === 'unsubscribed'
        ? t.unsubscribed(tenant)
        : input.state === 'resubscribed'
          ? t.resubscribed(tenant)
          : input.state === 'preview'
            ? t.preview(tenant)
            : input.state === 'gone'
              ? t.gone
              : t.invalid;
  const action =
    input.state === 'unsubscribed' && base
      ? form(`${base}/undo`, t.undo, false)
      : (input.state === 'resubscribed' || input.state === 'confirm') && base
        ? form(base, t.unsubscribe, true)
        : input.state === 'preview'
          ? `<button type="button" disabled>${escapeHtml(t.undo)}</button>`
          : '';
  return `<!doctype html>
<html lang="${input.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(t.title)} — ${escapeHtml(input.tenantName)}</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f5f6f8;color:#1d2330}
main{max-width:32rem;margin:12vh auto;padding:2rem;background:#fff;border-radius:12px;box-shadow:0 1px 4px #0002}
h1{font-size:1.25rem;margin:0 0 1rem}
button{font:inherit;padding:.5rem 1rem;border-radius:8px;border:1px solid #3355cc;background:#fff;color:#3355cc;cursor:pointer}
button:disabled{opacity:.5;cursor:default}
</style>
</head>
<body>
<main>
<h1>${escapeHtml(input.tenantName)}</h1>
<p data-state="${input.state}">${escapeHtml(message)}</p>
${action}
</main>
</body>
</html>
`;
};

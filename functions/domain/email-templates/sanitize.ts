// The HTML body of a marketing template is sanitized when it is saved (docs/campaigns.md,
// "Templates"), with sanitize-html and an allow-list made for e-mail: formatting, lists, tables
// for layout, links (http, https, mailto — and merge fields, which become the recipient's links
// at send time) and images by https URL. Scripts, event handlers, forms, iframes, styles sheets
// and `javascript:` links go; inline style keeps only a few harmless properties. The result says
// what was removed, so the editor can tell the author instead of silently changing their text.
import sanitizeHtml from 'sanitize-html';

const allowedTags = [
  'a',
  'b',
  'blockquote',
  'br',
  'caption',
  'center',
  'code',
  'div',
  'em',
  'h1',
  'h2',
  'h3',
  'h4',
  'hr',
  'i',
  'img',
  'li',
  'ol',
  'p',
  'pre',
  's',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'u',
  'ul',
];

const safeColor = /^(#[0-9a-f]{3,8}|[a-z]+|rgba?\([\d\s.,%]+\))$/i;
const safeLength = /^\d+(\.\d+)?(px|em|rem|%)?$/i;
const safeLengths = /^(\d+(\.\d+)?(px|em|rem|%)?\s*){1,4}$/i;

const allowedAttributes: Record<string, string[]> = {
  a: ['href', 'title', 'target'],
  img: ['src', 'alt', 'width', 'height'],
  td: ['colspan', 'rowspan', 'align', 'valign', 'width'],
  th: ['colspan', 'rowspan', 'align', 'valign', 'width'],
  table: ['width', 'align', 'cellpadding', 'cellspacing', 'border'],
  '*': ['style'],
};

const options: sanitizeHtml.IOptions = {
  allowedTags,
  allowedAttributes,
  allowedStyles: {
    '*': {
      color: [safeColor],
      'background-color': [safeColor],
      'text-align': [/^(left|right|center|justify)$/],
      'font-weight': [/^(normal|bold|\d{3})$/],
      'font-style': [/^(normal|italic)$/],
      'font-size': [safeLength],
      'text-decoration': [/^(none|underline|line-through)$/],
      padding: [safeLengths],
      margin: [safeLengths],
      width: [safeLength],
      'max-width': [safeLength],
      'line-height': [safeLength],
    },
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['https'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  nonTextTags: ['style', 'script', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed'],
};

export type SanitizedHtml = {
  readonly html: string;
  /** What was dropped, e.g. `<script>`, `onclick on <a>`, `href="javascript:…" on <a>`. */
  readonly removed: readonly string[];
};

/** `href="{{ unsubscribeUrl }}"`: a merge field, checked as one, becomes a link at send time. */
const mergeFieldOnly = /^\{\{[^{}]*\}\}$/;

const schemesOf = (tag: string): readonly string[] =>
  tag === 'img' ? ['https'] : ['http', 'https', 'mailto'];

/** Whether a link works in a mailbox: an allowed scheme or a merge field; relative URLs do not. */
const urlAllowed = (tag: string, value: string): boolean => {
  const url = value.trim();
  if (mergeFieldOnly.test(url)) return true;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  return scheme !== undefined && schemesOf(tag).includes(scheme);
};

const urlAttribute: Record<string, 'href' | 'src'> = { a: 'href', img: 'src' };

const dropUnsafeUrl =
  (tag: 'a' | 'img'): sanitizeHtml.Transformer =>
  (tagName, attribs) => {
    const name = urlAttribute[tag] as 'href' | 'src';
    const value = attribs[name];
    if (value === undefined || urlAllowed(tag, value)) return { tagName, attribs };
    const { [name]: _dropped, ...rest } = attribs;
    return { tagName, attribs: rest };
  };

export const sanitizeTemplateHtml = (input: string): SanitizedHtml => {
  const removed = new Set<string>();
  const html = sanitizeHtml(input, {
    ...options,
    transformTags: { a: dropUnsafeUrl('a'), img: dropUnsafeUrl('img') },
    onOpenTag: (tag, attributes) => {
      if (!allowedTags.includes(tag)) {
        removed.add(`<${tag}>`);
        return;
      }
      const allowed = new Set([...(allowedAttributes[tag] ?? []), ...(allowedAttributes['*'] ?? [])]);
      for (const [name, value] of Object.entries(attributes)) {
        if (!allowed.has(name)) removed.add(`${name} on <${tag}>`);
        else if (urlAttribute[tag] === name && !urlAllowed(tag, value)) {
          removed.add(`${name}="${value.length > 40 ? `${value.slice(0, 40)}…` : value}" on <${tag}>`);
        }
      }
    },
  });
  return { html, removed: [...removed] };
};

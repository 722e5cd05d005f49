// Merge fields of marketing e-mail templates (docs/campaigns.md, "Templates"): Liquid output
// tags over a fixed set of fields, with `default` as the only filter, e.g.
// `Здравствуйте, {{ contact.firstName | default: "коллега" }}!`. Checked when a template is
// saved, so an unknown field is a validation error naming it and its place — never an empty
// greeting at send time. Rendering escapes every value in HTML and leaves the text part plain.
import { Liquid, LiquidError, Output, type Template, TokenKind } from 'liquidjs';

/** Every field a template may use, with what it is (the editor lists them). */
export const mergeFields = {
  'contact.firstName': 'the contact’s first name',
  'contact.lastName': 'the contact’s last name',
  'contact.fullName': 'the contact’s full name',
  'contact.jobTitle': 'the contact’s job title',
  'contact.email': 'the contact’s e-mail address',
  'company.name': 'the name of the contact’s company',
  'owner.name': 'the name of the contact’s owner (a user)',
  'owner.email': 'the owner’s e-mail address',
  'owner.signature': 'the owner’s e-mail signature',
  unsubscribeUrl: 'the recipient’s one-click unsubscribe link',
} as const;

export type MergeField = keyof typeof mergeFields;

/** The only filter allowed: a fallback for an empty field. */
const allowedFilters = new Set(['default']);

export type MergeValues = {
  readonly contact: {
    readonly firstName?: string;
    readonly lastName?: string;
    readonly fullName?: string;
    readonly jobTitle?: string;
    readonly email?: string;
  };
  readonly company?: { readonly name?: string };
  readonly owner?: { readonly name?: string; readonly email?: string; readonly signature?: string };
  readonly unsubscribeUrl: string;
};

export type TemplatePart = 'subject' | 'html' | 'text';

export type TemplateProblem = {
  readonly part: TemplatePart;
  /** 1-based line and column of the offending tag in that part. */
  readonly line: number;
  readonly column: number;
  readonly message: string;
};

// Two engines: HTML escapes every output (a name like `<b>` stays text), subject and text do not.
// No file system, no partials, no globals: a template sees only the values given to render.
const engines = {
  html: new Liquid({ outputEscape: 'escape', strictFilters: true, jsTruthy: true }),
  plain: new Liquid({ strictFilters: true, jsTruthy: true }),
} as const;
const engineFor = (part: TemplatePart) => (part === 'html' ? engines.html : engines.plain);

const lineAndColumn = (source: string, offset: number): { line: number; column: number } => {
  const before = source.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
};

const pathOf = (template: Output): string | undefined => {
  const initial = template.value.initial;
  const postfix = (initial as unknown as { postfix?: unknown[] }).postfix ?? [];
  if (postfix.length !== 1) return undefined;
  const token = postfix[0] as { kind?: number; getText?: () => string };
  if (token.kind !== TokenKind.PropertyAccess) return undefined;
  const text = token.getText?.();
  return text && /^[A-Za-z][\w]*(\.[A-Za-z][\w]*)*$/.test(text) ? text : undefined;
};

/**
 * Parses one part and lists what is wrong with it: a syntax error, a tag other than an output
 * (`{% if %}`, `{% for %}`, …), an expression that is not a plain field, an unknown field, a
 * filter other than `default`. Empty when the part is fine.
 */
export const checkTemplatePart = (part: TemplatePart, source: string): TemplateProblem[] => {
  let templates: Template[];
  try {
    // Parsed without the HTML engine's escaping, which it adds to every output as a filter.
    templates = engines.plain.parse(source);
  } catch (error) {
    const token = error instanceof LiquidError ? error.token : undefined;
    const at = lineAndColumn(source, token?.begin ?? 0);
    const reason = error instanceof Error ? error.message.split(', line:')[0] : String(error);
    return [{ part, ...at, message: `cannot be read: ${reason}` }];
  }
  const problems: TemplateProblem[] = [];
  for (const template of templates) {
    const token = (template as { token?: { begin: number; kind?: number; getText(): string } }).token;
    const at = lineAndColumn(source, token?.begin ?? 0);
    if (template instanceof Output) {
      const path = pathOf(template);
      if (!path) {
        problems.push({ part, ...at, message: `${token?.getText()} is not a merge field` });
        continue;
      }
      if (!(path in mergeFields)) {
        problems.push({
          part,
          ...at,
          message: `unknown merge field "${path}"; known: ${Object.keys(mergeFields).join(', ')}`,
        });
      }
      for (const filter of template.value.filters) {
        if (!allowedFilters.has(filter.name)) {
          problems.push({
            part,
            ...at,
            message: `filter "${filter.name}" is not allowed; only "default" is`,
          });
        }
      }
      continue;
    }
    // Plain text comes as HTML templates; anything else is a Liquid tag.
    if (token?.kind !== TokenKind.HTML) {
      problems.push({ part, ...at, message: `${token?.getText()}: only merge fields {{ … }} are allowed` });
    }
  }
  return problems;
};

/** Every problem of a template's three parts. */
export const checkTemplate = (parts: Readonly<Record<TemplatePart, string>>): TemplateProblem[] =>
  (['subject', 'html', 'text'] as const).flatMap((part) => checkTemplatePart(part, parts[part]));

/** The fields a part uses (for the editor's preview and the sender's data loading). */
export const fieldsUsed = (source: string): MergeField[] => {
  const found = new Set<MergeField>();
  for (const template of engines.plain.parse(source)) {
    if (!(template instanceof Output)) continue;
    const path = pathOf(template);
    if (path && path in mergeFields) found.add(path as MergeField);
  }
  return [...found];
};

/**
 * Renders a checked part. Empty and missing values are empty strings, so `default` applies to
 * both; an HTML part escapes every value.
 */
export const renderTemplatePart = (part: TemplatePart, source: string, values: MergeValues): string => {
  const clean = (v?: string) => v?.trim() ?? '';
  const scope = {
    contact: {
      firstName: clean(values.contact.firstName),
      lastName: clean(values.contact.lastName),
      fullName: clean(values.contact.fullName),
      jobTitle: clean(values.contact.jobTitle),
      email: clean(values.contact.email),
    },
    company: { name: clean(values.company?.name) },
    owner: {
      name: clean(values.owner?.name),
      email: clean(values.owner?.email),
      signature: clean(values.owner?.signature),
    },
    unsubscribeUrl: values.unsubscribeUrl,
  };
  const rendered = engineFor(part).parseAndRenderSync(source, scope) as string;
  // A subject is one line whatever the values held.
  return part === 'subject' ? rendered.replace(/\s*[\r\n]+\s*/g, ' ').trim() : rendered;
};

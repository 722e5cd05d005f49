// The merge-field picker of the template editor: the fields a template may use (the domain's list in
// merge-fields.ts, read here as types only — the names are repeated so no server code reaches the
// bundle), the Liquid tag for one with an optional fallback, and inserting it at the caret of the part
// being edited. Also groups the API's 400 errors by part and line, as the editor shows them.
import type { MergeField } from '../../../../functions/domain/email-templates/merge-fields.ts';
import type { FieldError } from '../../api/api-error.ts';

export const mergeFieldNames = [
  'contact.firstName',
  'contact.lastName',
  'contact.fullName',
  'contact.jobTitle',
  'contact.email',
  'company.name',
  'owner.name',
  'owner.email',
  'owner.signature',
  'unsubscribeUrl',
] as const satisfies readonly MergeField[];

/** `{{ contact.firstName | default: "коллега" }}`; quotes in the fallback become typographic ones. */
export const mergeTag = (field: MergeField, fallback = ''): string => {
  const text = fallback.trim().replace(/"/g, '”');
  return text ? `{{ ${field} | default: "${text}" }}` : `{{ ${field} }}`;
};

/** The value with `insert` put over the selection [start, end), and where the caret goes after it. */
export const insertAt = (
  value: string,
  insert: string,
  start: number,
  end = start,
): { value: string; caret: number } => {
  const from = Math.max(0, Math.min(start, value.length));
  const to = Math.max(from, Math.min(end, value.length));
  return { value: value.slice(0, from) + insert + value.slice(to), caret: from + insert.length };
};

export type TemplatePart = 'subject' | 'html' | 'text';
export type PartProblem = { line?: number; column?: number; message: string };

/** The API's errors of one part, with the line and column out of «line L, column C: …». */
export const problemsOf = (fields: readonly FieldError[], part: TemplatePart): PartProblem[] =>
  fields
    .filter((f) => f.field === part)
    .map((f) => {
      const match = /^(?:after sanitizing, )?line (\d+), column (\d+): (.*)$/s.exec(f.message);
      return match
        ? { line: Number(match[1]), column: Number(match[2]), message: match[3] ?? f.message }
        : { message: f.message };
    });

/** A problem the editor can say in the reader's language; undefined keeps the API's own words. */
export const knownProblem = (
  message: string,
): { kind: 'unknownField'; field: string } | { kind: 'badFilter'; filter: string } | undefined => {
  const unknown = /^unknown merge field "([^"]+)"/.exec(message);
  if (unknown?.[1]) return { kind: 'unknownField', field: unknown[1] };
  const filter = /^filter "([^"]+)" is not allowed/.exec(message);
  if (filter?.[1]) return { kind: 'badFilter', filter: filter[1] };
  return undefined;
};

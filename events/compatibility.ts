// Backward compatibility of an event schema with its committed snapshot (JSON Schema).
// A published version is a promise to consumers: every field it had must still be there,
// with the same type, still required if it was, and an enum may gain values but not lose
// them. Adding optional fields is fine; anything else needs a new version (….v2).

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
};

const typeOf = (s: JsonSchema): string =>
  s.anyOf
    ? s.anyOf.map(typeOf).sort().join('|')
    : Array.isArray(s.type)
      ? [...s.type].sort().join('|')
      : (s.type ?? 'any');

/** Every way `current` breaks consumers written against `published`; empty when compatible. */
export const breakingChanges = (published: JsonSchema, current: JsonSchema, path = 'detail'): string[] => {
  const problems: string[] = [];
  if (typeOf(published) !== typeOf(current)) {
    problems.push(`${path} changed type from ${typeOf(published)} to ${typeOf(current)}`);
    return problems;
  }
  if (published.enum) {
    const now = new Set((current.enum ?? []).map((v) => JSON.stringify(v)));
    for (const value of published.enum) {
      if (!now.has(JSON.stringify(value))) problems.push(`${path} no longer allows ${JSON.stringify(value)}`);
    }
  }
  if (published.items && current.items)
    problems.push(...breakingChanges(published.items, current.items, `${path}[]`));
  for (const [name, schema] of Object.entries(published.properties ?? {})) {
    const next = current.properties?.[name];
    if (!next) {
      problems.push(`${path}.${name} was removed`);
      continue;
    }
    if (published.required?.includes(name) && !current.required?.includes(name)) {
      problems.push(`${path}.${name} is no longer required`);
    }
    problems.push(...breakingChanges(schema, next, `${path}.${name}`));
  }
  return problems;
};

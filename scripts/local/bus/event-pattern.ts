// EventBridge event-pattern matching for the local bus, written from AWS's documentation
// ("Event patterns", "Content filtering", "Comparison operators", "Arrays in event
// patterns", "Matching events on null values and empty strings") and the behaviour of
// aws/event-ruler, the library EventBridge matches with. `validatePattern` rejects what
// PutRule rejects, with the same "Event pattern is not valid. Reason: …" wording;
// `matches` is a pure function of a pattern and a parsed event.
//
// Semantics worth knowing (each is covered by event-pattern.test.ts):
// - A leaf is always an array of conditions; the field matches if ANY condition matches ANY
//   of the field's values. An array in the event contributes each element (nested arrays are
//   flattened); objects are not leaf values.
// - Patterns are array-consistent, as event-ruler's rulesForJSONEvent: fields under one
//   nested pattern object must all match inside the same element of an event array.
// - `null` is a value: `[null]` matches a null field, `exists: true` matches it, and
//   `anything-but` matches it. A missing field, an empty array or an object (an
//   intermediate node) has no value: only `exists: false` matches it.
// - `anything-but`, `exists: false` aside, every condition needs the field to have a value.
// - Numeric conditions only match JSON numbers; string conditions only match strings.
// - Wildcard `*` matches any run of characters, including none; `\*` and `\\` escape.
// Not implemented: dotted keys ("a.b" matching nested a → b, an accident of event-ruler that
// its README tells users not to rely on), and the wildcard complexity limit.
import { BlockList, isIP } from 'node:net';

/** An EventBridge event pattern, as AWS documents it (same shape as events/rules.ts). */
export type EventPattern = { readonly [field: string]: unknown };

export class InvalidEventPatternError extends Error {
  override readonly name = 'InvalidEventPatternException';
  constructor(reason: string) {
    super(`Event pattern is not valid. Reason: ${reason}`);
  }
}

const matchKeywords = new Set([
  'prefix',
  'suffix',
  'equals-ignore-case',
  'wildcard',
  'anything-but',
  'numeric',
  'exists',
  'cidr',
]);

type JsonObject = { readonly [key: string]: unknown };

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isScalar = (value: unknown): value is string | number | boolean | null =>
  value === null || typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number';

/**
 * event-ruler only reads "$or" as OR when it holds two or more objects none of which uses a
 * match keyword as a field name; otherwise "$or" is an ordinary field name.
 */
const isOrClause = (key: string, value: unknown): value is readonly JsonObject[] =>
  key === '$or' &&
  Array.isArray(value) &&
  value.length >= 2 &&
  value.every((alt) => isObject(alt) && Object.keys(alt).every((k) => !matchKeywords.has(k)));

// ---------------------------------------------------------------------------------------
// Validation

/** Throws InvalidEventPatternError if PutRule would refuse the pattern. */
export const validatePattern = (pattern: unknown): EventPattern => {
  let parsed = pattern;
  if (typeof pattern === 'string') {
    try {
      parsed = JSON.parse(pattern);
    } catch {
      throw new InvalidEventPatternError('Filter is not valid JSON');
    }
  }
  if (!isObject(parsed)) throw new InvalidEventPatternError('Filter is not an object');
  validateObject(parsed);
  return parsed;
};

const validateObject = (node: JsonObject): void => {
  for (const [key, value] of Object.entries(node)) {
    if (isOrClause(key, value)) {
      for (const alternative of value) validateObject(alternative);
    } else if (Array.isArray(value)) {
      if (value.length === 0) throw new InvalidEventPatternError('Empty arrays are not allowed');
      for (const condition of value) validateCondition(condition);
    } else if (isObject(value)) {
      validateObject(value);
    } else {
      throw new InvalidEventPatternError(`"${key}" must be an object or an array`);
    }
  }
};

const isStringOrStrings = (value: unknown): value is string | readonly string[] =>
  typeof value === 'string' ||
  (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string'));

const validateCondition = (condition: unknown): void => {
  if (isScalar(condition)) {
    if (typeof condition === 'number' && !Number.isFinite(condition)) {
      throw new InvalidEventPatternError('Match value must be String, number, true, false, or null');
    }
    return;
  }
  if (!isObject(condition)) {
    throw new InvalidEventPatternError('Match value must be String, number, true, false, or null');
  }
  const keys = Object.keys(condition);
  if (keys.length !== 1) throw new InvalidEventPatternError('Only one key allowed in match expression');
  const operator = keys[0] as string;
  const operand = condition[operator];
  switch (operator) {
    case 'prefix':
    case 'suffix':
      validatePrefixOrSuffix(operator, operand);
      return;
    case 'equals-ignore-case':
      if (typeof operand !== 'string') {
        throw new InvalidEventPatternError('equals-ignore-case match pattern must be a string');
      }
      return;
    case 'wildcard':
      if (typeof operand !== 'string')
        throw new InvalidEventPatternError('wildcard match pattern must be a string');
      compileWildcard(operand);
      return;
    case 'anything-but':
      validateAnythingBut(operand);
      return;
    case 'numeric':
      parseNumeric(operand);
      return;
    case 'exists':
      if (typeof operand !== 'boolean') {
        throw new InvalidEventPatternError('exists match pattern must be either true or false.');
      }
      return;
    case 'cidr':
      parseCidr(operand);
      return;
    default:
      throw new InvalidEventPatternError(`Unrecognized match type ${operator}`);
  }
};

const validatePrefixOrSuffix = (operator: string, operand: unknown): void => {
  if (typeof operand === 'string') return;
  if (isObject(operand)) {
    const inner = Object.keys(operand);
    if (
      inner.length === 1 &&
      inner[0] === 'equals-ignore-case' &&
      typeof operand['equals-ignore-case'] === 'string'
    ) {
      return;
    }
    throw new InvalidEventPatternError(`Unsupported ${operator} pattern: ${inner.join(', ')}`);
  }
  throw new InvalidEventPatternError(`${operator} match pattern must be a string`);
};

const validateAnythingBut = (operand: unknown): void => {
  if (typeof operand === 'string' || (typeof operand === 'number' && Number.isFinite(operand))) return;
  if (Array.isArray(operand)) {
    const allStrings = operand.every((v) => typeof v === 'string');
    const allNumbers = operand.every((v) => typeof v === 'number' && Number.isFinite(v));
    if (operand.length === 0 || !(allStrings || allNumbers)) {
      throw new InvalidEventPatternError('Inside anything but list, start|null|boolean is not supported.');
    }
    return;
  }
  if (isObject(operand)) {
    const keys = Object.keys(operand);
    if (keys.length !== 1) throw new InvalidEventPatternError('Only one key allowed in match expression');
    const inner = keys[0] as string;
    const value = operand[inner];
    switch (inner) {
      case 'prefix':
      case 'suffix':
        if (!isStringOrStrings(value))
          throw new InvalidEventPatternError(`${inner} match pattern must be a string`);
        if ((typeof value === 'string' ? [value] : value).some((v) => v === '')) {
          throw new InvalidEventPatternError('Null prefix/suffix not allowed');
        }
        return;
      case 'equals-ignore-case':
        if (!isStringOrStrings(value)) {
          throw new InvalidEventPatternError(
            'Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.',
          );
        }
        return;
      case 'wildcard':
        if (!isStringOrStrings(value))
          throw new InvalidEventPatternError('wildcard match pattern must be a string');
        for (const w of typeof value === 'string' ? [value] : value) compileWildcard(w);
        return;
      default:
        throw new InvalidEventPatternError(`Unsupported anything-but pattern: ${inner}`);
    }
  }
  throw new InvalidEventPatternError('Value of anything-but must be an array or single string/number value.');
};

type NumericTest = (value: number) => boolean;

const comparators: Readonly<Record<string, (a: number, b: number) => boolean>> = {
  '=': (a, b) => a === b,
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
};

const parseNumeric = (operand: unknown): NumericTest => {
  if (!Array.isArray(operand)) throw new InvalidEventPatternError('Value of numeric must be an array.');
  if (operand.length === 0) throw new InvalidEventPatternError('Invalid member in numeric match: ]');
  const [op1, value1, op2, value2, ...rest] = operand as unknown[];
  if (typeof op1 !== 'string') throw new InvalidEventPatternError(`Invalid member in numeric match: ${op1}`);
  const compare1 = comparators[op1];
  if (!compare1) throw new InvalidEventPatternError(`Unrecognized numeric range operator: ${op1}`);
  if (typeof value1 !== 'number' || !Number.isFinite(value1)) {
    throw new InvalidEventPatternError(`Value of ${op1 === '=' ? 'equals' : op1} must be numeric`);
  }
  if (operand.length === 2) return (v) => compare1(v, value1);
  if (op1 !== '>' && op1 !== '>=')
    throw new InvalidEventPatternError('Too many elements in numeric expression');
  if (typeof op2 !== 'string' || (op2 !== '<' && op2 !== '<=')) {
    throw new InvalidEventPatternError(`Bad numeric range operator: ${String(op2)}`);
  }
  if (typeof value2 !== 'number' || !Number.isFinite(value2)) {
    throw new InvalidEventPatternError(`Value of ${op2} must be numeric`);
  }
  if (value2 <= value1) throw new InvalidEventPatternError('Bottom must be less than top');
  if (rest.length > 0) throw new InvalidEventPatternError('Too many terms in numeric range expression');
  const compare2 = comparators[op2] as (a: number, b: number) => boolean;
  return (v) => compare1(v, value1) && compare2(v, value2);
};

const parseCidr = (operand: unknown): BlockList => {
  if (typeof operand !== 'string') throw new InvalidEventPatternError('cidr match pattern must be a string');
  const parts = operand.split('/');
  if (parts.length !== 2) throw new InvalidEventPatternError("Malformed CIDR, one '/' required");
  const [address, bits] = parts as [string, string];
  const family = isIP(address);
  if (family === 0) throw new InvalidEventPatternError(`Nonstandard IP address: ${address}`);
  const prefix = Number(bits);
  const maxBits = family === 4 ? 32 : 128;
  if (!/^\d+$/.test(bits) || prefix > maxBits) {
    throw new InvalidEventPatternError('Malformed CIDR, mask bits must be an integer');
  }
  const list = new BlockList();
  list.addSubnet(address, prefix, family === 4 ? 'ipv4' : 'ipv6');
  return list;
};

const compileWildcard = (wildcard: string): RegExp => {
  let source = '';
  for (let i = 0; i < wildcard.length; i++) {
    const char = wildcard[i] as string;
    if (char === '\\') {
      const next = wildcard[i + 1];
      if (next !== '*' && next !== '\\') {
        throw new InvalidEventPatternError(`Invalid escape character at pos ${i + 1}`);
      }
      source += `\\${next}`;
      i++;
    } else if (char === '*') {
      if (wildcard[i + 1] === '*') {
        throw new InvalidEventPatternError(`Consecutive wildcard characters at pos ${i + 1}`);
      }
      source += '.*';
    } else {
      source += char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`, 'su');
};

// ---------------------------------------------------------------------------------------
// Matching

/** True if `event` (a parsed JSON object, e.g. the envelope EventBridge delivers) matches. */
export const matches = (pattern: EventPattern, event: unknown): boolean => matchObject(pattern, event);

const matchObject = (pattern: JsonObject, node: unknown): boolean => {
  for (const [key, spec] of Object.entries(pattern)) {
    if (isOrClause(key, spec)) {
      if (!spec.some((alternative) => matchObject(alternative, node))) return false;
      continue;
    }
    const present = isObject(node) && Object.hasOwn(node, key);
    const child = present ? (node as JsonObject)[key] : undefined;
    const ok = Array.isArray(spec)
      ? matchLeaf(spec, present ? leafValues(child) : [])
      : matchNested(spec, child);
    if (!ok) return false;
  }
  return true;
};

/** A nested pattern object: inside an event array, all of it must match one element. */
const matchNested = (spec: unknown, value: unknown): boolean => {
  if (!isObject(spec)) return false;
  if (Array.isArray(value)) {
    const objects = flatten(value).filter(isObject);
    return objects.length === 0 ? matchObject(spec, undefined) : objects.some((o) => matchObject(spec, o));
  }
  return matchObject(spec, isObject(value) ? value : undefined);
};

const flatten = (values: readonly unknown[]): unknown[] =>
  values.flatMap((v) => (Array.isArray(v) ? flatten(v) : [v]));

/** The values a leaf field holds: scalars, or the scalar elements of an array. */
const leafValues = (value: unknown): unknown[] => {
  if (Array.isArray(value)) return flatten(value).filter(isScalar);
  return isScalar(value) ? [value] : [];
};

const matchLeaf = (conditions: readonly unknown[], values: readonly unknown[]): boolean =>
  conditions.some((condition) => matchCondition(condition, values));

const lower = (s: string): string => s.toLowerCase();

const matchCondition = (condition: unknown, values: readonly unknown[]): boolean => {
  if (isScalar(condition)) return values.some((v) => v === condition);
  if (!isObject(condition)) return false;
  const [operator, operand] = Object.entries(condition)[0] ?? [];
  switch (operator) {
    case 'exists':
      return operand === values.length > 0;
    case 'anything-but': {
      const excluded = anythingBut(operand);
      return values.some((v) => !excluded(v));
    }
    default: {
      const test = valueTest(operator, operand);
      return values.some(test);
    }
  }
};

const valueTest = (operator: string | undefined, operand: unknown): ((value: unknown) => boolean) => {
  switch (operator) {
    case 'prefix':
    case 'suffix': {
      const ignoreCase = isObject(operand);
      const text = ignoreCase ? String(operand['equals-ignore-case']) : String(operand);
      const needle = ignoreCase ? lower(text) : text;
      return (v) => {
        if (typeof v !== 'string') return false;
        const hay = ignoreCase ? lower(v) : v;
        return operator === 'prefix' ? hay.startsWith(needle) : hay.endsWith(needle);
      };
    }
    case 'equals-ignore-case': {
      const expected = lower(String(operand));
      return (v) => typeof v === 'string' && lower(v) === expected;
    }
    case 'wildcard': {
      const regex = compileWildcard(String(operand));
      return (v) => typeof v === 'string' && regex.test(v);
    }
    case 'numeric': {
      const test = parseNumeric(operand);
      return (v) => typeof v === 'number' && test(v);
    }
    case 'cidr': {
      const list = parseCidr(operand);
      return (v) => {
        if (typeof v !== 'string') return false;
        const family = isIP(v);
        return family !== 0 && list.check(v, family === 4 ? 'ipv4' : 'ipv6');
      };
    }
    default:
      return () => false;
  }
};

/** The set an anything-but excludes, as a predicate: true means "this value is excluded". */
const anythingBut = (operand: unknown): ((value: unknown) => boolean) => {
  if (Array.isArray(operand)) return (v) => operand.includes(v);
  if (!isObject(operand)) return (v) => v === operand;
  const [inner, value] = Object.entries(operand)[0] ?? [];
  const list = typeof value === 'string' ? [value] : Array.isArray(value) ? (value as string[]) : [];
  const tests = list.map((item) => valueTest(inner, item));
  return (v) => tests.some((test) => test(v));
};

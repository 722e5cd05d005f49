// Dictionary types: every language has exactly the shape of the Russian one, and keys are typed paths.
import type { PluralForms } from './plural.ts';
import type { ru } from './ru.ts';

type Shape<T> = {
  readonly [K in keyof T]: T[K] extends string
    ? string
    : T[K] extends PluralForms
      ? PluralForms
      : Shape<T[K]>;
};

export type Dictionary = Shape<typeof ru>;

type Join<P extends string, K extends string> = P extends '' ? K : `${P}.${K}`;

// Paths of plain (non-plural) messages, e.g. 'signIn.submit'.
export type MessageKey<T = Dictionary, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string
    ? Join<P, K>
    : T[K] extends PluralForms
      ? never
      : MessageKey<T[K], Join<P, K>>;
}[keyof T & string];

// Paths of plural messages, e.g. 'shell.bellUnread'.
export type PluralKey<T = Dictionary, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string
    ? never
    : T[K] extends PluralForms
      ? Join<P, K>
      : PluralKey<T[K], Join<P, K>>;
}[keyof T & string];

export type MessageParams = Readonly<Record<string, string | number>>;

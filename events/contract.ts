// An event contract: the detail-type (name and version), the source that emits it, the
// schema of its detail, and a fixture. Producers build details through `contract.parse`,
// consumers parse with it, infra and the local bus take `detailType`/`source` for rule
// patterns, and a test keeps each schema backward compatible with its committed snapshot.
import type { z } from 'zod';

export type EventContract<S extends z.ZodType = z.ZodType> = {
  /** `<entity>.<what-happened>.v<N>`; a breaking change is a new version, not an edit. */
  readonly detailType: string;
  /** The bounded context that emits it, e.g. `crm.users`. */
  readonly source: string;
  readonly description: string;
  readonly schema: S;
};

export type EventDetail<C extends EventContract> = z.infer<C['schema']>;

export const defineEvent = <S extends z.ZodType>(contract: EventContract<S>): EventContract<S> => {
  if (!/^[a-z][a-z-]*(\.[a-z][a-z-]*)+\.v[1-9][0-9]*$/.test(contract.detailType)) {
    throw new Error(`event detail-type "${contract.detailType}" must look like entity.what-happened.v1`);
  }
  return contract;
};

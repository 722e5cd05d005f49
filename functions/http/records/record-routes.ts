// The routes companies and contacts share (functions/catalog.ts `companies`, `contacts`),
// built once for each kind: thin handlers that parse the path and query, call one domain
// function and shape the answer (`{ company }` or `{ contact }`).
import { z } from 'zod';
import { runBulkAction } from '../../domain/records/bulk.ts';
import { checkDraftForDuplicates } from '../../domain/records/find-duplicates.ts';
import { mergeRecords } from '../../domain/records/merge-records.ts';
import type { RecordItem, RecordKind } from '../../domain/records/record-kinds.ts';
import { deleteRecord, getRecord } from '../../domain/records/records.ts';
import { created, ok, type UserRouteHandler } from '../../lib/http.ts';
import type { Principal } from '../../lib/principal.ts';
import { parseInput } from '../../lib/validation.ts';

export type RecordOperations = {
  readonly kind: RecordKind;
  readonly base: string;
  readonly create: (principal: Principal, body: unknown) => Promise<RecordItem>;
  readonly update: (principal: Principal, id: string, body: unknown) => Promise<RecordItem>;
  readonly restore: (principal: Principal, id: string, expectedVersion: number) => Promise<RecordItem>;
};

/** DELETE carries the version in the query: some proxies drop DELETE bodies. */
export const versionQuerySchema = z.object({ expectedVersion: z.coerce.number().int().positive() });
export const versionBodySchema = z.object({ expectedVersion: z.number().int().positive() }).strict();

export const recordRoutes = (ops: RecordOperations): Record<string, UserRouteHandler> => {
  const { kind, base } = ops;
  const one = (item: RecordItem) => ({ [kind.type]: kind.toView(item) });
  const id = (params: Readonly<Record<string, string>>) => params.id ?? '';
  return {
    [`POST ${base}`]: async ({ body }, principal) => created(one(await ops.create(principal, body))),
    [`POST ${base}/duplicates`]: async ({ body }, principal) =>
      ok({ duplicates: await checkDraftForDuplicates(kind.type, principal, body) }),
    [`POST ${base}/bulk`]: async ({ body }, principal) =>
      ok({ results: await runBulkAction(ops, principal, body) }),
    [`GET ${base}/{id}`]: async ({ params }, principal) =>
      ok(one(await getRecord(kind, principal, id(params)))),
    [`PATCH ${base}/{id}`]: async ({ params, body }, principal) =>
      ok(one(await ops.update(principal, id(params), body))),
    [`DELETE ${base}/{id}`]: async ({ params, query }, principal) => {
      const { expectedVersion } = parseInput(versionQuerySchema, query);
      const item = await deleteRecord(kind, principal, id(params), expectedVersion);
      return ok({
        deleted: { type: kind.type, id: item.id, version: item.version, deletedAt: item.deletedAt },
      });
    },
    [`POST ${base}/{id}/restore`]: async ({ params, body }, principal) => {
      const { expectedVersion } = parseInput(versionBodySchema, body);
      return ok(one(await ops.restore(principal, id(params), expectedVersion)));
    },
    [`POST ${base}/{id}/merge`]: async ({ params, body }, principal) =>
      ok(one(await mergeRecords(kind, principal, id(params), body))),
  };
};

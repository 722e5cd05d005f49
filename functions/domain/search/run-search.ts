// Runs a search with its DynamoDB calls passed in: the Queries of its lookups in parallel (never a
// Scan: the sender only ever gets Query inputs, each with a key condition on one index
// partition), then merges and ranks their hits (search-query.ts).
import type { QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import {
  classify,
  hitOf,
  lookupsFor,
  mergeHits,
  queryOfLookup,
  type SearchHit,
  type SearchLookup,
  type SearchRequest,
} from './search-query.ts';

export type QuerySender = (input: QueryCommandInput) => Promise<{ Items?: Record<string, unknown>[] }>;

export const runSearch = async (
  request: SearchRequest,
  send: QuerySender,
  table: string,
): Promise<SearchHit[]> => {
  const classified = classify(request.q);
  const lookups = lookupsFor(classified, request.limit);
  const results = await Promise.all(lookups.map((lookup) => send(queryOfLookup(lookup, table))));
  const hits = results.flatMap((result, i) =>
    (result.Items ?? []).flatMap(
      (item) => hitOf(item, lookups[i] as SearchLookup, classified, request.types) ?? [],
    ),
  );
  return mergeHits(hits, request.limit);
};

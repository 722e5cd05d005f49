// The search of the tenant's table (run-search.ts with the table's client).
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../../lib/dynamo.ts';
import { runSearch } from './run-search.ts';
import type { SearchHit, SearchRequest } from './search-query.ts';

export const searchRecords = (request: SearchRequest): Promise<SearchHit[]> =>
  runSearch(request, (input) => db.send(new QueryCommand(input)), tableName);

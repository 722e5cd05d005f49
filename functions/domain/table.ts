// The tenant's single DynamoDB table: key attributes, indexes, TTL and stream.
// Infra creates the table from this definition and the local runtime creates the same
// table in DynamoDB Local from it; entity modules build the key values.
// The access patterns each index serves are listed in README.md ("Access patterns").

export type IndexDefinition = {
  readonly indexName: string;
  readonly partitionKey: string;
  readonly sortKey: string;
  /** The access pattern family the index serves (documentation and README table). */
  readonly purpose: string;
};

export const table = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Epoch seconds; DynamoDB deletes the item some time after this moment. */
  timeToLiveAttribute: 'expiresAt',
  streamView: 'NEW_AND_OLD_IMAGES',
  globalSecondaryIndexes: [
    {
      indexName: 'gsi1',
      partitionKey: 'gsi1pk',
      sortKey: 'gsi1sk',
      purpose:
        'collections in a chosen order: all items of a type (or a shard of them) sorted by name, date or status',
    },
    {
      indexName: 'gsi2',
      partitionKey: 'gsi2pk',
      sortKey: 'gsi2sk',
      purpose: 'by owner or assignee: what belongs to one user, sorted by due date or update time',
    },
    {
      indexName: 'gsi3',
      partitionKey: 'gsi3pk',
      sortKey: 'gsi3sk',
      purpose: 'by day: items falling due, expiring or scheduled on a calendar day (sparse)',
    },
  ],
} as const satisfies {
  partitionKey: string;
  sortKey: string;
  timeToLiveAttribute: string;
  streamView: 'NEW_AND_OLD_IMAGES';
  globalSecondaryIndexes: readonly IndexDefinition[];
};

export type IndexName = (typeof table.globalSecondaryIndexes)[number]['indexName'];

// The tenant's single DynamoDB table: key attributes, indexes, TTL and stream.
// Infra creates the table from this definition and the local runtime creates the same
// table in DynamoDB Local from it; entity modules build the key values.
// The access patterns each index serves are listed in README.md ("Access patterns").
//
// The indexes are generic (gsiNpk/gsiNsk) and overloaded: each entity type puts its own
// prefix in the partition key (`COMPANY`, `CONTACT`, …). Companies and contacts carry every
// key they are listed and found by on their own item, so a write of one record is one item
// (the import's speed depends on it) and every list page or search is one Query per index.

export type IndexDefinition = {
  readonly indexName: string;
  readonly partitionKey: string;
  readonly sortKey: string;
  /** The access pattern family the index serves (documentation and README table). */
  readonly purpose: string;
  /** ALL, or the attributes copied besides the keys (search results need only a few). */
  readonly projection: 'ALL' | readonly string[];
};

/** What a search hit shows: enough to render a result row without reading the item. */
const searchProjection = [
  'entity',
  'id',
  'name',
  'normalizedName',
  'inn',
  'primaryPhone',
  'primaryEmail',
  'companyId',
  'companyName',
  'jobTitle',
  'ownerId',
  'lifecycleStage',
] as const;

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
        'a collection sorted by name: all companies, all contacts, all users (`<TYPE>` / `<name>#<id>`)',
      projection: 'ALL',
    },
    {
      indexName: 'gsi2',
      partitionKey: 'gsi2pk',
      sortKey: 'gsi2sk',
      purpose: 'by owner or assignee: what belongs to one user, sorted by name or due date',
      projection: 'ALL',
    },
    {
      indexName: 'gsi3',
      partitionKey: 'gsi3pk',
      sortKey: 'gsi3sk',
      purpose:
        'by day: items falling due, expiring or scheduled on a day; the trash by deletion time (sparse)',
      projection: 'ALL',
    },
    {
      indexName: 'gsi4',
      partitionKey: 'gsi4pk',
      sortKey: 'gsi4sk',
      purpose: 'a collection sorted by creation time (`<TYPE>` / `<createdAt>#<id>`)',
      projection: 'ALL',
    },
    {
      indexName: 'gsi5',
      partitionKey: 'gsi5pk',
      sortKey: 'gsi5sk',
      purpose: 'a collection sorted by last change (`<TYPE>` / `<updatedAt>#<id>`)',
      projection: 'ALL',
    },
    {
      indexName: 'gsi6',
      partitionKey: 'gsi6pk',
      sortKey: 'gsi6sk',
      purpose: 'a collection sorted by last activity; "no activity for N days" is a range on it',
      projection: 'ALL',
    },
    {
      indexName: 'gsi7',
      partitionKey: 'gsi7pk',
      sortKey: 'gsi7sk',
      purpose: 'search by the first word of a name (`WORD` / `<word>#<TYPE>#<id>`)',
      projection: searchProjection,
    },
    {
      indexName: 'gsi8',
      partitionKey: 'gsi8pk',
      sortKey: 'gsi8sk',
      purpose:
        'search by the second word of a name (`WORD` / `<word>#<TYPE>#<id>`); later words get token items',
      projection: searchProjection,
    },
    {
      indexName: 'gsi9',
      partitionKey: 'gsi9pk',
      sortKey: 'gsi9sk',
      purpose: 'search by tax number: INN (`INN` / `<inn>#<TYPE>#<id>`)',
      projection: searchProjection,
    },
    {
      indexName: 'gsi10',
      partitionKey: 'gsi10pk',
      sortKey: 'gsi10sk',
      purpose: 'search by phone digits (`PHONE` / `<digits>#<TYPE>#<id>`); further phones get token items',
      projection: searchProjection,
    },
    {
      indexName: 'gsi11',
      partitionKey: 'gsi11pk',
      sortKey: 'gsi11sk',
      purpose: 'search by e-mail (`EMAIL` / `<email>#<TYPE>#<id>`); further e-mails get token items',
      projection: searchProjection,
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

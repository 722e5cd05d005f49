// The tenant's single DynamoDB table, built from functions/domain/table.ts so that the keys,
// indexes, TTL and stream here are the ones the local runtime creates in DynamoDB Local.
import type { RemovalPolicy } from 'aws-cdk-lib';
import {
  AttributeType,
  BillingMode,
  ProjectionType,
  StreamViewType,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { table as definition } from '../../functions/domain/table.ts';
import { tableName } from '../../functions/lib/resource-names.ts';

export type TenantTableProps = {
  readonly tenantId: string;
  /** RETAIN unless the operator asked to delete the tenant's data. */
  readonly removalPolicy: RemovalPolicy;
  readonly deletionProtection: boolean;
};

export class TenantTable extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string, props: TenantTableProps) {
    super(scope, id);
    // Every key attribute is a string: the entity modules build them as `TYPE#id`-like strings.
    this.table = new Table(this, 'Table', {
      tableName: tableName(props.tenantId),
      partitionKey: { name: definition.partitionKey, type: AttributeType.STRING },
      sortKey: { name: definition.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      stream: StreamViewType[definition.streamView],
      timeToLiveAttribute: definition.timeToLiveAttribute,
      // AWS-owned key: encrypted at rest at no cost and without KMS request latency or quota.
      // An AWS-managed key would only add CloudTrail visibility of key use, but neither it
      // nor the owned key can be revoked per tenant; a tenant that needs that gets a CMK.
      encryption: TableEncryption.DEFAULT,
      deletionProtection: props.deletionProtection,
      removalPolicy: props.removalPolicy,
    });
    for (const index of definition.globalSecondaryIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        ...(index.projection === 'ALL'
          ? { projectionType: ProjectionType.ALL }
          : { projectionType: ProjectionType.INCLUDE, nonKeyAttributes: [...index.projection] }),
      });
    }
  }
}

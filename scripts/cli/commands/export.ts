// `crm export <tenant> --out file.jsonl`: every item of the tenant's table (all types: records,
// tokens, links, audit, jobs, settings) as JSON Lines, one item a line, with a running count.
// A parallel Scan (4 segments) reads the table; it is not a point-in-time snapshot, so export
// a quiet tenant (or use DynamoDB's own export to S3 for a consistent one in AWS).
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Command } from 'commander';
import { usageError } from '../lib/errors.ts';
import { displayPath } from '../lib/paths.ts';
import { progressCount } from '../lib/progress.ts';
import { openTenantTable } from '../lib/tenant-table.ts';
import { requireTenant } from '../lib/tenants.ts';

type ExportOptions = {
  out?: string;
  aws?: boolean;
  dataDir?: string;
  dynamodbJson?: boolean;
  segments: string;
};

/** Sets become arrays (JSON has none); everything else is plain JSON. */
const toJson = (_key: string, value: unknown): unknown => (value instanceof Set ? [...value] : value);

const runExport = async (tenantId: string, options: ExportOptions): Promise<void> => {
  const tenant = requireTenant(tenantId);
  if (!options.out) throw usageError('say where to write: --out <file.jsonl>');
  const segments = Number(options.segments);
  if (!Number.isInteger(segments) || segments < 1 || segments > 32)
    throw usageError(`--segments: "${options.segments}" is not a whole number from 1 to 32`);
  const table = await openTenantTable(tenant, options, 'export');
  const out = resolve(options.out);
  // Written beside the target and renamed at the end: a stopped export leaves no half file.
  const partial = `${out}.partial`;
  const file = createWriteStream(partial, { encoding: 'utf8' });
  const progress = progressCount('items');
  let count = 0;
  const write = async (line: string) => {
    if (!file.write(line)) await once(file, 'drain');
  };
  const scanSegment = async (segment: number) => {
    let ExclusiveStartKey: Record<string, never> | undefined;
    do {
      const page = await table.client.send(
        new ScanCommand({
          TableName: table.tableName,
          Segment: segment,
          TotalSegments: segments,
          ExclusiveStartKey,
        }),
      );
      for (const item of page.Items ?? []) {
        await write(
          `${options.dynamodbJson ? JSON.stringify(item) : JSON.stringify(unmarshall(item), toJson)}\n`,
        );
        count++;
      }
      progress.update(count);
      ExclusiveStartKey = page.LastEvaluatedKey as Record<string, never> | undefined;
    } while (ExclusiveStartKey);
  };
  try {
    await Promise.all(Array.from({ length: segments }, (_, i) => scanSegment(i)));
  } finally {
    progress.stop();
    file.end();
    await once(file, 'close');
  }
  await rename(partial, out);
  console.log(`Wrote ${count} items of tenant ${tenant.id} (${table.where}) to ${displayPath(out)}`);
};

export const registerExportCommand = (program: Command): void => {
  program
    .command('export')
    .description("write every item of a tenant's table to a JSON Lines file")
    .argument('<tenant>', 'tenant id')
    .option('--out <file>', 'the file to write (JSON Lines: one item a line)')
    .option(
      '--dynamodb-json',
      'write items in DynamoDB JSON ({"pk":{"S":…}}), which keeps every type exactly',
    )
    .option('--aws', "the tenant's table in AWS, with your credentials (default: the local runtime)")
    .option('--data-dir <dir>', "the local runtime's data folder (default: .data in the repository)")
    .option('--segments <n>', 'parallel Scan segments', '4')
    .addHelpText(
      'after',
      `
Examples:
  $ npm run crm -- export demo --out demo.jsonl
  $ AWS_PROFILE=prod npm run crm -- export acme --aws --out acme.jsonl`,
    )
    .action(runExport);
};

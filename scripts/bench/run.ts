// `npm run bench -- <name> [options]`: the benchmarks. Each prints its figures beside the raw
// emulator call measured in the same run; none of them asserts a time (README "Benchmarks").
import { parseArgs } from 'node:util';
import { runApiBench } from './api.bench.ts';
import { runCampaignsBench } from './campaigns.bench.ts';
import { runImportBench } from './import.bench.ts';
import { runSearchBench } from './search.bench.ts';

const benches: Record<
  string,
  { description: string; run: (values: Record<string, string | undefined>) => Promise<void> }
> = {
  api: {
    description:
      'GET /api/me through the local gateway beside the raw DynamoDB GetItem (--requests, --concurrency)',
    run: (v) =>
      runApiBench({ requests: Number(v.requests ?? 2000), concurrency: Number(v.concurrency ?? 4) }),
  },
  search: {
    description:
      'lists and search over --companies (300000) companies beside the raw Queries (--requests, --concurrency, --disk)',
    run: (v) =>
      runSearchBench({
        companies: Number(v.companies ?? 300_000),
        requests: Number(v.requests ?? 300),
        concurrency: Number(v.concurrency ?? 4),
        disk: v.disk !== undefined,
      }),
  },
  campaigns: {
    description:
      '--campaigns (10) × --recipients (3000) launched at once through fan-out, SQS, sender and the SES emulator (--rate: SES MaxSendRate, 300)',
    run: (v) =>
      runCampaignsBench({
        campaigns: Number(v.campaigns ?? 10),
        recipients: Number(v.recipients ?? 3000),
        rate: Number(v.rate ?? 300),
      }),
  },
  import: {
    description:
      'the CLI import of --rows (300000) companies beside the raw BatchWriteItem of their items (--concurrency, --disk)',
    run: (v) =>
      runImportBench({
        rows: Number(v.rows ?? 300_000),
        concurrency: Number(v.concurrency ?? 8),
        disk: v.disk !== undefined,
      }),
  },
};

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    requests: { type: 'string' },
    concurrency: { type: 'string' },
    companies: { type: 'string' },
    rows: { type: 'string' },
    campaigns: { type: 'string' },
    recipients: { type: 'string' },
    rate: { type: 'string' },
    disk: { type: 'boolean' },
  },
});
const name = positionals[0];
const bench = name ? benches[name] : undefined;
if (!bench) {
  console.error(
    `usage: npm run bench -- <name> [options]\n\n${Object.entries(benches)
      .map(([n, b]) => `  ${n.padEnd(10)} ${b.description}`)
      .join('\n')}`,
  );
  process.exit(2);
}
for (const [key, value] of Object.entries(values)) {
  if (typeof value === 'string' && !(Number.isInteger(Number(value)) && Number(value) > 0)) {
    console.error(`--${key}: "${value}" is not a positive whole number`);
    process.exit(2);
  }
}
await bench.run(
  Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v === true ? 'true' : v || undefined])),
);

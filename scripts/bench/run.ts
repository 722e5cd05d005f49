// `npm run bench -- <name> [options]`: the benchmarks. Each prints its figures beside the raw
// emulator call measured in the same run; none of them asserts a time (README "Benchmarks").
import { parseArgs } from 'node:util';
import { runApiBench } from './api.bench.ts';

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
};

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { requests: { type: 'string' }, concurrency: { type: 'string' } },
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
  if (value !== undefined && !(Number.isInteger(Number(value)) && Number(value) > 0)) {
    console.error(`--${key}: "${value}" is not a positive whole number`);
    process.exit(2);
  }
}
await bench.run(values);

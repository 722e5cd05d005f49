// The local Lambda host: invocations started in the same tick each get a worker of their own
// (up to the concurrency) and each gets its own result, as Lambda's execution environments do.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FunctionHost } from './function-host.ts';

const dir = mkdtempSync(join(tmpdir(), 'crm-function-host-'));
const entryPath = join(dir, 'echo.mjs');
writeFileSync(
  entryPath,
  'export const handler = async (event) => { await new Promise((r) => setTimeout(r, 50)); return event; };\n',
);

const host = new FunctionHost({
  functionName: 'crm-test-echo',
  definition: { entry: entryPath, description: 'echo', timeoutSeconds: 5, access: {} },
  entryPath,
  environment: {},
  region: 'eu-central-1',
  maxConcurrency: 2,
  clockOffsetMs: () => 0,
  onOutput: () => undefined,
});

afterAll(async () => {
  await host.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('FunctionHost', () => {
  it('answers every invocation started in the same tick with its own result, beyond its concurrency too', async () => {
    const started = Date.now();
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => host.invoke({ n })));
    expect(results).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }, { n: 5 }]);
    // Nobody waited for a timeout (5 s): each result reached its own caller.
    expect(Date.now() - started).toBeLessThan(4000);
  });
});

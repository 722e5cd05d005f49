// synth/diff/deploy/destroy/bootstrap: the credentials check comes first and fails fast, the
// destroy confirmation guards the CDK call, and the CDK CLI gets the tenant as context.
// A recording fake stands in for the aws-cdk CLI (CRM_CDK_BIN).
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createFakeCdk,
  createSandbox,
  fakeCredentials,
  runCrm,
  type Sandbox,
} from './test-support/run-crm.ts';

const cdkCalls = (log: string): { args: string[]; region: string }[] =>
  existsSync(log)
    ? readFileSync(log, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line))
    : [];

const setUp = (): Sandbox & { log: string } => {
  const sandbox = createSandbox();
  const { bin, log } = createFakeCdk(sandbox.dir);
  return { ...sandbox, log, env: { ...sandbox.env, CRM_CDK_BIN: bin } };
};

describe('without AWS credentials', () => {
  it.each(['diff', 'deploy', 'destroy', 'bootstrap'])(
    '%s exits 2 at once, says what is missing and how to provide it, and never runs cdk',
    async (command) => {
      const { env, log } = setUp();

      const result = await runCrm([command, 'demo'], { env });

      expect(result.code).toBe(2);
      expect(result.ms).toBeLessThan(5_000);
      expect(result.stderr).toContain(`cannot ${command} tenant "demo": no AWS credentials found`);
      expect(result.stderr).toContain('AWS_PROFILE');
      expect(result.stderr).toContain('AWS_ACCESS_KEY_ID');
      expect(result.stderr).toContain('AWS_SECRET_ACCESS_KEY');
      expect(result.stderr).toContain('aws sso login');
      expect(result.stderr).toContain('eu-central-1');
      expect(cdkCalls(log)).toEqual([]);
    },
  );

  it('names a profile that cannot be loaded', async () => {
    const { env } = setUp();

    const result = await runCrm(['diff', 'demo'], { env: { ...env, AWS_PROFILE: 'prod-admin' } });

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('AWS_PROFILE is "prod-admin"');
    expect(result.stderr).toContain('aws sso login --profile prod-admin');
  });

  describe('when the instance metadata service does not answer', () => {
    let blackHole: Server;
    let port = 0;
    beforeAll(async () => {
      // Accepts connections and never replies, like a firewalled 169.254.169.254.
      blackHole = createServer(() => {});
      await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
      port = (blackHole.address() as { port: number }).port;
    });
    afterAll(() => {
      blackHole.close();
    });

    it('gives up within a few seconds', async () => {
      const { env, log } = setUp();

      const result = await runCrm(['deploy', 'demo'], {
        env: { ...env, AWS_EC2_METADATA_SERVICE_ENDPOINT: `http://127.0.0.1:${port}` },
      });

      expect(result.code).toBe(2);
      expect(result.ms).toBeLessThan(6_000);
      expect(result.stderr).toContain('no AWS credentials found');
      expect(cdkCalls(log)).toEqual([]);
    });
  });
});

describe('destroy', () => {
  it('aborts with exit 1 and runs nothing when the typed id does not match', async () => {
    const { env, log } = setUp();

    const result = await runCrm(['destroy', 'demo'], {
      env: { ...env, ...fakeCredentials },
      input: 'dmeo\n',
    });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Type the tenant id (demo) to confirm');
    expect(result.stderr).toContain('"dmeo" is not "demo"');
    expect(result.stderr).toContain('nothing was changed');
    expect(cdkCalls(log)).toEqual([]);
  });

  it('aborts when stdin ends without an answer', async () => {
    const { env, log } = setUp();

    const result = await runCrm(['destroy', 'demo'], { env: { ...env, ...fakeCredentials }, input: '' });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no answer');
    expect(cdkCalls(log)).toEqual([]);
  });

  it('explains that the table is retained, and destroys after the id is typed', async () => {
    const { env, log } = setUp();

    const result = await runCrm(['destroy', 'demo'], {
      env: { ...env, ...fakeCredentials },
      input: 'demo\n',
    });

    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('The table crm-demo, the user pool and the access logs are retained');
    expect(result.stdout).toContain('fake cdk ran');
    expect(cdkCalls(log)).toEqual([
      { args: ['destroy', '--all', '--force', '-c', 'tenant=demo'], region: 'eu-central-1' },
    ]);
  });

  it('with --delete-data --yes first redeploys the data as deletable, then destroys, without asking', async () => {
    const { env, log } = setUp();

    const result = await runCrm(['destroy', 'demo', '--delete-data', '--yes', '--no-web-build'], {
      env: { ...env, ...fakeCredentials },
    });

    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toContain('Type the tenant id');
    expect(result.stderr).toContain('ALL of the tenant');
    expect(cdkCalls(log).map((c) => c.args)).toEqual([
      ['deploy', '--all', '--require-approval', 'never', '-c', 'tenant=demo', '-c', 'deleteData=true'],
      ['destroy', '--all', '--force', '-c', 'tenant=demo', '-c', 'deleteData=true'],
    ]);
  });

  it('with --delete-data destroys nothing when the redeploy fails, and exits with its code', async () => {
    const { env, log } = setUp();

    const result = await runCrm(['destroy', 'demo', '--delete-data', '--yes', '--no-web-build'], {
      env: { ...env, ...fakeCredentials, FAKE_CDK_EXIT: '3' },
    });

    expect(result.code).toBe(3);
    expect(result.stderr).toContain('nothing was destroyed');
    expect(cdkCalls(log).map((c) => c.args[0])).toEqual(['deploy']);
  });
});

describe('running cdk', () => {
  it('synth needs no credentials and passes the tenant and the arguments after --', async () => {
    const { env, log } = setUp();

    const result = await runCrm(['synth', 'demo', '--no-web-build', '--', '--quiet'], { env });

    expect(result.code, result.stderr).toBe(0);
    expect(cdkCalls(log)).toEqual([
      { args: ['synth', '-c', 'tenant=demo', '--quiet'], region: 'eu-central-1' },
    ]);
  });

  it('deploy with --no-web-build deploys all of the tenant stacks', async () => {
    const { env, log } = setUp();

    const result = await runCrm(['deploy', 'demo', '--no-web-build'], {
      env: { ...env, ...fakeCredentials },
    });

    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toContain('Building the web app');
    expect(cdkCalls(log)[0]?.args).toEqual(['deploy', '--all', '-c', 'tenant=demo']);
  });

  it('diff and bootstrap pass the tenant as context', async () => {
    const { env, log } = setUp();

    await runCrm(['diff', 'demo', '--no-web-build'], { env: { ...env, ...fakeCredentials } });
    await runCrm(['bootstrap', 'demo'], { env: { ...env, ...fakeCredentials } });

    expect(cdkCalls(log).map((call) => call.args)).toEqual([
      ['diff', '-c', 'tenant=demo'],
      ['bootstrap', '-c', 'tenant=demo'],
    ]);
  });

  it('an unknown tenant exits 2 before cdk runs', async () => {
    const { env, log } = setUp();

    const result = await runCrm(['synth', 'nobody'], { env });

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no tenant "nobody"');
    expect(cdkCalls(log)).toEqual([]);
  });

  it('a missing cdk CLI is reported with how to install it', async () => {
    const { env, dir } = setUp();

    const result = await runCrm(['synth', 'demo'], {
      env: { ...env, CRM_CDK_BIN: join(dir, 'missing-cdk') },
    });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('the aws-cdk CLI is missing');
    expect(result.stderr).toContain('npm ci');
  });
});

// `crm tenant add|list|show` against a temporary tenants folder.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createSandbox, runCrm, type Sandbox } from './test-support/run-crm.ts';

const validOptions = {
  '--name': 'Acme Ltd',
  '--admin-email': 'admin@acme.example',
  '--region': 'eu-central-1',
  '--timezone': 'Europe/Berlin',
  '--currency': 'EUR',
  '--locale': 'en',
  '--mail-from': 'crm@acme.example',
} as const;

const addArgs = (
  id: string,
  overrides: Partial<Record<keyof typeof validOptions, string>> = {},
): string[] => ['tenant', 'add', id, ...Object.entries({ ...validOptions, ...overrides }).flat()];

let sandbox: Sandbox;
beforeEach(() => {
  sandbox = createSandbox({ withDemo: false });
});

describe('tenant add', () => {
  it('writes tenants/<id>.json with the validated definition', async () => {
    const result = await runCrm(addArgs('acme', { '--currency': 'eur' }), { env: sandbox.env });

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Added tenant acme');
    const written = JSON.parse(readFileSync(join(sandbox.tenantsDir, 'acme.json'), 'utf8'));
    expect(written).toEqual({
      id: 'acme',
      name: 'Acme Ltd',
      adminEmail: 'admin@acme.example',
      region: 'eu-central-1',
      timezone: 'Europe/Berlin',
      currency: 'EUR',
      locale: 'en',
      mailFrom: 'crm@acme.example',
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
  });

  it('defaults --locale to ru and --mail-from to --admin-email', async () => {
    const result = await runCrm(
      [
        'tenant',
        'add',
        'beta',
        '--name',
        'Beta',
        '--admin-email',
        'boss@beta.example',
        '--region',
        'eu-west-1',
        '--timezone',
        'Europe/Moscow',
        '--currency',
        'RUB',
      ],
      { env: sandbox.env },
    );

    expect(result.code, result.stderr).toBe(0);
    const written = JSON.parse(readFileSync(join(sandbox.tenantsDir, 'beta.json'), 'utf8'));
    expect(written.locale).toBe('ru');
    expect(written.mailFrom).toBe('boss@beta.example');
  });

  it.each([
    ['--name', '', 'must not be empty'],
    ['--admin-email', 'not-an-address', 'must be an e-mail address'],
    ['--region', 'mars-north-1', 'must be an AWS region'],
    ['--timezone', 'Mars/Olympus', 'must be an IANA time zone'],
    ['--currency', 'DOGE', 'must be an ISO 4217 currency code'],
    ['--locale', 'fr', 'must be ru or en'],
    ['--mail-from', 'nobody', 'must be an e-mail address'],
  ] as const)(
    'rejects an invalid %s with exit 2, naming the option, writing nothing',
    async (option, value, reason) => {
      const result = await runCrm(addArgs('acme', { [option]: value }), { env: sandbox.env });

      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`${option}: ${reason}`);
      expect(readdirSync(sandbox.tenantsDir)).toEqual([]);
    },
  );

  it('rejects an invalid id, naming the argument', async () => {
    const result = await runCrm(addArgs('Acme_Corp'), { env: sandbox.env });

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('<id>: use 3-32 lower-case letters');
    expect(readdirSync(sandbox.tenantsDir)).toEqual([]);
  });

  it('reports every missing and invalid option at once', async () => {
    const result = await runCrm(['tenant', 'add', 'acme', '--admin-email', 'bad', '--locale', 'de'], {
      env: sandbox.env,
    });

    expect(result.code).toBe(2);
    for (const line of [
      '--name: is required',
      '--admin-email: must be an e-mail address',
      '--region: is required',
      '--timezone: is required',
      '--currency: is required',
      '--locale: must be ru or en',
    ]) {
      expect(result.stderr).toContain(line);
    }
    expect(result.stderr).not.toContain('--mail-from');
    expect(readdirSync(sandbox.tenantsDir)).toEqual([]);
  });

  it('refuses an id that already exists and keeps the existing file', async () => {
    expect((await runCrm(addArgs('acme'), { env: sandbox.env })).code).toBe(0);
    const before = readFileSync(join(sandbox.tenantsDir, 'acme.json'), 'utf8');

    const result = await runCrm(addArgs('acme', { '--name': 'Someone Else' }), { env: sandbox.env });

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"acme" already exists');
    expect(readFileSync(join(sandbox.tenantsDir, 'acme.json'), 'utf8')).toBe(before);
  });
});

describe('tenant list', () => {
  it('prints a table of id, name, region, time zone and currency', async () => {
    await runCrm(addArgs('acme'), { env: sandbox.env });
    await runCrm(addArgs('zeta', { '--name': 'ООО «Зета»', '--currency': 'RUB', '--region': 'eu-north-1' }), {
      env: sandbox.env,
    });

    const result = await runCrm(['tenant', 'list'], { env: sandbox.env });

    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+NAME\s+REGION\s+TIMEZONE\s+CURRENCY$/);
    expect(lines[2]).toMatch(/^acme\s+Acme Ltd\s+eu-central-1\s+Europe\/Berlin\s+EUR$/);
    expect(lines[3]).toMatch(/^zeta\s+ООО «Зета»\s+eu-north-1\s+Europe\/Berlin\s+RUB$/);
    expect(lines).toHaveLength(4);
  });

  it('says how to add a tenant when there is none', async () => {
    const result = await runCrm(['tenant', 'list'], { env: sandbox.env });

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('No tenants');
    expect(result.stdout).toContain('tenant add');
  });

  it('lists the valid tenants and names the broken field of a hand-edited file, exiting 1', async () => {
    await runCrm(addArgs('acme'), { env: sandbox.env });
    writeFileSync(
      join(sandbox.tenantsDir, 'broken.json'),
      readFileSync(join(sandbox.tenantsDir, 'acme.json'), 'utf8')
        .replace('"acme"', '"broken"')
        .replace('Europe/Berlin', 'Europe/Atlantis'),
    );

    const result = await runCrm(['tenant', 'list'], { env: sandbox.env });

    expect(result.code).toBe(1);
    expect(result.stdout).toContain('acme');
    expect(result.stderr).toContain('broken.json');
    expect(result.stderr).toContain('timezone: must be an IANA time zone');
  });
});

describe('tenant show', () => {
  it('prints the definition and the derived resource names', async () => {
    await runCrm(addArgs('acme'), { env: sandbox.env });

    const result = await runCrm(['tenant', 'show', 'acme'], { env: sandbox.env });

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/name\s+Acme Ltd/);
    expect(result.stdout).toMatch(/time zone\s+Europe\/Berlin/);
    expect(result.stdout).toMatch(/stack\s+Crm-acme/);
    expect(result.stdout).toMatch(/table\s+crm-acme/);
    expect(result.stdout).toMatch(/event bus\s+crm-acme/);
    expect(result.stdout).toMatch(/user pool\s+crm-acme/);
  });

  it('prints JSON with --json', async () => {
    await runCrm(addArgs('acme'), { env: sandbox.env });

    const result = await runCrm(['tenant', 'show', 'acme', '--json'], { env: sandbox.env });

    expect(JSON.parse(result.stdout)).toMatchObject({
      tenant: { id: 'acme', currency: 'EUR' },
      resources: { stack: 'Crm-acme', table: 'crm-acme', bus: 'crm-acme', userPool: 'crm-acme' },
    });
  });

  it('exits 2 with a hint for an unknown tenant', async () => {
    const result = await runCrm(['tenant', 'show', 'nobody'], { env: sandbox.env });

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no tenant "nobody"');
    expect(result.stderr).toContain('tenant list');
  });

  it('does not find tenants outside $CRM_TENANTS_DIR', async () => {
    expect(existsSync(join(sandbox.tenantsDir, 'demo.json'))).toBe(false);

    const result = await runCrm(['tenant', 'show', 'demo'], { env: sandbox.env });

    expect(result.code).toBe(2);
  });
});

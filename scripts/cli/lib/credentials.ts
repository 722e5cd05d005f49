// Checks that AWS credentials can be found before anything talks to AWS, so that a missing
// profile fails in a second with instructions instead of minutes later inside the CDK CLI.
// The lookup is the SDK's default Node chain (env, SSO, ini files, credential_process, web
// identity, container and instance metadata). Off EC2 the instance-metadata step must not
// hang: it gets a 1 s timeout without retries (the SDK's RemoteProviderInit options), and
// the whole lookup has a hard deadline on top.
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { Tenant } from '../../../infra/tenants.ts';
import { CliError } from './errors.ts';

const metadataTimeoutMs = 1_000;
const lookupDeadlineMs = 8_000;

type Lookup = { ok: true } | { ok: false; reason: string };

const lookUpCredentials = async (): Promise<Lookup> => {
  const provider = fromNodeProviderChain({ timeout: metadataTimeoutMs, maxRetries: 0 });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<Lookup>((resolve) => {
    timer = setTimeout(
      () => resolve({ ok: false, reason: `the lookup took longer than ${lookupDeadlineMs / 1000} s` }),
      lookupDeadlineMs,
    );
  });
  try {
    return await Promise.race([
      provider().then(
        (): Lookup => ({ ok: true }),
        (error: unknown): Lookup => ({
          ok: false,
          reason: error instanceof Error ? error.message : String(error),
        }),
      ),
      deadline,
    ]);
  } finally {
    clearTimeout(timer);
  }
};

const howToProvide = (tenant: Tenant): string[] => {
  const profile = process.env.AWS_PROFILE;
  return [
    ...(profile
      ? [
          `AWS_PROFILE is "${profile}", but no credentials could be loaded for it: check that the profile`,
          'exists in ~/.aws/config or ~/.aws/credentials, and if it is an SSO profile, sign in again:',
          `  aws sso login --profile ${profile}`,
          '',
        ]
      : []),
    'Provide credentials in one of these ways, then run the command again:',
    '  - a named profile:       export AWS_PROFILE=<profile>   (set up with `aws configure` or `aws configure sso`)',
    '  - IAM Identity Center:   aws sso login --profile <profile>, then export AWS_PROFILE=<profile>',
    '  - access keys:           export AWS_ACCESS_KEY_ID=<key id> AWS_SECRET_ACCESS_KEY=<secret>',
    '                           (and AWS_SESSION_TOKEN=<token> for temporary keys)',
    `No region is needed: tenant "${tenant.id}" deploys to ${tenant.region}, as set in its definition.`,
  ];
};

/** Throws a usage error (exit 2) that says what is missing and how to provide it. */
export const requireAwsCredentials = async (tenant: Tenant, action: string): Promise<void> => {
  const lookup = await lookUpCredentials();
  if (lookup.ok) return;
  throw new CliError(`cannot ${action} tenant "${tenant.id}": no AWS credentials found (${lookup.reason})`, {
    exitCode: 2,
    hint: howToProvide(tenant),
  });
};

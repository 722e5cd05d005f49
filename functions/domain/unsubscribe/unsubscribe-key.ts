// The tenant's unsubscribe key, read once per cold start. Two sources, one seam
// (functionEnvironment() sets exactly one of them for functions with `access.unsubscribeKey`):
// - in AWS, UNSUBSCRIBE_KEY_SECRET_ARN names the Secrets Manager secret the stack generated;
//   the function may only GetSecretValue on it;
// - locally there is no Secrets Manager: the runtime generates the key once into the tenant's
//   git-ignored data folder and passes its value as UNSUBSCRIBE_KEY.
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { keyFromSecret } from './unsubscribe-token.ts';

export const unsubscribeKeyVariables = {
  secretArn: 'UNSUBSCRIBE_KEY_SECRET_ARN',
  value: 'UNSUBSCRIBE_KEY',
} as const;

const load = async (): Promise<Buffer> => {
  const local = process.env[unsubscribeKeyVariables.value];
  if (local) return keyFromSecret(local);
  const arn = process.env[unsubscribeKeyVariables.secretArn];
  if (!arn) {
    throw new Error(
      `missing environment variable ${unsubscribeKeyVariables.secretArn} (or ${unsubscribeKeyVariables.value} locally)`,
    );
  }
  const { SecretString } = await new SecretsManagerClient({}).send(
    new GetSecretValueCommand({ SecretId: arn }),
  );
  if (!SecretString) throw new Error('the unsubscribe key secret has no string value');
  return keyFromSecret(SecretString);
};

let loading: Promise<Buffer> | undefined;

/** The key; the first call reads it, later calls share that read (a failed read is retried). */
export const unsubscribeKey = (): Promise<Buffer> => {
  loading ??= load().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
};

// SDK clients pointed at the local emulators, with throwaway credentials: the emulators
// accept any. Used by the runtime itself (provisioning, pollers), not by the handlers,
// which find the emulators through AWS_ENDPOINT_URL_* variables like any SDK client would.
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';

export const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };

export type Endpoints = {
  readonly dynamodb: string;
  readonly sqs: string;
  readonly ses: string;
  readonly cognito: string;
  readonly bus: string;
};

export const localClients = (endpoints: Endpoints, region: string) => {
  const base = { region, credentials: localCredentials };
  return {
    dynamodb: new DynamoDBClient({ ...base, endpoint: endpoints.dynamodb }),
    streams: new DynamoDBStreamsClient({ ...base, endpoint: endpoints.dynamodb }),
    sqs: new SQSClient({ ...base, endpoint: endpoints.sqs }),
    s3: new S3Client({ ...base, endpoint: endpoints.sqs, forcePathStyle: true }),
    cognito: new CognitoIdentityProviderClient({ ...base, endpoint: endpoints.cognito }),
  };
};

export type LocalClients = ReturnType<typeof localClients>;

/** The environment that makes any AWS SDK v3 client in a handler talk to the emulators. */
export const emulatorEnvironment = (endpoints: Endpoints, region: string): Record<string, string> => ({
  AWS_REGION: region,
  AWS_DEFAULT_REGION: region,
  AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
  AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
  AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
  AWS_ENDPOINT_URL_DYNAMODB_STREAMS: endpoints.dynamodb,
  AWS_ENDPOINT_URL_SQS: endpoints.sqs,
  AWS_ENDPOINT_URL_SESV2: endpoints.ses,
  AWS_ENDPOINT_URL_SES: endpoints.ses,
  AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: endpoints.cognito,
  AWS_ENDPOINT_URL_EVENTBRIDGE: endpoints.bus,
  AWS_ENDPOINT_URL_SCHEDULER: endpoints.bus,
});

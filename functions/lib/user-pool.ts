// The tenant's Cognito user pool client, created once per function instance.
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { requireEnv } from './env.ts';

export const userPoolId = requireEnv('USER_POOL_ID');
export const cognito = new CognitoIdentityProviderClient({});

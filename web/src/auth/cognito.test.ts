// The Cognito JSON API as spoken over fetch, and how its errors become messages for the user.
import { describe, expect, it } from 'vitest';
import { CognitoError, createCognitoClient, parseCognitoError } from './cognito.ts';
import { safeRedirectPath, signInPath } from './redirect.ts';
import { signInErrorMessage } from './sign-in-errors.ts';

type Captured = { url: string; init: RequestInit };

const fakeFetch = (status: number, body: unknown, captured: Captured[] = []): typeof fetch =>
  (async (url: string, init: RequestInit) => {
    captured.push({ url, init });
    return new Response(JSON.stringify(body), { status });
  }) as typeof fetch;

const config = { endpoint: 'http://127.0.0.1:9229/', clientId: 'client-1' };

describe('Cognito client', () => {
  it('posts InitiateAuth with USER_PASSWORD_AUTH and the amz-json headers', async () => {
    const captured: Captured[] = [];
    const client = createCognitoClient(
      config,
      fakeFetch(
        200,
        { AuthenticationResult: { AccessToken: 'a', IdToken: 'i', RefreshToken: 'r', ExpiresIn: 3600 } },
        captured,
      ),
    );
    const outcome = await client.signIn('anna@demo.ru', 'secret');

    expect(outcome).toEqual({
      kind: 'signedIn',
      result: { AccessToken: 'a', IdToken: 'i', RefreshToken: 'r', ExpiresIn: 3600 },
    });
    expect(captured[0]?.url).toBe('http://127.0.0.1:9229/');
    expect(captured[0]?.init.headers).toEqual({
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': 'AWSCognitoIdentityProviderService.InitiateAuth',
    });
    expect(JSON.parse(String(captured[0]?.init.body))).toEqual({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: 'client-1',
      AuthParameters: { USERNAME: 'anna@demo.ru', PASSWORD: 'secret' },
    });
  });

  it('turns NEW_PASSWORD_REQUIRED into a challenge and answers it with RespondToAuthChallenge', async () => {
    const captured: Captured[] = [];
    const challenge = createCognitoClient(
      config,
      fakeFetch(200, {
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: 's-1',
        ChallengeParameters: { USER_ID_FOR_SRP: 'u-1' },
      }),
    );
    expect(await challenge.signIn('anna@demo.ru', 'Temp#1')).toEqual({
      kind: 'newPasswordRequired',
      session: 's-1',
      username: 'u-1',
    });

    const answer = createCognitoClient(
      config,
      fakeFetch(
        200,
        { AuthenticationResult: { AccessToken: 'a', IdToken: 'i', RefreshToken: 'r', ExpiresIn: 60 } },
        captured,
      ),
    );
    await answer.completeNewPassword('u-1', 'N3w#Password', 's-1');
    expect(captured[0]?.init.headers).toMatchObject({
      'X-Amz-Target': 'AWSCognitoIdentityProviderService.RespondToAuthChallenge',
    });
    expect(JSON.parse(String(captured[0]?.init.body))).toEqual({
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      ClientId: 'client-1',
      Session: 's-1',
      ChallengeResponses: { USERNAME: 'u-1', NEW_PASSWORD: 'N3w#Password' },
    });
  });

  it('refreshes with REFRESH_TOKEN_AUTH and revokes with the ClientId', async () => {
    const captured: Captured[] = [];
    const client = createCognitoClient(
      config,
      fakeFetch(
        200,
        { AuthenticationResult: { AccessToken: 'a2', IdToken: 'i2', ExpiresIn: 3600 } },
        captured,
      ),
    );
    await client.refresh('r-1');
    await client.revoke('r-1');
    expect(JSON.parse(String(captured[0]?.init.body))).toEqual({
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: 'client-1',
      AuthParameters: { REFRESH_TOKEN: 'r-1' },
    });
    expect(JSON.parse(String(captured[1]?.init.body))).toEqual({ Token: 'r-1', ClientId: 'client-1' });
  });

  it('raises the error type Cognito names in __type, without its namespace', async () => {
    const client = createCognitoClient(
      config,
      fakeFetch(400, {
        __type: 'com.amazonaws.cognito.identity.idp.model#NotAuthorizedException',
        message: 'Incorrect username or password.',
      }),
    );
    await expect(client.signIn('anna@demo.ru', 'wrong')).rejects.toMatchObject({
      type: 'NotAuthorizedException',
      status: 400,
      message: 'Incorrect username or password.',
    });
  });

  it('reports an unreachable endpoint as NetworkError', async () => {
    const client = createCognitoClient(config, (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch);
    await expect(client.signIn('a@b', 'c')).rejects.toMatchObject({ type: 'NetworkError', status: 0 });
  });

  it('parses an error body without a message', () => {
    const error = parseCognitoError(400, { __type: 'UserNotFoundException' });
    expect(error.type).toBe('UserNotFoundException');
    expect(error.message).toBe('Cognito answered HTTP 400');
  });
});

describe('sign-in error messages', () => {
  const error = (type: string, message = '') => new CognitoError(type, message, 400);

  it('says "wrong e-mail or password" without revealing whether the user exists', () => {
    expect(signInErrorMessage(error('NotAuthorizedException'), 'password')).toBe(
      'signIn.errors.invalidCredentials',
    );
    expect(signInErrorMessage(error('UserNotFoundException'), 'password')).toBe(
      'signIn.errors.invalidCredentials',
    );
  });

  it('tells apart lockouts, network trouble and an expired challenge', () => {
    expect(
      signInErrorMessage(error('NotAuthorizedException', 'Password attempts exceeded'), 'password'),
    ).toBe('signIn.errors.tooManyAttempts');
    expect(signInErrorMessage(new CognitoError('NetworkError', '', 0), 'password')).toBe(
      'signIn.errors.network',
    );
    expect(signInErrorMessage(error('NotAuthorizedException', 'Invalid session'), 'newPassword')).toBe(
      'newPassword.errors.sessionExpired',
    );
    expect(signInErrorMessage(error('InvalidPasswordException'), 'newPassword')).toBe(
      'newPassword.errors.invalidPassword',
    );
    expect(signInErrorMessage(error('InvalidPasswordException', 'Invalid password'), 'password')).toBe(
      'signIn.errors.invalidCredentials',
    );
    expect(signInErrorMessage(new Error('boom'), 'password')).toBe('signIn.errors.unknown');
  });
});

describe('redirect after sign-in', () => {
  it('accepts only paths inside the app', () => {
    expect(safeRedirectPath('/notifications?x=1')).toBe('/notifications?x=1');
    expect(safeRedirectPath('https://evil.example/')).toBe('/');
    expect(safeRedirectPath('//evil.example/')).toBe('/');
    expect(safeRedirectPath('/\\evil.example')).toBe('/');
    expect(safeRedirectPath('/sign-in?redirect=/x')).toBe('/');
    expect(safeRedirectPath(undefined)).toBe('/');
  });

  it('builds the sign-in address with where to come back to', () => {
    expect(signInPath('/')).toBe('/sign-in');
    expect(signInPath('/settings')).toBe('/sign-in?redirect=%2Fsettings');
    expect(signInPath('/settings', 'expired')).toBe('/sign-in?redirect=%2Fsettings&reason=expired');
  });
});

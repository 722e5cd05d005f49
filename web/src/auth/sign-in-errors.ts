// Maps what Cognito answers to the message a user should see. Never reveals whether the e-mail exists.
import type { MessageKey } from '../i18n/dictionary.ts';
import { CognitoError } from './cognito.ts';

export type SignInStage = 'password' | 'newPassword';

export const signInErrorMessage = (error: unknown, stage: SignInStage): MessageKey => {
  if (!(error instanceof CognitoError)) return 'signIn.errors.unknown';
  switch (error.type) {
    case 'NetworkError':
      return 'signIn.errors.network';
    case 'NotAuthorizedException':
      if (/attempts exceeded/i.test(error.message)) return 'signIn.errors.tooManyAttempts';
      // In the new-password step Cognito says NotAuthorized when the challenge session has expired.
      return stage === 'newPassword'
        ? 'newPassword.errors.sessionExpired'
        : 'signIn.errors.invalidCredentials';
    case 'UserNotFoundException':
      return 'signIn.errors.invalidCredentials';
    case 'TooManyRequestsException':
    case 'TooManyFailedAttemptsException':
    case 'LimitExceededException':
      return 'signIn.errors.tooManyAttempts';
    case 'UserNotConfirmedException':
      return 'signIn.errors.userNotConfirmed';
    case 'PasswordResetRequiredException':
      return 'signIn.errors.passwordResetRequired';
    case 'InvalidPasswordException':
      // A password policy is only checked when a new password is set. At the password step
      // this means a wrong password (cognito-local answers a wrong password this way).
      return stage === 'newPassword'
        ? 'newPassword.errors.invalidPassword'
        : 'signIn.errors.invalidCredentials';
    case 'ExpiredCodeException':
    case 'CodeMismatchException':
      return 'newPassword.errors.sessionExpired';
    default:
      return 'signIn.errors.unknown';
  }
};

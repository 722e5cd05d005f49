// Step one of signing in: e-mail and password against the tenant's Cognito user pool.
import { createSignal, onMount, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { useAuth } from '../../auth/auth-context.tsx';
import type { NewPasswordChallenge } from '../../auth/session.ts';
import { signInErrorMessage } from '../../auth/sign-in-errors.ts';
import type { MessageKey } from '../../i18n/dictionary.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { Button } from '../../ui/button.tsx';
import { Alert } from '../../ui/feedback.tsx';
import { TextField } from '../../ui/field.tsx';

const EMAIL = /^[^\s@]+@[^\s@]+$/;

export type PasswordFormProps = {
  initialEmail?: string;
  onChallenge: (challenge: NewPasswordChallenge, email: string) => void;
};

export const PasswordForm = (props: PasswordFormProps) => {
  const { t } = useI18n();
  const auth = useAuth();
  const [email, setEmail] = createSignal(props.initialEmail ?? '');
  const [password, setPassword] = createSignal('');
  const [reveal, setReveal] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [failure, setFailure] = createSignal<MessageKey>();
  const [errors, setErrors] = createStore<{
    email?: MessageKey | undefined;
    password?: MessageKey | undefined;
  }>({});
  let emailInput: HTMLInputElement | undefined;
  let passwordInput: HTMLInputElement | undefined;

  onMount(() => (email() ? passwordInput : emailInput)?.focus());

  const validate = (): boolean => {
    const value = email().trim();
    setErrors({
      email: !value
        ? 'signIn.errors.emailRequired'
        : EMAIL.test(value)
          ? undefined
          : 'signIn.errors.emailInvalid',
      password: password() ? undefined : 'signIn.errors.passwordRequired',
    });
    if (errors.email) emailInput?.focus();
    else if (errors.password) passwordInput?.focus();
    return !errors.email && !errors.password;
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setFailure(undefined);
    if (!validate()) return;
    setBusy(true);
    try {
      const step = await auth.session.signIn(email().trim(), password());
      if (step.kind === 'newPasswordRequired') props.onChallenge(step.challenge, email().trim());
      // On success the sign-in page follows the session into the app.
    } catch (error) {
      setFailure(signInErrorMessage(error, 'password'));
      passwordInput?.select();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      class="auth-form"
      onSubmit={submit}
      novalidate
      aria-describedby={failure() ? 'sign-in-error' : undefined}
    >
      <Show when={failure()}>
        {(key) => (
          <Alert tone="danger" role="alert">
            {t(key())}
          </Alert>
        )}
      </Show>
      <TextField
        ref={(element) => {
          emailInput = element;
        }}
        label={t('signIn.email')}
        name="email"
        type="email"
        inputMode="email"
        autocomplete="username"
        autocapitalize="none"
        spellcheck={false}
        placeholder={t('signIn.emailPlaceholder')}
        value={email()}
        onInput={(event) => setEmail(event.currentTarget.value)}
        error={errors.email ? t(errors.email) : undefined}
        required
      />
      <TextField
        ref={(element) => {
          passwordInput = element;
        }}
        label={t('signIn.password')}
        name="password"
        type={reveal() ? 'text' : 'password'}
        autocomplete="current-password"
        value={password()}
        onInput={(event) => setPassword(event.currentTarget.value)}
        error={errors.password ? t(errors.password) : undefined}
        required
        addon={
          <button
            type="button"
            class="field__addon"
            aria-pressed={reveal()}
            onClick={() => setReveal((value) => !value)}
          >
            {t('signIn.showPassword')}
          </button>
        }
      />
      <Button type="submit" variant="primary" block busy={busy()}>
        {t('signIn.submit')}
      </Button>
    </form>
  );
};

// Step two, on a first sign-in with a temporary password: Cognito's NEW_PASSWORD_REQUIRED challenge.
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

export type NewPasswordFormProps = {
  challenge: NewPasswordChallenge;
  email: string;
  onBack: () => void;
};

export const NewPasswordForm = (props: NewPasswordFormProps) => {
  const { t } = useI18n();
  const auth = useAuth();
  const [password, setPassword] = createSignal('');
  const [confirm, setConfirm] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [failure, setFailure] = createSignal<MessageKey>();
  const [errors, setErrors] = createStore<{
    password?: MessageKey | undefined;
    confirm?: MessageKey | undefined;
  }>({});
  let passwordInput: HTMLInputElement | undefined;

  onMount(() => passwordInput?.focus());

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setFailure(undefined);
    setErrors({
      password: password() ? undefined : 'newPassword.errors.required',
      confirm: password() && confirm() !== password() ? 'newPassword.errors.mismatch' : undefined,
    });
    if (errors.password || errors.confirm) return;
    setBusy(true);
    try {
      const step = await auth.session.completeNewPassword(props.challenge, password());
      if (step.kind !== 'signedIn') setFailure('signIn.errors.unknown');
    } catch (error) {
      const key = signInErrorMessage(error, 'newPassword');
      if (key === 'newPassword.errors.invalidPassword') setErrors('password', key);
      else setFailure(key);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="auth-form" onSubmit={submit} novalidate>
      <div class="auth-form__intro">
        <h2 class="auth-form__title">{t('newPassword.title')}</h2>
        <p class="auth-form__text">{t('newPassword.description', { email: props.email })}</p>
      </div>
      <Show when={failure()}>
        {(key) => (
          <Alert tone="danger" role="alert">
            {t(key())}
          </Alert>
        )}
      </Show>
      <TextField
        ref={(element) => {
          passwordInput = element;
        }}
        label={t('newPassword.password')}
        name="new-password"
        type="password"
        autocomplete="new-password"
        value={password()}
        onInput={(event) => setPassword(event.currentTarget.value)}
        error={errors.password ? t(errors.password) : undefined}
        hint={t('newPassword.requirements')}
        required
      />
      <TextField
        label={t('newPassword.confirm')}
        name="confirm-password"
        type="password"
        autocomplete="new-password"
        value={confirm()}
        onInput={(event) => setConfirm(event.currentTarget.value)}
        error={errors.confirm ? t(errors.confirm) : undefined}
        required
      />
      <Button type="submit" variant="primary" block busy={busy()}>
        {t('newPassword.submit')}
      </Button>
      <Button variant="ghost" block onClick={() => props.onBack()}>
        {t('newPassword.back')}
      </Button>
    </form>
  );
};

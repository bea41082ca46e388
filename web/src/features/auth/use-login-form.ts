import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../shared/api/client';
import { describeError } from '../../shared/api/errors';
import { useLogin, useMeQuery } from '../../shared/auth/use-auth';
import { loadAllMessages } from '../../i18n';
import { useCountdown } from './use-countdown';

export interface LoginValues {
  login: string;
  password: string;
}

/** Only same-app paths: `?next=//evil.example` must not become an open redirect. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

/**
 * What both login pages (console and phone) do: sign in, go back to `?next`, and after too
 * many failures count down the server's Retry-After before allowing another try.
 */
export function useLoginForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const me = useMeQuery();
  const login = useLogin();
  const [blockedUntil, setBlockedUntil] = useState<number | null>(null);
  const secondsLeft = useCountdown(blockedUntil);
  const next = safeNext(params.get('next'));

  const submit = (values: LoginValues) => {
    // The phone's login page opens with the core messages only; a refusal is worded from the
    // rest (errors), which download while the request is on its way.
    void loadAllMessages().catch(() => undefined);
    login.mutate(
      { login: values.login.trim(), password: values.password },
      {
        onSuccess: () => void navigate(next, { replace: true }),
        onError: (error) => {
          if (isApiError(error, 'LOGIN_RATE_LIMITED')) setBlockedUntil(Date.now() + (Number(error.params.retryAfterSeconds) || 60) * 1000);
        },
      },
    );
  };

  const rateLimited = secondsLeft > 0;
  const errorText = rateLimited
    ? t('auth.rateLimited', { seconds: secondsLeft })
    : login.isError && !isApiError(login.error, 'LOGIN_RATE_LIMITED')
      ? describeError(login.error)
      : null;

  return { signedIn: !!me.data, next, submit, isPending: login.isPending, rateLimited, errorText };
}

import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api/apiError.js';
import { signInProviders } from '../api/authApi.js';
import { LanguageSelect } from '../components/LanguageSelect.js';
import { ThemeToggle } from '../components/ThemeToggle.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { MessageKey } from '../i18n/translate.js';
import { useSession, type SignedOutReason } from './SessionProvider.js';

const NOTICES: Record<Exclude<SignedOutReason, null>, MessageKey> = { expired: 'login.sessionExpired', signedOut: 'login.signedOut' };

function loginErrorKey(error: unknown): MessageKey {
  if (!(error instanceof ApiError)) return 'login.networkError';
  switch (error.code) {
    case 'UNAUTHORIZED':
      return 'login.wrongCredentials';
    case 'TOO_MANY_REQUESTS':
      return 'login.tooManyAttempts';
    case 'BAD_REQUEST':
      return 'login.missingFields';
    case 'NETWORK':
      return 'login.networkError';
    default:
      return 'error.server';
  }
}

export function LoginPage({ reason, checkFailed }: { reason: SignedOutReason; checkFailed?: boolean }) {
  const { t } = useI18n();
  const { login } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<MessageKey | null>(checkFailed ? 'login.networkError' : null);
  const [google, setGoogle] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const ids = { email: useId(), password: useId(), error: useId() };

  useEffect(() => {
    emailRef.current?.focus();
    let active = true;
    void signInProviders().then((p) => active && setGoogle(p.google));
    return () => {
      active = false;
    };
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!email.trim() || !password) {
      setError('login.missingFields');
      (email.trim() ? passwordRef : emailRef).current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await login(email.trim(), password);
    } catch (e) {
      setError(loginErrorKey(e));
      setPassword('');
      passwordRef.current?.focus();
      setBusy(false);
    }
  }

  return (
    <div className="login-screen">
      <div className="login-tools">
        <LanguageSelect />
        <ThemeToggle />
      </div>
      <main className="login-card" aria-labelledby="login-title">
        <div className="brand brand-large" aria-hidden="true">
          <span className="brand-mark">F</span> {t('app.name')}
        </div>
        <h1 id="login-title">{t('login.title')}</h1>
        <p className="muted">{t('login.subtitle')}</p>
        {reason && !error && (
          <p className="notice notice-info" role="status">
            {t(NOTICES[reason])}
          </p>
        )}
        {error && (
          <p className="notice notice-error" role="alert" id={ids.error}>
            {t(error)}
          </p>
        )}
        <form onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor={ids.email}>{t('login.email')}</label>
            <input
              ref={emailRef}
              id={ids.email}
              type="email"
              name="email"
              autoComplete="username"
              inputMode="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              aria-invalid={error === 'login.missingFields' && !email.trim() ? true : undefined}
              aria-describedby={error ? ids.error : undefined}
              required
            />
          </div>
          <div className="field">
            <label htmlFor={ids.password}>{t('login.password')}</label>
            <input
              ref={passwordRef}
              id={ids.password}
              type="password"
              name="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              aria-describedby={error ? ids.error : undefined}
              required
            />
          </div>
          <button type="submit" className="button button-primary button-block" disabled={busy}>
            {busy ? t('login.submitting') : t('login.submit')}
          </button>
        </form>
        {google && (
          <>
            <p className="divider">
              <span>{t('login.or')}</span>
            </p>
            <a className="button button-block" href="/auth/google">
              {t('login.google')}
            </a>
          </>
        )}
      </main>
    </div>
  );
}

import { useState } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router-dom';
import { LoginPage } from '../auth/LoginPage.js';
import { SessionProvider, useSession } from '../auth/SessionProvider.js';
import { LoadingState } from '../components/LoadingState.js';
import { ToastProvider } from '../components/ToastProvider.js';
import { I18nProvider, useI18n } from '../i18n/I18nProvider.js';
import { ThemeProvider } from '../theme/ThemeProvider.js';
import { createAppRouter } from './router.js';

function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        // Permission and validation answers do not change by asking again.
        retry: (count, error) => count < 2 && !['UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'BAD_REQUEST'].includes((error as { code?: string }).code ?? ''),
      },
    },
  });
}

/** Signed in: the app. Otherwise the login screen, at the same address, so signing in returns to it. */
function SessionGate() {
  const { state } = useSession();
  const { t } = useI18n();
  const [router] = useState(createAppRouter);
  if (state.status === 'checking') return <LoadingState text={t('app.loading')} />;
  if (state.status === 'signedOut') return <LoginPage reason={state.reason} checkFailed={state.checkFailed} />;
  return <RouterProvider router={router} />;
}

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <I18nProvider>
      <ThemeProvider>
        <QueryClientProvider client={queryClient}>
          <ToastProvider>
            <SessionProvider>
              <SessionGate />
            </SessionProvider>
          </ToastProvider>
        </QueryClientProvider>
      </ThemeProvider>
    </I18nProvider>
  );
}

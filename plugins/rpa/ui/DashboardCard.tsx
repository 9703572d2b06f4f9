/** One block of the dashboard: its title, then its content once the painel answered (or why it did not). */
import type { ReactNode } from 'react';
import { ErrorState, LoadingState } from '#ui-plugin';
import { useRpaTexts } from './rpaTexts.js';

export interface PainelState {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch(): unknown;
}

export function DashboardCard({
  id,
  title,
  note,
  state,
  wide,
  children,
}: {
  id: string;
  title: string;
  note?: string;
  state: PainelState;
  wide?: boolean;
  children: ReactNode;
}) {
  const tx = useRpaTexts();
  return (
    <section className={`card report-card${wide ? ' report-wide' : ''}`} aria-labelledby={`rpa-${id}`} data-card={id}>
      <h2 id={`rpa-${id}`}>
        {title}
        {note && <span className="muted small"> · {note}</span>}
      </h2>
      {state.isPending ? (
        <LoadingState text={tx.carregando} />
      ) : state.isError ? (
        <ErrorState title={tx.erroCarregar} error={state.error} onRetry={() => void state.refetch()} />
      ) : (
        children
      )}
    </section>
  );
}

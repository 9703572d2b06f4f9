/** One report: title, its chart and its table, with loading, error and empty states. */
import type { ReactNode } from 'react';
import { ErrorState, LoadingState } from '#ui-plugin';
import { useReportTexts } from './reportTexts.js';

interface ReportCardProps {
  title: string;
  state: { isPending: boolean; isError: boolean; error: unknown; refetch(): unknown };
  empty: boolean;
  children: ReactNode;
  wide?: boolean;
}

export function ReportCard({ title, state, empty, children, wide }: ReportCardProps) {
  const tx = useReportTexts();
  const id = `report-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <section className={`card report-card${wide ? ' report-wide' : ''}`} aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {state.isPending && <LoadingState text={tx.loading} />}
      {state.isError && <ErrorState title={tx.loadError} error={state.error} onRetry={() => void state.refetch()} />}
      {!state.isPending && !state.isError && (empty ? <p className="state">{tx.noData}</p> : children)}
    </section>
  );
}

/**
 * The one log viewer of runs, schedule runs and record runs alike: status,
 * attempt, progress and the log, whose lines arrive live over the socket and
 * otherwise come from the run's stored output. Follows the end of the log
 * unless the reader scrolled up. Cancel is offered when the server says the
 * user may (`canCancel`).
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { callMutation } from '../api/apiClient.js';
import { toApiError } from '../api/apiError.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { ErrorState } from '../components/ErrorState.js';
import { LoadingState } from '../components/LoadingState.js';
import { useToast } from '../components/ToastProvider.js';
import { formatDateTime } from '../format/dateText.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { MessageKey } from '../i18n/messages.ptBR.js';
import { mergeLines } from './mergeLines.js';
import { subscribeToRunLog } from './runLogEvents.js';
import { runEnded, useRun, type JobRunView } from './runQueries.js';

/** Within this many pixels of the bottom, the viewer keeps following new lines. */
const FOLLOW_SLACK_PX = 24;

export function RunLog({ runId }: { runId: number }) {
  const { t } = useI18n();
  const run = useRun(runId);
  const live = useLiveLines(runId, run.data?.output);
  if (run.isPending) return <LoadingState text={t('runs.loading')} />;
  if (run.isError) return <ErrorState title={t('runs.loadError')} error={run.error} onRetry={() => void run.refetch()} />;
  const lines = mergeLines(splitLines(run.data.output), live);
  return (
    <section className="run-log" aria-label={t('runs.logOf', { id: runId })} data-run-status={run.data.status}>
      <RunHeader run={run.data} />
      <LogLines lines={lines} following={!runEnded(run.data)} />
      {run.data.error && <p className="run-log-error">{run.data.error.split('\n')[0]}</p>}
    </section>
  );
}

/** Lines streamed since the output was last read; those the stored output holds drop out. */
function useLiveLines(runId: number, stored: string | undefined): string[] {
  const [live, setLive] = useState<string[]>([]);
  useEffect(() => {
    setLive([]);
    return subscribeToRunLog((event) => {
      if (event.runId === runId) setLive((lines) => [...lines, event.line]);
    });
  }, [runId]);
  useEffect(() => {
    if (stored === undefined) return;
    const held = splitLines(stored);
    setLive((lines) => mergeLines(held, lines).slice(held.length));
  }, [stored]);
  return live;
}

function RunHeader({ run }: { run: JobRunView }) {
  const { t } = useI18n();
  return (
    <div className="run-log-header">
      <span className={`run-status run-status-${run.status}`}>{t(`runs.status.${run.status}` as MessageKey)}</span>
      {run.maxAttempts > 1 && <span className="muted small">{t('runs.attempt', { attempt: Math.max(1, run.attempt), max: run.maxAttempts })}</span>}
      {run.status === 'retrying' && run.nextAttemptAt && (
        <span className="muted small">{t('runs.nextAttempt', { when: formatDateTime(run.nextAttemptAt) })}</span>
      )}
      {run.progress !== null && !runEnded(run) && (
        <span className="progress-value">
          <progress max={100} value={run.progress} aria-label={t('runs.progress')} />
          <span className="small">{run.progress}%</span>
          {run.progressMessage && <span className="muted small">{run.progressMessage}</span>}
        </span>
      )}
      <span className="muted small run-log-when">
        {run.startedAt ? t('runs.startedAt', { when: formatDateTime(run.startedAt) }) : t('runs.queuedAt', { when: formatDateTime(run.createdAt) })}
        {run.finishedAt && ` · ${t('runs.finishedAt', { when: formatDateTime(run.finishedAt) })}`}
      </span>
      {run.canCancel && <CancelRun runId={run.id} />}
    </div>
  );
}

function LogLines({ lines, following }: { lines: string[]; following: boolean }) {
  const { t } = useI18n();
  const box = useRef<HTMLPreElement>(null);
  const atEnd = useRef(true);
  // After every render: new lines move the end down, and a reader at the end stays there.
  useLayoutEffect(() => {
    if (box.current && atEnd.current) box.current.scrollTop = box.current.scrollHeight;
  });
  const onScroll = () => {
    const el = box.current;
    if (el) atEnd.current = el.scrollHeight - el.scrollTop - el.clientHeight <= FOLLOW_SLACK_PX;
  };
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: the log scrolls; keyboard users need to reach it to scroll it.
    <pre ref={box} className="run-log-lines" tabIndex={0} onScroll={onScroll} aria-live={following ? 'polite' : 'off'}>
      {lines.length ? lines.join('\n') : <span className="muted">{t('runs.noOutput')}</span>}
    </pre>
  );
}

function CancelRun({ runId }: { runId: number }) {
  const { t } = useI18n();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  async function cancel() {
    setBusy(true);
    try {
      const run = await callMutation<JobRunView>('platform.run_cancel', { id: runId });
      queryClient.setQueryData(['run', runId], run);
      void queryClient.invalidateQueries({ queryKey: ['record-runs'] });
      toast(t('runs.cancelAsked'));
    } catch (e) {
      toast(toApiError(e).message, 'error');
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  }
  return (
    <>
      <button type="button" className="button button-danger-quiet" onClick={() => setConfirming(true)}>
        {t('runs.cancel')}
      </button>
      <ConfirmDialog
        open={confirming}
        danger
        busy={busy}
        title={t('runs.cancelTitle')}
        text={t('runs.cancelText')}
        confirmLabel={t('runs.cancel')}
        cancelLabel={t('runs.keepRunning')}
        onCancel={() => setConfirming(false)}
        onConfirm={() => void cancel()}
      />
    </>
  );
}

function splitLines(output: string | undefined): string[] {
  return output ? output.split('\n') : [];
}

/** One operator at the machine: who they are, the OF they are on, what runs on the machines, and their queue. */
import { useEffect, useState } from 'react';
import { ErrorState, fillPlaceholders, isApiError, LoadingState, useToast } from '#ui-plugin';
import { CurrentJob } from './CurrentJob.js';
import { FinishDialog, type Quantities } from './FinishDialog.js';
import { LIVE, useLaserMutation, useLaserQuery, type ApontamentoResumo } from './laserApi.js';
import { OnMachinePanel } from './OnMachinePanel.js';
import { problemOf, type Problem, type ShiftAction } from './problemText.js';
import { ProblemNotice } from './ProblemNotice.js';
import { QueueList } from './QueueList.js';
import { useShopFloorTexts } from './shopFloorTexts.js';

interface OperatorShiftProps {
  codigo: string;
  /** Back to the code input; with the reason when the code was not accepted. */
  onLeave(problem: string | null): void;
}

export function OperatorShift({ codigo, onLeave }: OperatorShiftProps) {
  const tx = useShopFloorTexts();
  const queue = useLaserQuery('sequenciamento', { operador_codigo: codigo }, LIVE);
  const actions = useShiftActions(codigo);
  const [finishing, setFinishing] = useState(false);
  // The code is not accepted when nobody has it (NOT_FOUND) or its operator is inactive (CONFLICT).
  const refusal = !queue.isError
    ? null
    : isApiError(queue.error, 'NOT_FOUND')
      ? tx.unknownOperator
      : isApiError(queue.error, 'CONFLICT')
        ? tx.inactiveOperator
        : null;

  useEffect(() => {
    if (refusal) onLeave(fillPlaceholders(refusal, { codigo }));
  }, [refusal, onLeave, codigo]);

  if (queue.isPending || refusal) return <LoadingState text={tx.loading} />;
  if (queue.isError) return <ErrorState title={tx.loadError} error={queue.error} onRetry={() => void queue.refetch()} />;

  const { operador, fila, em_execucao: current } = queue.data;
  const currentItem = current ? fila.find((item) => item.id === current.ordem) : undefined;
  const resumeFromQueue = (ordem: number) => {
    const paused = fila.find((item) => item.id === ordem)?.apontamento;
    if (paused) actions.resume(paused);
  };
  return (
    <>
      <div className="card shop-floor-operator">
        <div>
          <span className="muted">{tx.operator}</span>
          <p className="shop-floor-operator-name">
            {operador.nome} <span className="muted">· {operador.codigo}</span>
          </p>
        </div>
        <button type="button" className="button shop-floor-button" onClick={() => onLeave(null)}>
          {tx.changeOperator}
        </button>
      </div>
      {actions.problem && <ProblemNotice text={actions.problem.text} detail={actions.problem.detail} />}
      {current ? (
        <CurrentJob
          resumo={current}
          item={currentItem}
          receivedAt={queue.dataUpdatedAt}
          busy={actions.busy}
          onPause={() => actions.pause(current)}
          onResume={() => actions.resume(current)}
          onFinish={() => setFinishing(true)}
        />
      ) : (
        <p className="state shop-floor-idle">{tx.nothingRunning}</p>
      )}
      {/* Before the queue, which can be long: what runs on every machine stays in reach. */}
      <OnMachinePanel />
      <QueueList
        fila={fila}
        currentOrdem={current?.ordem ?? null}
        running={current?.status === 'em_andamento'}
        busy={actions.busy}
        onStart={(item) => actions.start(item.id, item.numero)}
        onResume={(item) => resumeFromQueue(item.id)}
      />
      {finishing && current && (
        <FinishDialog
          numero={current.ordem_numero}
          planned={currentItem?.quantidade}
          busy={actions.busy}
          onCancel={() => setFinishing(false)}
          onConfirm={(quantities) => void actions.finish(current, quantities).then(() => setFinishing(false))}
        />
      )}
    </>
  );
}

/** Start, pause, resume and finish, one at a time, with the last refusal in words. */
function useShiftActions(operador_codigo: string) {
  const tx = useShopFloorTexts();
  const toast = useToast();
  const iniciar = useLaserMutation('iniciar');
  const pausar = useLaserMutation('pausar');
  const retomar = useLaserMutation('retomar');
  const finalizar = useLaserMutation('finalizar');
  const [problem, setProblem] = useState<Problem | null>(null);

  async function attempt(action: ShiftAction, numero: string, call: () => Promise<unknown>): Promise<void> {
    setProblem(null);
    try {
      await call();
    } catch (e) {
      setProblem(problemOf(e, action, numero, tx));
    }
  }

  return {
    problem,
    busy: [iniciar, pausar, retomar, finalizar].some((m) => m.isPending),
    start: (ordem: number, numero: string) => void attempt('start', numero, () => iniciar.mutateAsync({ ordem, operador_codigo })),
    pause: (a: ApontamentoResumo) => void attempt('pause', a.ordem_numero, () => pausar.mutateAsync({ apontamento: a.id })),
    resume: (a: ApontamentoResumo) => void attempt('resume', a.ordem_numero, () => retomar.mutateAsync({ apontamento: a.id })),
    finish: (a: ApontamentoResumo, quantities: Quantities) =>
      attempt('finish', a.ordem_numero, async () => {
        await finalizar.mutateAsync({ apontamento: a.id, ...quantities });
        toast(fillPlaceholders(tx.finished, { numero: a.ordem_numero }));
      }),
  };
}

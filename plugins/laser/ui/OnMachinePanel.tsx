/** Everything running or paused on the machines now, whoever operates them; live as other terminals change it. */
import { ErrorState, LoadingState } from '#ui-plugin';
import { LIVE, useLaserQuery } from './laserApi.js';
import { useShopFloorTexts } from './shopFloorTexts.js';
import { StatusBadge } from './StatusBadge.js';
import { WorkedClock } from './WorkedClock.js';

export function OnMachinePanel() {
  const tx = useShopFloorTexts();
  const running = useLaserQuery('em_maquina', {}, LIVE);
  return (
    <section className="card shop-floor-machines" aria-labelledby="shop-floor-machines-title">
      <h2 id="shop-floor-machines-title">{tx.onMachine}</h2>
      {running.isPending ? (
        <LoadingState text={tx.loading} />
      ) : running.isError ? (
        <ErrorState title={tx.onMachineError} error={running.error} onRetry={() => void running.refetch()} />
      ) : running.data.length === 0 ? (
        <p className="muted">{tx.onMachineEmpty}</p>
      ) : (
        <ul className="shop-floor-machine-list">
          {running.data.map((a) => (
            <li key={a.id} aria-label={`${tx.of} ${a.ordem_numero}`}>
              <div className="shop-floor-machine-of">
                <strong>
                  {tx.of} {a.ordem_numero}
                </strong>
                <span className="muted">
                  {a.operador_nome} · {a.operador_codigo}
                </span>
              </div>
              <StatusBadge status={a.status} />
              <WorkedClock resumo={a} receivedAt={running.dataUpdatedAt} className="shop-floor-machine-clock" />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

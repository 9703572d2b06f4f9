/** The OF the operator is on: its facts, the running timer and the big buttons that move it along. */
import { Icon } from '#ui-plugin';
import type { ApontamentoResumo, ItemFila } from './laserApi.js';
import { OfFacts, StepLink } from './OfFacts.js';
import { useShopFloorTexts } from './shopFloorTexts.js';
import { StatusBadge } from './StatusBadge.js';
import { WorkedClock } from './WorkedClock.js';

interface CurrentJobProps {
  resumo: ApontamentoResumo;
  /** The OF's queue entry; missing when it left the operator's queue meanwhile. */
  item: ItemFila | undefined;
  receivedAt: number;
  busy: boolean;
  onPause(): void;
  onResume(): void;
  onFinish(): void;
}

export function CurrentJob({ resumo, item, receivedAt, busy, onPause, onResume, onFinish }: CurrentJobProps) {
  const tx = useShopFloorTexts();
  const paused = resumo.status === 'pausado';
  return (
    <section className={`card shop-floor-current${paused ? ' is-paused' : ''}`} aria-labelledby="shop-floor-current-title">
      <div className="shop-floor-current-head">
        <div>
          <span className="shop-floor-eyebrow">{tx.currentOf}</span>
          <h2 id="shop-floor-current-title">{resumo.ordem_numero}</h2>
        </div>
        <StatusBadge status={resumo.status} />
      </div>
      <div className="shop-floor-current-body">
        <div className="shop-floor-timer">
          <span className="muted">{tx.elapsed}</span>
          <WorkedClock resumo={resumo} receivedAt={receivedAt} className="shop-floor-timer-value" />
        </div>
        {item && (
          <div className="shop-floor-current-facts">
            <OfFacts item={item} />
            <StepLink item={item} />
          </div>
        )}
      </div>
      <div className="shop-floor-actions">
        {paused ? (
          <button type="button" className="button button-primary shop-floor-button shop-floor-big" disabled={busy} onClick={onResume}>
            <Icon name="play" size={28} /> {tx.resume}
          </button>
        ) : (
          <button type="button" className="button shop-floor-button shop-floor-big shop-floor-pause" disabled={busy} onClick={onPause}>
            <Icon name="pause" size={28} /> {tx.pause}
          </button>
        )}
        <button type="button" className="button shop-floor-button shop-floor-big shop-floor-finish" disabled={busy} onClick={onFinish}>
          <Icon name="check" size={28} /> {tx.finish}
        </button>
      </div>
    </section>
  );
}

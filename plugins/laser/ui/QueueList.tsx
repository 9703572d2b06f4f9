/**
 * The operator's OFs in sequence. While nothing of theirs is running, an OF
 * starts from here, and one they paused earlier resumes from here.
 */
import { Icon } from '#ui-plugin';
import type { ItemFila } from './laserApi.js';
import { OfFacts, StepLink } from './OfFacts.js';
import { useShopFloorTexts } from './shopFloorTexts.js';
import { StatusBadge } from './StatusBadge.js';

interface QueueListProps {
  fila: ItemFila[];
  /** The OF shown as the current one, marked in the list. */
  currentOrdem: number | null;
  /** Something of this operator runs: nothing else starts or resumes until it is paused or finished. */
  running: boolean;
  busy: boolean;
  onStart(item: ItemFila): void;
  onResume(item: ItemFila): void;
}

export function QueueList({ fila, currentOrdem, running, busy, onStart, onResume }: QueueListProps) {
  const tx = useShopFloorTexts();
  return (
    <section className="shop-floor-queue" aria-labelledby="shop-floor-queue-title">
      <h2 id="shop-floor-queue-title">
        {tx.queue} <span className="muted">({fila.length})</span>
      </h2>
      {fila.length === 0 ? (
        <p className="state">{tx.queueEmpty}</p>
      ) : (
        <ol className="shop-floor-queue-list">
          {fila.map((item, index) => {
            const status = item.apontamento?.status ?? item.status;
            const isCurrent = item.id === currentOrdem;
            return (
              <li key={item.id} className={`card shop-floor-of${isCurrent ? ' is-current' : ''}`} aria-label={`${tx.of} ${item.numero}`}>
                <div className="shop-floor-of-head">
                  <span className="shop-floor-position" title={tx.sequencia}>
                    {item.sequencia ?? index + 1}
                  </span>
                  <h3>{item.numero}</h3>
                  {status && <StatusBadge status={status} />}
                  {!isCurrent && <StepLink item={item} />}
                  {!running && !isCurrent && <QueueAction item={item} busy={busy} onStart={onStart} onResume={onResume} />}
                </div>
                {/* The current OF's facts are on its card above. */}
                {!isCurrent && <OfFacts item={item} />}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

interface QueueActionProps extends Pick<QueueListProps, 'busy' | 'onStart' | 'onResume'> {
  item: ItemFila;
}

function QueueAction({ item, busy, onStart, onResume }: QueueActionProps) {
  const tx = useShopFloorTexts();
  const paused = item.apontamento?.status === 'pausado';
  return (
    <button
      type="button"
      className="button button-primary shop-floor-button shop-floor-start"
      disabled={busy}
      onClick={() => (paused ? onResume(item) : onStart(item))}
    >
      <Icon name="play" size={24} /> {paused ? tx.resume : tx.start}
    </button>
  );
}

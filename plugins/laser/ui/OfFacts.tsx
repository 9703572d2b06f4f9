/** What an operator checks before cutting: product, material, thickness, quantity; and the .step file to load. */
import { formatDecimal, formatInteger, Icon, useI18n } from '#ui-plugin';
import type { ItemFila } from './laserApi.js';
import { useShopFloorTexts } from './shopFloorTexts.js';

export function OfFacts({ item }: { item: ItemFila }) {
  const tx = useShopFloorTexts();
  const { sep } = useI18n();
  return (
    <dl className="shop-floor-facts">
      <div>
        <dt>{tx.produto}</dt>
        <dd>{item.produto}</dd>
      </div>
      <div>
        <dt>{tx.material}</dt>
        <dd>{item.material ?? '—'}</dd>
      </div>
      <div>
        <dt>{tx.espessura}</dt>
        <dd>{item.espessura === null ? '—' : `${formatDecimal(item.espessura, sep)} mm`}</dd>
      </div>
      <div>
        <dt>{tx.quantidade}</dt>
        <dd>{formatInteger(item.quantidade, sep)}</dd>
      </div>
    </dl>
  );
}

/** The OF's .step file, downloaded with the session's cookie; nothing when the OF has none. */
export function StepLink({ item }: { item: ItemFila }) {
  const tx = useShopFloorTexts();
  if (!item.tem_step) return null;
  return (
    <a className="button shop-floor-button shop-floor-step" href={`/api/laser/download_step?of_id=${item.id}`} download>
      <Icon name="download" size={22} /> {tx.downloadStep}
    </a>
  );
}

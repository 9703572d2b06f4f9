/** An apontamento's or an OF's status as the shell's coloured badge. */
import { useShopFloorTexts } from './shopFloorTexts.js';

const TONES = {
  em_andamento: 'green',
  pausado: 'amber',
  finalizado: 'teal',
  confirmado: 'purple',
  aberta: 'gray',
  em_producao: 'blue',
  concluida: 'teal',
  cancelada: 'red',
} as const;

export type ShopFloorStatus = keyof typeof TONES;

export function StatusBadge({ status }: { status: ShopFloorStatus }) {
  const tx = useShopFloorTexts();
  return <span className={`state-badge state-${TONES[status]} shop-floor-badge`}>{tx[status]}</span>;
}

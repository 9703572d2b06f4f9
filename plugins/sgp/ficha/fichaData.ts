/**
 * What a production sheet shows, gathered from the item and its pedido and
 * formatted the way the shop floor reads it (pt-BR dates and numbers).
 */
import type { Context, ItemPedidoRow } from '../generated/model.js';

export interface FichaData {
  numero: string;
  itemIndex: number;
  itemCount: number;
  cliente: string;
  dataEntrada: string;
  dataEntrega: string;
  prioridade: string;
  alta: boolean;
  formaEnvio: string;
  descricao: string;
  /** Label → value, in reading order; empty values shown as a dash. */
  detalhes: [string, string][];
  observacoes: string;
  observacoesPedido: string;
  emitidaPor: string;
  emitidaEm: string;
}

const ACABAMENTO: Record<string, string> = { overloque: 'Overloque', elastico: 'Elástico', ilhos: 'Ilhós', nenhum: 'Nenhum' };
const EMENDA: Record<string, string> = { sem_emenda: 'Sem emenda', com_emenda: 'Com emenda' };
const DASH = '—';

export async function fichaData(ctx: Context, item: ItemPedidoRow, now = new Date()): Promise<FichaData> {
  const pedido = await ctx.data.entity('pedido').get(item.pedido);
  const itens = pedido.itens ?? [];
  const shown = (row: { _display?: Partial<Record<string, string | null>> }, field: string) => row._display?.[field] ?? DASH;
  const largura = item.largura == null ? null : Number(item.largura);
  const altura = item.altura == null ? null : Number(item.altura);
  const measured = largura !== null && altura !== null;
  return {
    numero: String(pedido.numero ?? pedido.id),
    itemIndex: itens.findIndex((i) => i.id === item.id) + 1,
    itemCount: itens.length,
    cliente: shown(pedido, 'cliente'),
    dataEntrada: dateBr(pedido.data_entrada),
    dataEntrega: dateBr(pedido.data_entrega),
    prioridade: pedido.prioridade === 'ALTA' ? 'Alta' : 'Normal',
    alta: pedido.prioridade === 'ALTA',
    formaEnvio: shown(pedido, 'forma_envio'),
    descricao: String(item.descricao ?? ''),
    detalhes: [
      ['Tipo de produção', shown(item, 'tipo_producao')],
      ['Tecido / material', shown(item, 'material')],
      ['Medidas (L × A)', measured ? `${number(largura, 3)} m × ${number(altura, 3)} m` : DASH],
      ['Área por unidade', measured && item.metro_quadrado != null ? `${number(Number(item.metro_quadrado), 4)} m²` : DASH],
      ['Quantidade', item.quantidade == null ? DASH : number(Number(item.quantidade), 0)],
      ['Acabamento', ACABAMENTO[String(item.acabamento)] ?? DASH],
      ['Emenda', EMENDA[String(item.emenda)] ?? DASH],
      ['Máquina', shown(item, 'maquina')],
      ['Vendedor', shown(item, 'vendedor')],
      ['Designer', shown(item, 'designer')],
    ],
    observacoes: String(item.observacao ?? '').trim(),
    observacoesPedido: String(pedido.observacao ?? '').trim(),
    emitidaPor: ctx.user.name,
    emitidaEm: now.toLocaleString('pt-BR', { timeZone: ctx.calendar.timeZone, dateStyle: 'short', timeStyle: 'short' }),
  };
}

function dateBr(value: unknown): string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value)) return DASH;
  const [y, m, d] = value.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

function number(value: number, maxDecimals: number): string {
  return value.toLocaleString('pt-BR', { minimumFractionDigits: Math.min(maxDecimals, 2), maximumFractionDigits: maxDecimals });
}

/** Builds plausible item_pedido rows: sizes, material, finishing, machine and price per production type. */
import { decimal } from '#core';
import type { PedidoInput } from '../generated/model.js';
import { TEMAS_ITEM, TIPOS_PRODUCAO, type TipoProducaoSpec } from './catalog.js';
import type { Cadastros } from './cadastros.js';
import type { Random } from './random.js';

interface Printer {
  id: number;
  /** Roll width in mm: pieces wider than this in both directions need a seam. */
  rollWidth: number;
}

export function idOf(ids: Map<string, number>, name: string): number {
  const id = ids.get(name);
  if (id === undefined) throw new Error(`seed: unknown cadastro "${name}"`);
  return id;
}

/** A size in mm, rounded to whole centimetres like a real quote. */
function sizeMm(rng: Random, [min, max]: [number, number]): number {
  return rng.int(min / 10, max / 10) * 10;
}

function unitPriceCents(spec: TipoProducaoSpec, larguraMm: number, alturaMm: number): number {
  return Math.max(spec.precoMinimo, Math.round((larguraMm * alturaMm * spec.precoM2) / 1_000_000));
}

/** 3000 → "3,00": how sizes read in a pt-BR description. */
function metresBr(mm: number): string {
  return decimal.formatUnits(BigInt(mm / 10), 2).replace('.', ',');
}

function printerFor(rng: Random, spec: TipoProducaoSpec, cad: Cadastros): Printer {
  if (!spec.sublimado) return { id: cad.maquinas.ecosolvente, rollWidth: 1600 };
  return rng.chance(0.5) ? { id: cad.maquinas.sublimadora320, rollWidth: 3200 } : { id: cad.maquinas.sublimadora180, rollWidth: 1800 };
}

/** An item as it goes inside a new pedido's `itens`. */
export type SeedItem = NonNullable<PedidoInput['itens']>[number];

export function buildItem(rng: Random, cad: Cadastros, vendedor: number): SeedItem {
  const spec = rng.pick(TIPOS_PRODUCAO);
  const largura = sizeMm(rng, spec.largura);
  const altura = sizeMm(rng, spec.altura);
  const printer = printerFor(rng, spec, cad);
  const nome = spec.nome.charAt(0).toUpperCase() + spec.nome.slice(1);
  return {
    tipo_producao: idOf(cad.tipos, spec.nome),
    descricao: `${nome} ${metresBr(largura)} x ${metresBr(altura)} m – ${rng.pick(TEMAS_ITEM)}`,
    largura: decimal.formatUnits(BigInt(largura), 3),
    altura: decimal.formatUnits(BigInt(altura), 3),
    quantidade: rng.int(...spec.quantidade),
    vendedor,
    // Some customers send finished artwork, so no designer works on the item.
    designer: rng.chance(0.1) ? null : rng.pick(cad.designers),
    material: idOf(cad.materiais, rng.pick(spec.materiais)),
    acabamento: rng.pick(spec.acabamentos),
    emenda: Math.min(largura, altura) > printer.rollWidth ? 'com_emenda' : 'sem_emenda',
    valor_unitario: decimal.formatUnits(BigInt(unitPriceCents(spec, largura, altura)), 2),
    maquina: printer.id,
  };
}

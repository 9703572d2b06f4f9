/**
 * The baseline: pedido list/get/create written by hand with plain SQL on the
 * platform's Sequelize connection, returning exactly what the generated
 * procedures return (decimals as strings, `_display` of relations, itens).
 * It does the same work as the generated path — same queries, same checks,
 * same audit row — only without the generic machinery.
 */
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { Datasource } from '../core/db/connect.js';

export type Json = Record<string, unknown>;
type Stored = Record<string, unknown>;

export class InputError extends Error {}
export class MissingError extends Error {}

/** Same bound as the platform's default TOTAL_COUNT_CAP. */
const COUNT_CAP = 10_000;
const NUMERO_SEQUENCE = 'sgp.pedido.numero';
const MAX_NUMERO_SKIPS = 100;

const PEDIDO_SELECT = `SELECT p.id, p.version, p.numero, p.data_entrada, p.data_entrega, p.prioridade, p.status, p.cliente,
  p.valor_itens, p.valor_frete, p.valor_total, p.forma_pagamento, p.obs_pagamento, p.forma_envio, p.financeiro, p.conferencia,
  p.sublimacao, p.costura, p.expedicao, p.pronto, p.sublimacao_maquina, p.sublimacao_data_impressao, p.observacao,
  p.created_at, p.updated_at, p.created_by, p.updated_by,
  c.nome AS d_cliente, fp.nome AS d_forma_pagamento, fe.nome AS d_forma_envio, m.nome AS d_sublimacao_maquina
FROM sgp_pedido p
LEFT JOIN sgp_cliente c ON c.id = p.cliente
LEFT JOIN sgp_forma_pagamento fp ON fp.id = p.forma_pagamento
LEFT JOIN sgp_forma_envio fe ON fe.id = p.forma_envio
LEFT JOIN sgp_maquina m ON m.id = p.sublimacao_maquina`;

const ITEM_SELECT = `SELECT i.id, i.version, i.pedido, i.tipo_producao, i.descricao, i.largura, i.altura, i.quantidade, i.metro_quadrado,
  i.vendedor, i.designer, i.material, i.acabamento, i.emenda, i.valor_unitario, i.maquina, i.observacao, i.imagem,
  i.created_at, i.updated_at, i.created_by, i.updated_by,
  pp.numero AS d_pedido, tp.nome AS d_tipo_producao, v.nome AS d_vendedor, d.nome AS d_designer, mt.nome AS d_material, mq.nome AS d_maquina
FROM sgp_item_pedido i
LEFT JOIN sgp_pedido pp ON pp.id = i.pedido
LEFT JOIN sgp_tipo_producao tp ON tp.id = i.tipo_producao
LEFT JOIN sgp_vendedor v ON v.id = i.vendedor
LEFT JOIN sgp_designer d ON d.id = i.designer
LEFT JOIN sgp_material mt ON mt.id = i.material
LEFT JOIN sgp_maquina mq ON mq.id = i.maquina`;

/** Columns a list may sort on (the screens use these). */
const SORTABLE = new Set(['id', 'numero', 'data_entrada', 'data_entrega', 'status', 'prioridade', 'valor_total', 'created_at']);

// ---- stored → wire -------------------------------------------------------

function decimal(units: unknown, scale: number): string | null {
  if (units === null || units === undefined) return null;
  const n = Number(units);
  const digits = String(Math.abs(n)).padStart(scale + 1, '0');
  return `${n < 0 ? '-' : ''}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

function iso(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return new Date(String(value).replace(' ', 'T').replace(' +00:00', 'Z')).toISOString();
}

const bool = (v: unknown) => (v === null || v === undefined ? null : v === 1 || v === true || v === '1');
const day = (v: unknown) => (v === null || v === undefined ? null : String(v).slice(0, 10));
const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function pedidoRow(r: Stored): Json {
  return {
    id: Number(r.id),
    version: Number(r.version),
    numero: r.numero,
    data_entrada: day(r.data_entrada),
    data_entrega: day(r.data_entrega),
    prioridade: r.prioridade,
    status: r.status,
    cliente: r.cliente,
    valor_itens: decimal(r.valor_itens, 2),
    valor_frete: decimal(r.valor_frete, 2),
    valor_total: decimal(r.valor_total, 2),
    forma_pagamento: r.forma_pagamento,
    obs_pagamento: r.obs_pagamento,
    forma_envio: r.forma_envio,
    financeiro: bool(r.financeiro),
    conferencia: bool(r.conferencia),
    sublimacao: bool(r.sublimacao),
    costura: bool(r.costura),
    expedicao: bool(r.expedicao),
    pronto: bool(r.pronto),
    sublimacao_maquina: r.sublimacao_maquina,
    sublimacao_data_impressao: day(r.sublimacao_data_impressao),
    observacao: r.observacao,
    created_at: iso(r.created_at),
    updated_at: iso(r.updated_at),
    created_by: num(r.created_by),
    updated_by: num(r.updated_by),
    _display: {
      cliente: text(r.d_cliente),
      forma_pagamento: text(r.d_forma_pagamento),
      forma_envio: text(r.d_forma_envio),
      sublimacao_maquina: text(r.d_sublimacao_maquina),
    },
  };
}

function itemRow(r: Stored): Json {
  return {
    id: Number(r.id),
    version: Number(r.version),
    pedido: r.pedido,
    tipo_producao: r.tipo_producao,
    descricao: r.descricao,
    largura: decimal(r.largura, 3),
    altura: decimal(r.altura, 3),
    quantidade: r.quantidade,
    metro_quadrado: decimal(r.metro_quadrado, 4),
    vendedor: r.vendedor,
    designer: r.designer,
    material: r.material,
    acabamento: r.acabamento,
    emenda: r.emenda,
    valor_unitario: decimal(r.valor_unitario, 2),
    maquina: r.maquina,
    observacao: r.observacao,
    imagem: num(r.imagem),
    created_at: iso(r.created_at),
    updated_at: iso(r.updated_at),
    created_by: num(r.created_by),
    updated_by: num(r.updated_by),
    _display: {
      pedido: text(r.d_pedido),
      tipo_producao: text(r.d_tipo_producao),
      vendedor: text(r.d_vendedor),
      designer: text(r.d_designer),
      material: text(r.d_material),
      maquina: text(r.d_maquina),
    },
  };
}

// ---- wire → stored -------------------------------------------------------

/** "12.5" at scale 2 → 1250 (input already checked against the decimal pattern). */
function units(value: unknown, scale: number): bigint {
  const [whole = '0', frac = ''] = String(value ?? '0').split('.');
  return BigInt(whole + frac.padEnd(scale, '0'));
}

/** Rounds integer units down by `drop` decimal places, half-up. */
function roundUnits(n: bigint, drop: number): bigint {
  const d = 10n ** BigInt(drop);
  return (n + d / 2n) / d;
}

function toDbDatetime(d: Date): string {
  return `${d.toISOString().slice(0, 23).replace('T', ' ')} +00:00`;
}

// ---- the three operations --------------------------------------------------

export interface ListParams {
  status?: string;
  sort: string;
  page: number;
  pageSize: number;
}

export class PedidoQueries {
  private readonly sequelize: Sequelize;
  constructor(private readonly datasource: Datasource) {
    this.sequelize = datasource.sequelize;
  }

  private select(sql: string, replacements: unknown[], transaction?: Transaction): Promise<Stored[]> {
    return this.sequelize.query<Stored>(sql, { replacements, type: QueryTypes.SELECT, raw: true, transaction });
  }

  async list(p: ListParams): Promise<Json> {
    const desc = p.sort.startsWith('-');
    const field = desc ? p.sort.slice(1) : p.sort;
    if (!SORTABLE.has(field)) throw new InputError(`cannot sort by ${field}`);
    const dir = desc ? 'DESC' : 'ASC';
    const where = p.status === undefined ? '' : ' WHERE p.status = ?';
    const params = p.status === undefined ? [] : [p.status];
    const order = field === 'id' ? `p.id ${dir}` : `p.${field} ${dir}, p.id ${dir}`;
    const [rows, counted] = await Promise.all([
      this.select(`${PEDIDO_SELECT}${where} ORDER BY ${order} LIMIT ? OFFSET ?`, [...params, p.pageSize, (p.page - 1) * p.pageSize]),
      this.select(`SELECT COUNT(*) AS n FROM (SELECT p.id FROM sgp_pedido p${where} LIMIT ?) counted`, [...params, COUNT_CAP + 1]),
    ]);
    const n = Number(counted[0]?.n ?? 0);
    return { rows: rows.map(pedidoRow), total: Math.min(n, COUNT_CAP), totalExact: n <= COUNT_CAP, page: p.page, pageSize: p.pageSize };
  }

  async get(id: number, transaction?: Transaction): Promise<Json> {
    const [row] = await this.select(`${PEDIDO_SELECT} WHERE p.id = ?`, [id], transaction);
    if (!row) throw new MissingError(`Pedido ${id} not found`);
    const itens = (await this.select(`${ITEM_SELECT} WHERE i.pedido = ? ORDER BY i.id ASC`, [id], transaction)).map(itemRow);
    await this.addImageFacts(itens, transaction);
    return { ...pedidoRow(row), itens };
  }

  /** What the platform adds under `_files`: the image's facts, looked up only when an item has one. */
  private async addImageFacts(itens: Json[], transaction?: Transaction): Promise<void> {
    const ids = [...new Set(itens.map((i) => i.imagem).filter((v): v is number => typeof v === 'number'))];
    const facts = new Map<number, Json>();
    if (ids.length > 0) {
      const files = await this.select(
        `SELECT id, name, content_type, size, width, height, thumb_hash FROM platform_file WHERE id IN (${ids.map(() => '?').join(', ')})`,
        ids,
        transaction,
      );
      for (const f of files)
        facts.set(Number(f.id), {
          id: Number(f.id),
          name: f.name,
          type: f.content_type,
          size: Number(f.size),
          width: num(f.width),
          height: num(f.height),
          thumb: f.thumb_hash != null,
        });
    }
    for (const item of itens) item._files = { imagem: typeof item.imagem === 'number' ? (facts.get(item.imagem) ?? null) : null };
  }

  /** Pedido + itens + audit row in one write transaction (the datasource's: IMMEDIATE, queued in-process on SQLite). */
  create(data: Json, userId: number): Promise<Json> {
    return this.datasource.writeTransaction((tx) => this.createIn(data, userId, tx));
  }

  private async createIn(data: Json, userId: number, tx: Transaction): Promise<Json> {
    const now = new Date();
    const stamp = toDbDatetime(now);
    const numero = typeof data.numero === 'string' && data.numero.trim() !== '' ? data.numero.trim() : await this.nextNumero(tx, stamp);
    await this.checkExists(tx, [
      ['cliente', 'sgp_cliente', data.cliente],
      ['forma_pagamento', 'sgp_forma_pagamento', data.forma_pagamento],
      ['forma_envio', 'sgp_forma_envio', data.forma_envio],
      ['sublimacao_maquina', 'sgp_maquina', data.sublimacao_maquina],
    ]);
    const itens = (data.itens as Json[] | undefined) ?? [];
    let valorItens = 0n;
    const itemValues: unknown[][] = [];
    for (const [i, item] of itens.entries()) {
      await this.checkExists(tx, [
        [`itens.${i}.tipo_producao`, 'sgp_tipo_producao', item.tipo_producao],
        [`itens.${i}.vendedor`, 'sgp_vendedor', item.vendedor],
        [`itens.${i}.designer`, 'sgp_designer', item.designer],
        [`itens.${i}.material`, 'sgp_material', item.material],
        [`itens.${i}.maquina`, 'sgp_maquina', item.maquina],
      ]);
      // Default only when absent; an explicit null stays null and counts as zero (as the plugin's totals do).
      const quantidade = item.quantidade === undefined ? 1 : (item.quantidade as number | null);
      const unit = units(item.valor_unitario, 2);
      valorItens += unit * BigInt(quantidade ?? 0);
      const area = roundUnits(units(item.largura, 3) * units(item.altura, 3), 2);
      itemValues.push([
        item.tipo_producao ?? null,
        item.descricao,
        item.largura == null ? null : Number(units(item.largura, 3)),
        item.altura == null ? null : Number(units(item.altura, 3)),
        quantidade,
        Number(area),
        item.vendedor ?? null,
        item.designer ?? null,
        item.material ?? null,
        item.acabamento ?? 'nenhum',
        item.emenda ?? 'sem_emenda',
        item.valor_unitario == null ? null : Number(unit),
        item.maquina ?? null,
        item.observacao ?? null,
      ]);
    }
    const frete = units(data.valor_frete ?? '0', 2);
    const [id] = (await this.sequelize.query(
      `INSERT INTO sgp_pedido (numero, data_entrada, data_entrega, prioridade, status, cliente, valor_itens, valor_frete, valor_total, forma_pagamento,
        obs_pagamento, forma_envio, financeiro, conferencia, sublimacao, costura, expedicao, pronto, sublimacao_maquina, sublimacao_data_impressao,
        observacao, version, created_at, updated_at, created_by, updated_by) VALUES (${placeholders(26)})`,
      {
        replacements: [
          numero,
          data.data_entrada ?? now.toISOString().slice(0, 10),
          data.data_entrega ?? null,
          data.prioridade ?? 'NORMAL',
          data.status ?? 'pendente',
          data.cliente,
          Number(valorItens),
          Number(frete),
          Number(valorItens + frete),
          data.forma_pagamento ?? null,
          data.obs_pagamento ?? null,
          data.forma_envio ?? null,
          flag(data.financeiro),
          flag(data.conferencia),
          flag(data.sublimacao),
          flag(data.costura),
          flag(data.expedicao),
          flag(data.pronto),
          data.sublimacao_maquina ?? null,
          data.sublimacao_data_impressao ?? null,
          data.observacao ?? null,
          1,
          stamp,
          stamp,
          userId,
          userId,
        ],
        type: QueryTypes.INSERT,
        transaction: tx,
      },
    )) as unknown as [number, number];
    for (const values of itemValues) {
      await this.sequelize.query(
        `INSERT INTO sgp_item_pedido (pedido, tipo_producao, descricao, largura, altura, quantidade, metro_quadrado, vendedor, designer, material,
          acabamento, emenda, valor_unitario, maquina, observacao, version, created_at, updated_at, created_by, updated_by) VALUES (${placeholders(20)})`,
        { replacements: [id, ...values, 1, stamp, stamp, userId, userId], type: QueryTypes.INSERT, transaction: tx },
      );
    }
    const record = await this.get(id, tx);
    await this.audit(tx, id, record, userId, stamp);
    return record;
  }

  /** The shared atomic counter (as core's nextSequence), skipping numbers typed by hand. */
  private async nextNumero(tx: Transaction, stamp: string): Promise<string> {
    for (let attempt = 0; attempt < MAX_NUMERO_SKIPS; attempt++) {
      const [, meta] = (await this.sequelize.query('UPDATE platform_sequence SET value = value + 1, version = version + 1, updated_at = ? WHERE name = ?', {
        replacements: [stamp, NUMERO_SEQUENCE],
        type: QueryTypes.UPDATE,
        transaction: tx,
      })) as unknown as [unknown, number];
      let value = 1;
      if (meta === 0) {
        await this.sequelize.query('INSERT INTO platform_sequence (name, value, version, created_at, updated_at) VALUES (?, 1, 1, ?, ?)', {
          replacements: [NUMERO_SEQUENCE, stamp, stamp],
          type: QueryTypes.INSERT,
          transaction: tx,
        });
      } else {
        const [row] = await this.select('SELECT value FROM platform_sequence WHERE name = ?', [NUMERO_SEQUENCE], tx);
        value = Number(row!.value);
      }
      const numero = String(value).padStart(6, '0');
      const [taken] = await this.select('SELECT COUNT(*) AS n FROM sgp_pedido WHERE numero = ?', [numero], tx);
      if (Number(taken!.n) === 0) return numero;
    }
    throw new InputError('no free pedido number');
  }

  /** One lookup per referenced row, so a bad id gets a clear 400 instead of a foreign-key failure. */
  private async checkExists(tx: Transaction, refs: [string, string, unknown][]): Promise<void> {
    for (const [path, table, id] of refs) {
      if (id === null || id === undefined) continue;
      const found = await this.select(`SELECT id FROM ${table} WHERE id = ?`, [id], tx);
      if (found.length === 0) throw new InputError(`data.${path}: no row with id ${String(id)}`);
    }
  }

  /** Audit row with every non-empty field of the new record (as the platform's trail does for a create). */
  private async audit(tx: Transaction, id: number, record: Json, userId: number, stamp: string): Promise<void> {
    const changes: Record<string, [null, unknown]> = {};
    for (const [k, v] of Object.entries(record)) {
      if (v === null || AUDIT_SKIPPED.has(k)) continue;
      // Itens are recorded by their id and own fields, without timestamps and display values.
      changes[k] = [
        null,
        k === 'itens' ? (v as Json[]).map((item) => Object.fromEntries(Object.entries(item).filter(([f]) => f === 'id' || !AUDIT_SKIPPED.has(f)))) : v,
      ];
    }
    await this.sequelize.query(
      'INSERT INTO platform_audit (module, entity, record_id, op, changes, version, created_at, updated_at, created_by, updated_by) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?)',
      { replacements: ['sgp', 'pedido', id, 'create', JSON.stringify(changes), stamp, stamp, userId, userId], type: QueryTypes.INSERT, transaction: tx },
    );
  }
}

const AUDIT_SKIPPED = new Set(['id', 'version', 'created_at', 'updated_at', 'created_by', 'updated_by', '_display', '_files']);

function placeholders(n: number): string {
  return Array.from({ length: n }, () => '?').join(', ');
}

function flag(v: unknown): number {
  return v === true ? 1 : 0;
}

/**
 * Fills the generated SGP tables with cadastros and N pedidos (+ 1–3 itens each)
 * by bulk INSERTs in transactions, straight into the tables the migrations made.
 * Skipped when the database already holds them (BENCH_DATA_DIR reused).
 */
import { QueryTypes, Transaction, type Sequelize } from 'sequelize';
import { Random } from '../plugins/sgp/seed/random.js';
import { buildCadastros, buildPedidoChunks, itemTable, pedidoTable, sqliteDatetime, type TableRows } from './fakeData.js';

export interface LoadReport {
  /** False when the rows were already there. */
  loaded: boolean;
  ms: number;
  pedidos: number;
  itens: number;
  clientes: number;
}

/** Rows per INSERT statement. */
const ROWS_PER_STATEMENT = 500;
/** Pedidos per transaction. */
const PEDIDOS_PER_TX = 20_000;
const NUMERO_SEQUENCE = 'sgp.pedido.numero';

async function count(sequelize: Sequelize, table: string): Promise<number> {
  const [row] = await sequelize.query<{ n: number }>(`SELECT COUNT(*) AS n FROM "${table}"`, { type: QueryTypes.SELECT });
  return Number(row?.n ?? 0);
}

async function insertRows(sequelize: Sequelize, data: TableRows, transaction: Transaction): Promise<void> {
  const width = data.columns.length;
  const head = `INSERT INTO "${data.table}" (${data.columns.map((c) => `"${c}"`).join(', ')}) VALUES `;
  for (let start = 0; start < data.rows.length; start += ROWS_PER_STATEMENT) {
    const rows = data.rows.slice(start, start + ROWS_PER_STATEMENT);
    // `?` replacements, not `bind`: Sequelize binds an array as named `$n` parameters and
    // SQLite looks each name up linearly, which makes wide multi-row statements quadratic.
    const tuple = `(${Array.from({ length: width }, () => '?').join(', ')})`;
    await sequelize.query(head + rows.map(() => tuple).join(', '), { replacements: rows.flat(), type: QueryTypes.INSERT, transaction });
  }
}

/** The pedido counter must continue after the loaded numbers, as if they had been created through the API. */
async function setNumeroCounter(sequelize: Sequelize, value: number, transaction: Transaction): Promise<void> {
  const now = sqliteDatetime(new Date());
  await sequelize.query(
    `INSERT INTO "platform_sequence" ("name", "value", "version", "created_at", "updated_at") VALUES (?, ?, 1, ?, ?)
     ON CONFLICT ("name") DO UPDATE SET "value" = excluded."value"`,
    { replacements: [NUMERO_SEQUENCE, value, now, now], type: QueryTypes.INSERT, transaction },
  );
}

export async function ensurePedidos(sequelize: Sequelize, wanted: number, log: (msg: string) => void): Promise<LoadReport> {
  const started = performance.now();
  const existing = await count(sequelize, 'sgp_pedido');
  if (existing >= wanted) {
    return { loaded: false, ms: 0, pedidos: existing, itens: await count(sequelize, 'sgp_item_pedido'), clientes: await count(sequelize, 'sgp_cliente') };
  }
  if (existing > 0) throw new Error(`sgp_pedido already has ${existing} rows but ${wanted} are wanted: delete the data folder and run again`);

  const rng = new Random(20_240_601);
  const now = new Date();
  const cadastros = buildCadastros(rng, now);
  const immediate = { type: Transaction.TYPES.IMMEDIATE };
  await sequelize.transaction(immediate, async (tx) => {
    for (const t of cadastros.tables) await insertRows(sequelize, t, tx);
  });
  let itens = 0;
  let done = 0;
  for (const chunk of buildPedidoChunks(rng, cadastros, wanted, now, PEDIDOS_PER_TX)) {
    await sequelize.transaction(immediate, async (tx) => {
      await insertRows(sequelize, pedidoTable(chunk.pedidos), tx);
      await insertRows(sequelize, itemTable(chunk.itens), tx);
    });
    itens += chunk.itens.length;
    done += chunk.pedidos.length;
    log(`  loaded ${done.toLocaleString('en-US')} / ${wanted.toLocaleString('en-US')} pedidos`);
  }
  await sequelize.transaction(immediate, (tx) => setNumeroCounter(sequelize, wanted, tx));
  await sequelize.query('PRAGMA wal_checkpoint(TRUNCATE)');
  return { loaded: true, ms: Math.round(performance.now() - started), pedidos: wanted, itens, clientes: cadastros.clientes };
}

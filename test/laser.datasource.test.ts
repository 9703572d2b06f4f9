/**
 * The laser module on a datasource of its own: a second MariaDB database that
 * already holds the company's laser tables, created here by hand-written DDL
 * as their DBA would have (upper-case names, AUTO_INCREMENT ID_* keys,
 * decimals and durations as integer units, a column Forja does not know),
 * while the default database holds the platform's tables.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createUserAndLogin, login, startTestPlatform, type TestPlatform } from './support/testPlatform.js';
import { startPlatformOn } from './support/platformOnDir.js';
import { boundTestDatabase, createTestDatabase, onTestDatabase, testDatabaseServer, type TestDatabase } from './support/testDatabase.js';
import { trpcApi, type Api } from './support/api.js';

const TABLE_OPTIONS = 'ENGINE=InnoDB CHARACTER SET utf8mb4 COLLATE utf8mb4_bin';

/** The existing laser schema. `OBS_PCP` belongs to the planning program: Forja never declared it. */
const LEGACY_DDL = {
  operador:
    'CREATE TABLE `LASER_OPERADOR` (`ID_OPERADOR` INT AUTO_INCREMENT PRIMARY KEY, `CODIGO` VARCHAR(32) NOT NULL UNIQUE, ' +
    `\`NOME\` VARCHAR(120) NOT NULL, \`ATIVO\` TINYINT(1) DEFAULT 1) ${TABLE_OPTIONS}`,
  of:
    'CREATE TABLE `LASER_OF` (`ID_OF` INT AUTO_INCREMENT PRIMARY KEY, `NUM_OF` VARCHAR(32) NOT NULL UNIQUE, `PRODUTO` VARCHAR(160) NOT NULL, ' +
    '`MATERIAL` VARCHAR(80), `ESPESSURA` BIGINT, `QTDE` INT NOT NULL, `ID_OPERADOR` INT, `SEQUENCIA` INT, ' +
    "`STATUS` VARCHAR(20) DEFAULT 'aberta', `ARQUIVO_STEP` VARCHAR(255), `DT_ULTIMO_INICIO` DATETIME(3), `OBS_PCP` VARCHAR(200), " +
    `FOREIGN KEY (\`ID_OPERADOR\`) REFERENCES \`LASER_OPERADOR\` (\`ID_OPERADOR\`), KEY \`IX_OF_FILA\` (\`ID_OPERADOR\`, \`STATUS\`, \`SEQUENCIA\`)) ${TABLE_OPTIONS}`,
  lote:
    'CREATE TABLE `LASER_LOTE` (`ID_LOTE` INT AUTO_INCREMENT PRIMARY KEY, `DT_CONFIRMACAO` DATETIME(3), `CONFIRMADO_POR` VARCHAR(255), ' +
    `\`QTDE_APONTAMENTOS\` INT) ${TABLE_OPTIONS}`,
  apontamento:
    'CREATE TABLE `LASER_APONTAMENTO` (`ID_APONTAMENTO` INT AUTO_INCREMENT PRIMARY KEY, `ID_OF` INT NOT NULL, `ID_OPERADOR` INT NOT NULL, ' +
    '`DATA_INICIO` DATETIME(3), `DATA_FIM` DATETIME(3), `DIA` DATE, `DT_PAUSA` DATETIME(3), `TEMPO_PAUSADO` BIGINT, `TOTAL_TIME` BIGINT, ' +
    "`QTDE_PRODUZIDA` INT, `QTDE_REFUGO` INT, `STATUS` VARCHAR(20) DEFAULT 'em_andamento', `DIRETO` TINYINT(1) DEFAULT 0, `ID_LOTE` INT, " +
    'FOREIGN KEY (`ID_OF`) REFERENCES `LASER_OF` (`ID_OF`), FOREIGN KEY (`ID_OPERADOR`) REFERENCES `LASER_OPERADOR` (`ID_OPERADOR`), ' +
    `FOREIGN KEY (\`ID_LOTE\`) REFERENCES \`LASER_LOTE\` (\`ID_LOTE\`)) ${TABLE_OPTIONS}`,
  pausa:
    'CREATE TABLE `LASER_PAUSA` (`ID_PAUSA` INT AUTO_INCREMENT PRIMARY KEY, `ID_APONTAMENTO` INT NOT NULL, `DT_INICIO` DATETIME(3), `DT_FIM` DATETIME(3), ' +
    `FOREIGN KEY (\`ID_APONTAMENTO\`) REFERENCES \`LASER_APONTAMENTO\` (\`ID_APONTAMENTO\`)) ${TABLE_OPTIONS}`,
};
const LASER_TABLES = ['LASER_APONTAMENTO', 'LASER_LOTE', 'LASER_OF', 'LASER_OPERADOR', 'LASER_PAUSA'];

const onDatabase = <T>(url: string, work: (c: mysql.Connection) => Promise<T>) => onTestDatabase(url, work, { dateStrings: true });

const rowsOf = (url: string, sql: string, params: unknown[] = []) => onDatabase(url, async (c) => (await c.query(sql, params))[0] as Record<string, unknown>[]);

async function createLegacySchema(url: string, ddl: Record<string, string> = LEGACY_DDL): Promise<void> {
  await onDatabase(url, async (c) => {
    for (const statement of Object.values(ddl)) await c.query(statement);
  });
}

/** Everything the catalogue says about the database's tables, columns, indexes and keys (row counters aside). */
async function catalogueOf(url: string): Promise<unknown> {
  const schema = new URL(url).pathname.slice(1);
  const [tables, columns, indexes, keys] = await Promise.all([
    rowsOf(url, 'SELECT TABLE_NAME, ENGINE, TABLE_COLLATION FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? ORDER BY 1', [schema]),
    rowsOf(
      url,
      'SELECT TABLE_NAME, COLUMN_NAME, ORDINAL_POSITION, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA, COLLATION_NAME ' +
        'FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? ORDER BY 1, 3',
      [schema],
    ),
    rowsOf(
      url,
      'SELECT TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX, COLUMN_NAME, NON_UNIQUE FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? ORDER BY 1, 2, 3',
      [schema],
    ),
    rowsOf(url, 'SELECT CONSTRAINT_NAME, TABLE_NAME, CONSTRAINT_TYPE FROM information_schema.TABLE_CONSTRAINTS WHERE TABLE_SCHEMA = ? ORDER BY 1, 2', [schema]),
  ]);
  return { tables, columns, indexes, keys };
}

async function startError(start: Promise<{ stop(): Promise<void> }>): Promise<string> {
  try {
    await (await start).stop();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('start-up succeeded');
}

describe.skipIf(!testDatabaseServer())('laser on a datasource of its own (a second MariaDB database; needs TEST_DATABASE_URL)', () => {
  let laser: TestDatabase;
  let mainUrl: string;
  let platform: TestPlatform;
  let stepDir: string;
  let operador: Api;
  let supervisor: Api;
  let catalogueBefore: unknown;
  let ids: { operador: number; ordem: number };

  beforeAll(async () => {
    laser = await createTestDatabase('laserlegado');
    await createLegacySchema(laser.url);
    // Rows the company's other programs wrote: an operator and an OF with a planning note.
    ids = await onDatabase(laser.url, async (c) => {
      await c.query("INSERT INTO `LASER_OPERADOR` (`CODIGO`, `NOME`) VALUES ('L07', 'Joana Prado')");
      await c.query(
        'INSERT INTO `LASER_OF` (`NUM_OF`, `PRODUTO`, `MATERIAL`, `ESPESSURA`, `QTDE`, `ID_OPERADOR`, `SEQUENCIA`, `OBS_PCP`) ' +
          "VALUES ('OF-9001', 'Suporte de motor', 'Aço 1020', 475, 4, 1, 1, 'urgente: cliente parado')",
      );
      return { operador: 1, ordem: 1 };
    });
    catalogueBefore = await catalogueOf(laser.url);
    stepDir = await mkdtemp(path.join(os.tmpdir(), 'forja-step-'));
    platform = await startTestPlatform({ LASER_STEP_DIR: stepDir, DATASOURCE_LASER_URL: laser.url });
    mainUrl = (await boundTestDatabase(platform.dataDir)!).url;
    const admin = (await login(platform.url, ADMIN.email, ADMIN.password)).token;
    operador = trpcApi(platform.url, (await createUserAndLogin(platform.url, admin, 'terminal@test.local', ['operador'])).token);
    supervisor = trpcApi(platform.url, (await createUserAndLogin(platform.url, admin, 'supervisor@test.local', ['supervisor'])).token);
  });
  afterAll(async () => {
    await platform?.close();
    await laser?.drop();
    if (stepDir) await rm(stepDir, { recursive: true, force: true });
  });

  it('reads what the other programs wrote, under field names, decimals from their integer units', async () => {
    const fila = await operador.query('laser.sequenciamento', { operador_codigo: 'L07' });
    expect(fila.operador).toEqual({ id: ids.operador, codigo: 'L07', nome: 'Joana Prado' });
    expect(fila.fila).toMatchObject([{ id: ids.ordem, numero: 'OF-9001', espessura: '4.75', quantidade: 4, status: 'aberta', apontamento: null }]);
  });

  it('writes start → pause → resume → finish and the batch confirmation into the laser database', async () => {
    const started = await operador.mutate('laser.iniciar', { ordem: ids.ordem, operador_codigo: 'L07' });
    expect(started).toMatchObject({ ordem: ids.ordem, operador: ids.operador, status: 'em_andamento' });
    expect(await operador.mutate('laser.pausar', { apontamento: started.id })).toMatchObject({ status: 'pausado' });
    expect(await operador.mutate('laser.retomar', { apontamento: started.id })).toMatchObject({ status: 'em_andamento', pausado_desde: null });
    expect(await operador.mutate('laser.finalizar', { apontamento: started.id, quantidade_produzida: 4, quantidade_refugo: 1 })).toMatchObject({
      status: 'finalizado',
    });
    const lote = await supervisor.mutate('laser.confirmar_lote', { apontamentos: [started.id] });
    expect(lote).toMatchObject({ lote: expect.any(Number), apontamentos: [started.id], confirmado_por: 'supervisor@test.local' });

    const [apontamento] = await rowsOf(laser.url, 'SELECT * FROM `LASER_APONTAMENTO`');
    expect(apontamento).toMatchObject({
      ID_APONTAMENTO: started.id,
      ID_OF: ids.ordem,
      ID_OPERADOR: ids.operador,
      STATUS: 'confirmado',
      QTDE_PRODUZIDA: 4,
      QTDE_REFUGO: 1,
      DIRETO: 0,
      ID_LOTE: lote.lote,
    });
    const row = apontamento!;
    expect(row.DIA).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(row.DT_PAUSA).toBeNull();
    // Durations are integer microseconds; worked + paused time is exactly the span from start to end.
    const span = (Date.parse(`${String(row.DATA_FIM).replace(' ', 'T')}Z`) - Date.parse(`${String(row.DATA_INICIO).replace(' ', 'T')}Z`)) * 1000;
    expect(Number(row.TOTAL_TIME) + Number(row.TEMPO_PAUSADO)).toBe(span);
    const pausas = await rowsOf(laser.url, 'SELECT `ID_APONTAMENTO`, `DT_INICIO`, `DT_FIM` FROM `LASER_PAUSA`');
    expect(pausas).toEqual([{ ID_APONTAMENTO: started.id, DT_INICIO: expect.any(String), DT_FIM: expect.any(String) }]);
    expect(await rowsOf(laser.url, 'SELECT `ID_LOTE`, `CONFIRMADO_POR`, `QTDE_APONTAMENTOS` FROM `LASER_LOTE`')).toEqual([
      { ID_LOTE: lote.lote, CONFIRMADO_POR: 'supervisor@test.local', QTDE_APONTAMENTOS: 1 },
    ]);
    expect(await rowsOf(laser.url, 'SELECT `STATUS`, `DT_ULTIMO_INICIO` IS NOT NULL AS iniciada FROM `LASER_OF`')).toEqual([
      { STATUS: 'concluida', iniciada: 1 },
    ]);
  });

  it("keeps the column Forja does not declare through Forja's updates of the row", async () => {
    expect(await rowsOf(laser.url, 'SELECT `OBS_PCP` FROM `LASER_OF` WHERE `ID_OF` = ?', [ids.ordem])).toEqual([{ OBS_PCP: 'urgente: cliente parado' }]);
  });

  it('keeps the platform tables on the default database, with the audit trail of those writes', async () => {
    const tablesOf = async (url: string) => (await rowsOf(url, 'SHOW TABLES')).map((r) => String(Object.values(r)[0])).sort();
    // No forja_migrations either: the laser module has only existing tables, so nothing to migrate there.
    expect(await tablesOf(laser.url)).toEqual(LASER_TABLES);
    const mainTables = await tablesOf(mainUrl);
    expect(mainTables).toEqual(expect.arrayContaining(['platform_audit', 'platform_session', 'platform_user', 'forja_migrations']));
    expect(mainTables.filter((t) => t.toUpperCase().startsWith('LASER'))).toEqual([]);

    // Audit entries of a module on its own database are written right after its transaction commits.
    const expected = [
      { entity: 'ordem_fabricacao', op: 'update' },
      { entity: 'apontamento', op: 'create' },
      { entity: 'apontamento', op: 'update' },
      { entity: 'pausa', op: 'create' },
      { entity: 'apontamento', op: 'update' },
      { entity: 'pausa', op: 'update' },
      { entity: 'apontamento', op: 'update' },
      { entity: 'ordem_fabricacao', op: 'update' },
      { entity: 'lote', op: 'create' },
      { entity: 'apontamento', op: 'update' },
    ];
    let audit: Record<string, unknown>[] = [];
    for (let i = 0; i < 50 && audit.length < expected.length; i++) {
      audit = await rowsOf(mainUrl, "SELECT entity, op FROM platform_audit WHERE module = 'laser' ORDER BY id");
      if (audit.length < expected.length) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(new Set(audit.map((a) => `${a.entity}:${a.op}`))).toEqual(new Set(expected.map((a) => `${a.entity}:${a.op}`)));
    expect(audit).toHaveLength(expected.length);
  });

  it('created or altered nothing in the laser database', async () => {
    expect(await catalogueOf(laser.url)).toEqual(catalogueBefore);
  });

  describe('when the other program changed the tables', () => {
    async function startOnDrifted(ddl: Record<string, string>): Promise<{ message: string; tables: string[] }> {
      const drifted = await createTestDatabase('laserdrift');
      const dir = await mkdtemp(path.join(os.tmpdir(), 'forja-laserds-'));
      try {
        await createLegacySchema(drifted.url, ddl);
        const before = await catalogueOf(drifted.url);
        const message = await startError(startPlatformOn(dir, { LASER_STEP_DIR: stepDir, DATASOURCE_LASER_URL: drifted.url }));
        expect(await catalogueOf(drifted.url)).toEqual(before);
        return { message, tables: (await rowsOf(drifted.url, 'SHOW TABLES')).map((r) => String(Object.values(r)[0])) };
      } finally {
        await drifted.drop();
        await rm(dir, { recursive: true, force: true });
      }
    }

    it('refuses to start on a dropped column and a changed type, naming entity, table and column, and changes nothing', async () => {
      const { message } = await startOnDrifted({
        ...LEGACY_DDL,
        apontamento: LEGACY_DDL.apontamento.replace('`TOTAL_TIME` BIGINT', '`TOTAL_TIME` VARCHAR(20)').replace('`DIA` DATE, ', ''),
      });
      expect(message).toContain('do not match their declaration');
      expect(message).toContain('laser.apontamento: column LASER_APONTAMENTO.TOTAL_TIME: expected a bigint column, found varchar(20)');
      expect(message).toContain('laser.apontamento: column LASER_APONTAMENTO.DIA: is missing (manifests/laser.json /entities/apontamento/fields/dia)');
    });

    it('refuses to start on a missing table, never creating it', async () => {
      const { pausa: _dropped, ...rest } = LEGACY_DDL;
      const { message, tables } = await startOnDrifted(rest);
      expect(message).toContain('laser.pausa: table LASER_PAUSA: does not exist in datasource "laser"');
      expect(tables).not.toContain('LASER_PAUSA');
    });
  });
});

/**
 * CSV import through the API (fixture module "carga"): pt-BR and comma files,
 * BOM and Windows-1252, column matching by name or label, relations by display
 * or unique field, enums by label, the preview that writes nothing, per-row
 * errors with row/field/message, re-import matched on a composite unique key,
 * permissions, `"import": false`, a 10,000-row file with progress lines, and a
 * row refused inside a plugin hook leaving nothing behind. A SQLite file, or
 * with TEST_DATABASE_URL a database of its own on that server.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createUserAndLogin, login, ROOT, startTestPlatform, type TestPlatform } from './support/testPlatform.js';
import { trpcApi, type Api } from './support/api.js';
import { prepareFixtureModule, type FixtureModule } from './support/fixtureModule.js';
import { countRows, openDatabase, type DbReader } from './support/database.js';

let fixture: FixtureModule;
let platform: TestPlatform;
let db: DbReader;
let admin: Api;
const tokens = {} as Record<'operador' | 'leitor', string>;

const LIMITS = { IMPORT_MAX_BYTES: String(1_500_000), IMPORT_MAX_ROWS: '12000' };

beforeAll(async () => {
  fixture = await prepareFixtureModule({
    manifestsDir: path.join(ROOT, 'test', 'fixtures', 'csvimport', 'manifests'),
    pluginsDir: path.join(ROOT, 'test', 'fixtures', 'csvimport', 'plugins'),
  });
  platform = await startTestPlatform(LIMITS, fixture.options);
  db = await openDatabase(platform.dataDir);
  const adminToken = (await login(platform.url, ADMIN.email, ADMIN.password)).token;
  admin = trpcApi(platform.url, adminToken);
  tokens.operador = (await createUserAndLogin(platform.url, adminToken, 'operador@test.local', ['operador'])).token;
  tokens.leitor = (await createUserAndLogin(platform.url, adminToken, 'leitor@test.local', ['leitor'])).token;
  await admin.mutate('carga.operadora.create', { data: { codigo: 'VIVO', nome: 'Vivo' } });
  await admin.mutate('carga.operadora.create', { data: { codigo: 'CLARO', nome: 'Claro' } });
  // Two operadoras share a name: the name cannot tell them apart, their código can.
  await admin.mutate('carga.operadora.create', { data: { codigo: 'TIM-SP', nome: 'TIM' } });
  await admin.mutate('carga.operadora.create', { data: { codigo: 'TIM-RJ', nome: 'TIM' } });
});

afterAll(async () => {
  await db?.close();
  await platform?.close();
  await fixture?.remove();
});

interface Options {
  columns?: (string | null)[];
  match?: string[];
  decimalComma?: boolean;
}

function importUrl(entity: string, options: Options | undefined, preview: boolean): string {
  const query = options ? `?options=${encodeURIComponent(JSON.stringify(options))}` : '';
  return `${platform.url}/import/carga/${entity}${preview ? '/preview' : ''}${query}`;
}

async function post(entity: string, body: string | Uint8Array, options: Options | undefined, preview: boolean, token = tokens.operador) {
  return fetch(importUrl(entity, options, preview), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
    body: body as BodyInit,
  });
}

async function preview(entity: string, body: string | Uint8Array, options?: Options, token?: string) {
  const res = await post(entity, body, options, true, token);
  return { status: res.status, body: (await res.json()) as any };
}

async function importFile(entity: string, body: string | Uint8Array, options?: Options, token?: string) {
  const res = await post(entity, body, options, false, token);
  const text = await res.text();
  if (!res.ok) return { status: res.status, lines: [], error: JSON.parse(text).error, report: undefined };
  const lines = text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  return { status: res.status, lines, error: undefined, report: lines.find((l) => l.type === 'report') };
}

async function clientes(filter: Record<string, unknown> = {}) {
  return (await admin.query('carga.cliente.list', { filter, sort: 'id', pageSize: 200 })).rows as any[];
}

const PT_BR = [
  '\uFEFFRazão Social;CNPJ;Operadora;Unidade;Serviço;Valor mensal;Linhas;Ativo;Início do contrato;Senha do portal;Observação',
  'Acme Ltda;11222333000181;Vivo;Matriz;Móvel;1.234,56;1.200;sim;31/12/2026;segredo-1;ignorada',
  'Beta S/A;22333444000192;TIM-SP;;fixo;10,5;3;não;01/02/2027;;',
  '"Gama; Filial";33444555000103;CLARO;Filial;MOVEL;0,99;;1;2026-03-04;;',
].join('\r\n');

describe('a pt-BR file (";", decimal comma, dd/mm/aaaa, BOM)', () => {
  it('previews the rows as they will be stored, matching columns by label, and writes nothing', async () => {
    const { status, body } = await preview('cliente', PT_BR);
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({ encoding: 'utf-8', delimiter: ';', decimalComma: true, rows: 3, created: 3, updated: 0, skipped: 0, errors: [] });
    expect(body.columns).toEqual(['razao_social', 'cnpj', 'operadora', 'unidade', 'servico', 'valor', 'linhas', 'ativo', 'inicio', 'senha_portal', null]);
    expect(body.keys).toEqual([['cnpj', 'operadora', 'unidade', 'servico']]);
    expect(body.sample[0]).toEqual({
      row: 2,
      action: 'create',
      ok: true,
      values: {
        razao_social: 'Acme Ltda',
        cnpj: '11222333000181',
        operadora: expect.any(Number),
        unidade: 'Matriz',
        servico: 'MOVEL',
        valor: '1234.56',
        linhas: 1200,
        ativo: true,
        inicio: '2026-12-31',
        senha_portal: '••••••',
        _display: { operadora: 'Vivo' },
      },
    });
    expect(body.sample[1].values).toMatchObject({ razao_social: 'Beta S/A', servico: 'FIXO', valor: '10.5', ativo: false, _display: { operadora: 'TIM-SP' } });
    expect(body.sample[1].values).not.toHaveProperty('unidade');
    expect(body.sample[2].values).toMatchObject({ razao_social: 'Gama; Filial', inicio: '2026-03-04' });
    expect(JSON.stringify(body)).not.toContain('segredo-1');
    expect(await clientes()).toEqual([]);
  });

  it('imports every row through the service, the relation by display name or unique código', async () => {
    const { status, report, lines } = await importFile('cliente', PT_BR);
    expect(status).toBe(200);
    expect(lines[0]).toEqual({ type: 'start', rows: 3 });
    expect(report).toEqual({ type: 'report', rows: 3, created: 3, updated: 0, skipped: 0, errors: [], moreErrors: 0 });
    const rows = await clientes();
    expect(rows.map((r) => [r.razao_social, r._display.operadora, r.unidade, r.servico, r.valor, r.linhas, r.ativo, r.inicio])).toEqual([
      ['Acme Ltda', 'Vivo', 'Matriz', 'MOVEL', '1234.56', 1200, true, '2026-12-31'],
      ['Beta S/A', 'TIM', null, 'FIXO', '10.50', 3, false, '2027-02-01'],
      ['Gama; Filial', 'Claro', 'Filial', 'MOVEL', '0.99', null, true, '2026-03-04'],
    ]);
    // The password went in as a plain value and was hashed by the service, as a form's would.
    const [stored] = await db.all<{ senha_portal: string }>("SELECT senha_portal FROM carga_cliente WHERE razao_social = 'Acme Ltda'");
    expect(stored!.senha_portal).toMatch(/^\$argon2/);
    const [audit] = await db.all<{ n: number }>("SELECT count(*) AS n FROM platform_audit WHERE module = 'carga' AND entity = 'cliente'");
    expect(Number(audit!.n)).toBe(3);
  });

  it('re-imports matched on the composite unique key: updates instead of duplicating, the rest created', async () => {
    const again = [
      'razao_social;cnpj;operadora;unidade;servico;valor',
      'Acme Ltda (novo nome);11222333000181;VIVO;Matriz;Móvel;2.000,00',
      'Delta;44555666000114;Claro;Centro;Fixo;5,00',
    ].join('\n');
    const { body } = await preview('cliente', again, { match: ['servico', 'cnpj', 'unidade', 'operadora'] });
    expect(body).toMatchObject({ created: 1, updated: 1, skipped: 0, match: ['cnpj', 'operadora', 'unidade', 'servico'] });
    expect(body.sample.map((s: { action: string }) => s.action)).toEqual(['update', 'create']);
    const { report } = await importFile('cliente', again, { match: ['cnpj', 'operadora', 'unidade', 'servico'] });
    expect(report).toMatchObject({ created: 1, updated: 1, skipped: 0 });
    const acme = await clientes({ cnpj: '11222333000181' });
    expect(acme).toHaveLength(1);
    expect(acme[0]).toMatchObject({ razao_social: 'Acme Ltda (novo nome)', valor: '2000.00', version: 2 });
    // The same file without matching: the key is taken, so the preview says which rows will be skipped, and the import skips them.
    const { body: unmatched } = await preview('cliente', again);
    expect(unmatched).toMatchObject({ created: 0, skipped: 2 });
    expect(unmatched.errors).toContainEqual({ row: 2, field: 'cnpj', message: 'the combination of CNPJ, Operadora, Unidade, Serviço already exists' });
    const { report: skipped } = await importFile('cliente', again);
    expect(skipped).toMatchObject({ created: 0, skipped: 2 });
    expect(skipped.errors).toContainEqual({ row: 3, field: 'servico', message: 'the combination of CNPJ, Operadora, Unidade, Serviço already exists' });
    expect(await clientes({ cnpj: '44555666000114' })).toHaveLength(1);
  });
});

describe('a comma file', () => {
  it('detects "," with decimal points, no BOM, quoted cells, and columns chosen by the user', async () => {
    const csv = ['nome fantasia,documento,operadora,servico,valor', '"Épsilon, Filial",55666777000125,Vivo,Móvel,"1,234.50"'].join('\n');
    const auto = await preview('cliente', csv);
    expect(auto.body.columns).toEqual([null, null, 'operadora', 'servico', 'valor']);
    const columns = ['razao_social', 'cnpj', 'operadora', 'servico', 'valor'];
    const { body } = await preview('cliente', csv, { columns });
    expect(body).toMatchObject({ delimiter: ',', decimalComma: false, created: 1, errors: [] });
    expect(body.sample[0].values).toMatchObject({ razao_social: 'Épsilon, Filial', valor: '1234.50' });
    const { report } = await importFile('cliente', csv, { columns });
    expect(report).toMatchObject({ created: 1, skipped: 0 });
  });

  it('reads a Windows-1252 (Latin-1) file, as Excel saves it in Brazil', async () => {
    const csv = Buffer.from('Razão social;CNPJ;Operadora;Serviço\nJoão & Cia;66777888000136;Vivo;Móvel\n', 'latin1');
    const { body } = await preview('cliente', csv);
    expect(body).toMatchObject({ encoding: 'windows-1252', created: 1 });
    expect(body.sample[0].values.razao_social).toBe('João & Cia');
  });
});

describe('bad rows', () => {
  const BAD = [
    'Razão social;CNPJ;Operadora;Serviço;Valor mensal;Ativo;Início do contrato;Unidade',
    'Ok Ltda;77888999000147;Vivo;Móvel;10,00;sim;01/01/2026;Matriz',
    ';123;Nenhuma;Satélite;dez;talvez;31/02/2026;',
    'Tim Ltda;88999000000158;TIM;Fixo;;;;',
    'Duplicada;77888999000147;Vivo;Móvel;;;;Matriz',
  ].join('\n');

  it('lists every problem with the row as the file numbers it, the field and the message; the import takes the valid rows only', async () => {
    const { body } = await preview('cliente', BAD);
    expect(body).toMatchObject({ rows: 4, created: 1, skipped: 3 });
    expect(body.errors).toEqual([
      { row: 3, field: 'operadora', message: 'no Operadora "Nenhuma"' },
      { row: 3, field: 'servico', message: '"Satélite" is not one of Móvel, Fixo' },
      { row: 3, field: 'valor', message: '"dez" is not a number (e.g. 1.234,56)' },
      { row: 3, field: 'ativo', message: '"talvez" is not sim/não, true/false or 1/0' },
      { row: 3, field: 'inicio', message: '"31/02/2026" is not a date (dd/mm/aaaa or aaaa-mm-dd)' },
      { row: 4, field: 'operadora', message: '2 Operadoras are "TIM"; name one by codigo' },
      { row: 5, field: 'cnpj', message: 'the combination of CNPJ, Operadora, Unidade, Serviço repeats row 2 of the file' },
      { row: 5, field: 'operadora', message: 'the combination of CNPJ, Operadora, Unidade, Serviço repeats row 2 of the file' },
      { row: 5, field: 'unidade', message: 'the combination of CNPJ, Operadora, Unidade, Serviço repeats row 2 of the file' },
      { row: 5, field: 'servico', message: 'the combination of CNPJ, Operadora, Unidade, Serviço repeats row 2 of the file' },
    ]);
    const { report } = await importFile('cliente', BAD);
    expect(report).toMatchObject({ rows: 4, created: 1, skipped: 3 });
    expect(report.errors.filter((e: { row: number }) => e.row === 5).map((e: { field: string }) => e.field)).toEqual([
      'cnpj',
      'operadora',
      'unidade',
      'servico',
    ]);
    expect(await clientes({ cnpj: '77888999000147' })).toHaveLength(1);
  });

  it('reports what the input checks refuse, e.g. a missing required value or a pattern', async () => {
    const { body } = await preview('cliente', 'razao_social;cnpj;operadora;servico\n;12.3;Vivo;Fixo\n');
    expect(body.errors).toEqual([
      { row: 2, field: 'razao_social', message: 'is required' },
      { row: 2, field: 'cnpj', message: expect.stringMatching(/pattern/) },
    ]);
  });

  it('leaves nothing of a row a plugin hook refuses after the insert, and imports the others', async () => {
    const csv = 'razao_social;cnpj;operadora;servico\nRECUSAR Ltda;99000111000169;Vivo;Fixo\nAceita Ltda;99000111000170;Vivo;Fixo\n';
    const auditBefore = await countRows(db, 'platform_audit');
    const { report } = await importFile('cliente', csv);
    expect(report).toMatchObject({ created: 1, skipped: 1, errors: [{ row: 2, field: 'razao_social', message: 'recusada pela regra do plugin' }] });
    expect(await clientes({ cnpj: '99000111000169' })).toEqual([]);
    expect(await countRows(db, 'platform_audit')).toBe(auditBefore + 1);
  });
});

describe('who may import what', () => {
  it('refuses a user who may not create, before reading a row', async () => {
    const { status, body } = await preview('cliente', PT_BR, undefined, tokens.leitor);
    expect(status).toBe(403);
    expect(body.error.message).toMatch(/No permission to create Clientes/);
    expect((await importFile('cliente', PT_BR, undefined, tokens.leitor)).status).toBe(403);
  });

  it('refuses an entity with "import": false, saying so', async () => {
    const { status, body } = await preview('registro', 'texto\nolá\n');
    expect(status).toBe(403);
    expect(body.error.message).toBe('CSV import is turned off for Registros ("import": false in the manifest)');
    expect(await countRows(db, 'carga_registro')).toBe(0);
  });

  it('refuses a match on fields that are no unique key, and a mapping to unknown fields', async () => {
    const wrongKey = await preview('cliente', PT_BR, { match: ['razao_social'] });
    expect(wrongKey.status).toBe(400);
    expect(wrongKey.body.error.issues).toEqual([{ path: 'match', message: 'must be a unique key of Cliente ([cnpj, operadora, unidade, servico])' }]);
    const wrongField = await preview('cliente', PT_BR, { columns: ['bogus'] });
    expect(wrongField.body.error.issues).toEqual([{ path: 'columns.0', message: '"bogus" is not a field of Cliente a CSV file can fill' }]);
  });

  it('describes the import to the UI only for users who may create', async () => {
    const describe = async (token: string) => {
      const model = await trpcApi(platform.url, token).query('platform.model');
      return model.modules.find((m: { name: string }) => m.name === 'carga').entities;
    };
    expect((await describe(tokens.operador)).cliente.import).toEqual({ keys: [['cnpj', 'operadora', 'unidade', 'servico']] });
    expect((await describe(tokens.operador)).registro.import).toBeNull();
    expect((await describe(tokens.leitor)).cliente.import).toBeNull();
  });
});

describe('large files', () => {
  const rowsOf = (n: number) =>
    ['razao_social;cnpj;operadora;servico;valor', ...Array.from({ length: n }, (_, i) => `Cliente ${i};${String(10 ** 13 + i)};Vivo;Móvel;${i},00`)].join('\n');

  it('imports 10,000 rows, streaming progress lines before the report', async () => {
    const { lines, report } = await importFile('cliente', rowsOf(10_000));
    const progress = lines.filter((l) => l.type === 'progress');
    expect(progress.length).toBeGreaterThanOrEqual(99);
    expect(progress.map((p) => p.done)).toEqual([...progress.map((p) => p.done)].sort((a, b) => a - b));
    expect(progress.at(-1)).toMatchObject({ rows: 10_000, done: 10_000 });
    expect(lines.at(-1)).toBe(report);
    expect(report).toMatchObject({ rows: 10_000, created: 10_000, skipped: 0 });
    expect((await admin.query('carga.cliente.list', { filter: { cnpj: String(10 ** 13 + 9_999) } })).total).toBe(1);
  }, 300_000);

  it('refuses a file with more rows than IMPORT_MAX_ROWS or more bytes than IMPORT_MAX_BYTES', async () => {
    const many = await preview('cliente', rowsOf(12_001));
    expect(many.status).toBe(400);
    expect(many.body.error.message).toBe('The file has more than 12000 rows (IMPORT_MAX_ROWS); split it');
    const big = await preview('cliente', `razao_social\n${'x'.repeat(1_600_000)}\n`);
    expect(big.status).toBe(400);
    expect(big.body.error.message).toBe('The file is larger than 1 MB (IMPORT_MAX_BYTES)');
  });
});

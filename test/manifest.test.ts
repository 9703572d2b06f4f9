/**
 * Manifest validation, end to end: real files in temp project roots, loaded by
 * the same buildAppModel() the server uses. Every problem must name the file,
 * the JSON pointer inside it and what was expected; all problems come in one
 * ManifestError; an invalid manifest stops start-up and `manifests:check`.
 */
import { runProcess } from './support/runProcess.js';
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildAppModel } from '../core/app/index.js';
import { ManifestError, type ManifestIssue } from '../core/manifest/index.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURES = path.join(REPO, 'test', 'fixtures', 'manifests');
const TSX = path.join(REPO, 'node_modules', '.bin', 'tsx');
const FILE = 'manifests/loja.json';

// ---------------------------------------------------------------------------
// Fixture helpers
// ---------------------------------------------------------------------------

/** A manifest as parsed JSON: loosely typed on purpose, so tests can break it. */
type Draft = Record<string, any>;

/** A valid module touching every cross-checked feature; tests copy it and break one thing. */
function baseManifest(): Draft {
  return {
    module: 'loja',
    label: 'Loja',
    version: '1.0.0',
    roles: ['vendedor', 'gerente'],
    entities: {
      cliente: {
        label: 'Cliente',
        display: 'nome',
        fields: {
          nome: { type: 'string', required: true, maxLength: 120 },
          email: { type: 'email', maxLength: 150 },
          nascimento: { type: 'date' },
          ativo: { type: 'boolean', default: true },
        },
        indexes: [['nome']],
        list: { columns: ['nome', 'email', 'ativo'], sort: 'nome', search: ['nome', 'email'] },
        form: [{ section: 'Cliente', fields: ['nome', 'email', 'nascimento', 'ativo'] }],
        permissions: {
          read: ['*'],
          create: ['vendedor'],
          update: ['vendedor', { role: 'gerente', where: { ativo: true } }],
          delete: [],
        },
      },
      pedido: {
        label: 'Pedido',
        display: 'numero',
        fields: {
          numero: { type: 'string', maxLength: 20 },
          cliente: { type: 'relation', to: 'cliente', required: true },
          vendedor: { type: 'relation', to: 'platform.user' },
          status: {
            type: 'enum',
            values: ['aberto', 'fechado'],
            labels: { aberto: 'Aberto', fechado: 'Fechado' },
            default: 'aberto',
          },
          total: { type: 'decimal', precision: 12, scale: 2 },
          itens: { type: 'children', entity: 'item' },
        },
        indexes: [['cliente', 'status']],
        list: { columns: ['numero', 'cliente', 'status', 'total'], sort: '-created_at', search: ['numero'] },
        permissions: { read: [{ role: 'vendedor', where: { created_by: '$user.id' } }], create: ['vendedor'] },
      },
      item: {
        label: 'Item',
        fields: {
          pedido: { type: 'relation', to: 'pedido', required: true, onDelete: 'cascade' },
          descricao: { type: 'string', required: true },
          quantidade: { type: 'integer', min: 1, default: 1 },
        },
      },
    },
    menu: ['cliente', 'pedido'],
  };
}

/** A second, independent valid module. */
function comprasManifest(): Draft {
  return {
    module: 'compras',
    label: 'Compras',
    version: '1.0.0',
    entities: {
      pedido: { label: 'Pedido de compra', fields: { fornecedor: { type: 'string', required: true } } },
    },
  };
}

interface RootFiles {
  /** `manifests/<name>`: an object is written as JSON, a string as-is. */
  manifests?: Record<string, Draft | string>;
  /** `plugins/<folder>/index.ts` source. */
  plugins?: Record<string, string>;
}

const tempDirs: string[] = [];
afterAll(async () => {
  await Promise.all(tempDirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/** A project root with `manifests/` and `plugins/` (both always present). */
async function makeRoot(files: RootFiles): Promise<string> {
  const root = await tempDir('forja-manifest-');
  await mkdir(path.join(root, 'manifests'));
  await mkdir(path.join(root, 'plugins'));
  for (const [name, content] of Object.entries(files.manifests ?? {})) {
    const text = typeof content === 'string' ? content : JSON.stringify(content, null, 2);
    await writeFile(path.join(root, 'manifests', name), text);
  }
  for (const [folder, source] of Object.entries(files.plugins ?? {})) {
    await mkdir(path.join(root, 'plugins', folder));
    await writeFile(path.join(root, 'plugins', folder, 'index.ts'), source);
  }
  return root;
}

/** Loads the root and returns the issues of the ManifestError it must throw. */
async function issuesOf(root: string): Promise<ManifestIssue[]> {
  const error = await buildAppModel({ root }).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error === undefined) throw new Error(`expected ${root} to be refused, but it loaded`);
  expect(error).toBeInstanceOf(ManifestError);
  return (error as ManifestError).issues;
}

/** Writes baseManifest() broken by `mutate` as manifests/loja.json and returns its issues. */
async function problemsWith(mutate: (m: Draft) => void): Promise<ManifestIssue[]> {
  const manifest = baseManifest();
  mutate(manifest);
  return issuesOf(await makeRoot({ manifests: { 'loja.json': manifest } }));
}

/** The expected shape of one issue in manifests/loja.json. */
function issue(pointer: string, message: string | RegExp, file = FILE) {
  return { file, path: pointer, message: typeof message === 'string' ? message : expect.stringMatching(message) };
}

/** The `  file#pointer: message` lines of a formatted manifest report. */
function reportLines(output: string): string[] {
  return output.split('\n').filter((l) => /^ {2}\S+#\/\S*: /.test(l));
}

// ---------------------------------------------------------------------------

describe('a valid project', () => {
  it('the base fixture loads clean (so every broken variant fails for its own reason)', async () => {
    const root = await makeRoot({ manifests: { 'loja.json': baseManifest(), 'compras.json': comprasManifest() } });
    const model = await buildAppModel({ root });
    expect(Object.keys(model.modules).sort()).toEqual(['compras', 'loja', 'platform']);
    expect(model.entity('loja.pedido').fields.vendedor!.target).toBe('platform.user');
    expect(model.entity('loja.item').parent).toEqual({ entity: 'loja.pedido', foreignKey: 'pedido', field: 'itens' });
  });

  it('the repository manifests and plugins load clean', async () => {
    const model = await buildAppModel({ root: REPO });
    expect(Object.keys(model.modules).sort()).toEqual(['laser', 'platform', 'rpa', 'sgp']);
    expect(model.modules.sgp!.source).toBe('manifests/sgp.json');
    expect(Object.keys(model.modules.sgp!.entities)).toHaveLength(10);
    expect(model.entity('sgp.item_pedido').parent).toEqual({ entity: 'sgp.pedido', foreignKey: 'pedido', field: 'itens' });
    expect(typeof model.entity('sgp.pedido').computed.valor_total).toBe('function');
  });

  it('the loaded model is frozen all the way down', async () => {
    const model = await buildAppModel({ root: REPO });
    const pedido = model.entity('sgp.pedido');
    expect(Object.isFrozen(model.modules)).toBe(true);
    expect(Object.isFrozen(pedido)).toBe(true);
    expect(Object.isFrozen(pedido.fields)).toBe(true);
    expect(Object.isFrozen(pedido.fields.numero)).toBe(true);
    expect(Object.isFrozen(pedido.list.columns)).toBe(true);
    expect(() => {
      (pedido.fields as Record<string, unknown>).hacked = { type: 'string' };
    }).toThrow(TypeError);
    expect(() => {
      (pedido.fields.numero as { required?: boolean }).required = false;
    }).toThrow(TypeError);
    expect(pedido.fields.hacked).toBeUndefined();
  });
});

describe('JSON syntax errors', () => {
  it('a missing comma is reported with the file, line and column', async () => {
    const root = await makeRoot({ manifests: {} });
    await copyFile(path.join(FIXTURES, 'syntax-missing-comma.json'), path.join(root, 'manifests', 'loja.json'));
    const issues = await issuesOf(root);
    expect(issues).toEqual([issue('', /^invalid JSON at line 4, column 3: /)]);
  });

  it('an unquoted value is reported with the file, line and column', async () => {
    const root = await makeRoot({ manifests: {} });
    await copyFile(path.join(FIXTURES, 'syntax-unquoted-value.json'), path.join(root, 'manifests', 'loja.json'));
    const issues = await issuesOf(root);
    // `"label": Loja,` — the bad token starts at line 3, column 12.
    expect(issues).toEqual([issue('', /^invalid JSON at line 3, column 12: /)]);
  });
});

describe('schema errors', () => {
  it('unknown top-level property', async () => {
    const issues = await problemsWith((m) => {
      m.colour = 'blue';
    });
    expect(issues).toEqual([issue('', 'unknown property "colour"')]);
  });

  it('missing label and version are both reported', async () => {
    const issues = await problemsWith((m) => {
      delete m.label;
      delete m.version;
    });
    expect(issues).toEqual([issue('', 'missing required property "label"'), issue('', 'missing required property "version"')]);
  });

  it('unknown field type lists the allowed types', async () => {
    const issues = await problemsWith((m) => {
      m.entities.cliente.fields.nascimento.type = 'datum';
    });
    expect(issues).toEqual([
      issue('/entities/cliente/fields/nascimento/type', /^must be one of \[.*"string".*"secret".*"relation".*"computed".*"file".*"image".*"cnpj".*"cpf".*\]$/),
    ]);
  });

  it('unknown property inside a field', async () => {
    const issues = await problemsWith((m) => {
      m.entities.cliente.fields.nome.maxLen = 10;
    });
    expect(issues).toEqual([issue('/entities/cliente/fields/nome', 'unknown property "maxLen"')]);
  });

  const badNames = [
    {
      what: 'field name with upper case',
      bad: 'Nome',
      at: '/entities/cliente/fields',
      mutate: (m: Draft) => (m.entities.cliente.fields.Nome = { type: 'string' }),
    },
    {
      what: 'field name with a dash',
      bad: 'data-nascimento',
      at: '/entities/cliente/fields',
      mutate: (m: Draft) => (m.entities.cliente.fields['data-nascimento'] = { type: 'date' }),
    },
    {
      what: 'entity name with upper case',
      bad: 'Fornecedor',
      at: '/entities',
      mutate: (m: Draft) => (m.entities.Fornecedor = { label: 'Fornecedor', fields: { nome: { type: 'string' } } }),
    },
    {
      what: 'entity name with a dash',
      bad: 'item-extra',
      at: '/entities',
      mutate: (m: Draft) => (m.entities['item-extra'] = { label: 'Extra', fields: { nome: { type: 'string' } } }),
    },
  ];

  it.each(badNames)('$what: says what a name must look like', async ({ at, mutate }) => {
    const issues = await problemsWith(mutate);
    expect(issues.length).toBeGreaterThan(0);
    for (const i of issues) {
      expect(i.file).toBe(FILE);
      expect(i.path.startsWith(at)).toBe(true);
    }
    expect(issues.some((i) => i.message.includes('^[a-z][a-z0-9_]{0,39}$'))).toBe(true);
  });

  it.each(badNames)('$what: names the offending name $bad', async ({ bad, at, mutate }) => {
    const issues = await problemsWith(mutate);
    // Either the pointer ends at the bad name or the message quotes it.
    const named = issues.filter((i) => i.path === `${at}/${bad}` || (i.path === at && i.message.includes(`"${bad}"`)));
    expect(
      issues.map((i) => `${i.path}: ${i.message}`),
      `no issue names "${bad}"`,
    ).toContainEqual(expect.stringContaining(bad));
    expect(named.length).toBeGreaterThan(0);
  });
});

describe('fields and references inside a module', () => {
  it.each(['id', 'created_at', 'version', 'updated_by'])('reserved column name "%s"', async (name) => {
    const issues = await problemsWith((m) => {
      m.entities.cliente.fields[name] = { type: 'integer' };
    });
    expect(issues).toEqual([issue(`/entities/cliente/fields/${name}`, new RegExp(`^"${name}" is a reserved column name \\(id, version, created_at`))]);
  });

  it('relation to a missing entity of the same module', async () => {
    const issues = await problemsWith((m) => {
      m.entities.pedido.fields.cliente.to = 'fornecedor';
    });
    expect(issues).toEqual([issue('/entities/pedido/fields/cliente/to', 'relation target "fornecedor" is not a known entity')]);
  });

  it('relation to a missing module', async () => {
    const issues = await problemsWith((m) => {
      m.entities.pedido.fields.vendedor.to = 'rh.funcionario';
    });
    expect(issues).toEqual([issue('/entities/pedido/fields/vendedor/to', 'relation target "rh.funcionario" is not a known entity')]);
  });

  it('relation to a missing entity of an existing module', async () => {
    const issues = await problemsWith((m) => {
      m.entities.pedido.fields.vendedor.to = 'platform.funcionario';
    });
    expect(issues).toEqual([issue('/entities/pedido/fields/vendedor/to', 'relation target "platform.funcionario" is not a known entity')]);
  });

  it('list column that does not exist', async () => {
    const issues = await problemsWith((m) => {
      m.entities.cliente.list.columns = ['nome', 'telefone'];
    });
    expect(issues).toEqual([issue('/entities/cliente/list/columns/1', 'list column "telefone" is not a field of "cliente"')]);
  });

  it('search field that does not exist', async () => {
    const issues = await problemsWith((m) => {
      m.entities.cliente.list.search = ['apelido'];
    });
    expect(issues).toEqual([issue('/entities/cliente/list/search/0', /^search field "apelido" must be a string, text or email field/)]);
  });

  it.each([
    ['boolean', 'ativo'],
    ['date', 'nascimento'],
  ])('search on a %s field', async (_type, field) => {
    const issues = await problemsWith((m) => {
      m.entities.cliente.list.search = ['nome', field];
    });
    expect(issues).toEqual([issue('/entities/cliente/list/search/1', `search field "${field}" must be a string, text or email field of "cliente"`)]);
  });

  it('sort field that does not exist (descending prefix stripped)', async () => {
    const issues = await problemsWith((m) => {
      m.entities.cliente.list.sort = '-telefone';
    });
    expect(issues).toEqual([issue('/entities/cliente/list/sort', 'sort field "telefone" is not a stored field of "cliente"')]);
  });

  it('sort on a children field (no column)', async () => {
    const issues = await problemsWith((m) => {
      m.entities.pedido.list.sort = 'itens';
    });
    expect(issues).toEqual([issue('/entities/pedido/list/sort', 'sort field "itens" is not a stored field of "pedido"')]);
  });

  it('form field that does not exist', async () => {
    const issues = await problemsWith((m) => {
      m.entities.cliente.form[0].fields.push('cpf');
    });
    expect(issues).toEqual([issue('/entities/cliente/form/0/fields/4', 'form field "cpf" is not a field of "cliente"')]);
  });

  it('index field that does not exist', async () => {
    const issues = await problemsWith((m) => {
      m.entities.pedido.indexes = [['cliente', 'status'], ['entrega']];
    });
    expect(issues).toEqual([issue('/entities/pedido/indexes/1/0', 'index field "entrega" is not a stored field of "pedido"')]);
  });

  it('display field that does not exist', async () => {
    const issues = await problemsWith((m) => {
      m.entities.cliente.display = 'razao_social';
    });
    expect(issues).toEqual([issue('/entities/cliente/display', 'display field "razao_social" is not a stored field of "cliente"')]);
  });

  it('enum default not among the values', async () => {
    const issues = await problemsWith((m) => {
      m.entities.pedido.fields.status.default = 'cancelado';
    });
    expect(issues).toEqual([issue('/entities/pedido/fields/status/default', 'default "cancelado" is not one of ["aberto","fechado"]')]);
  });

  it('a progress bar on an integer without min and max', async () => {
    const issues = await problemsWith((m) => {
      m.entities.pedido.fields.avanco = { type: 'integer', min: 0, display: 'progress' };
    });
    expect(issues).toEqual([issue('/entities/pedido/fields/avanco/display', 'a progress bar needs both "min" and "max"')]);
  });

  it('enum label for an unknown value', async () => {
    const issues = await problemsWith((m) => {
      m.entities.pedido.fields.status.labels.cancelado = 'Cancelado';
    });
    expect(issues).toEqual([issue('/entities/pedido/fields/status/labels/cancelado', 'label for unknown value "cancelado"')]);
  });

  it('menu entry that is not an entity of the module', async () => {
    const issues = await problemsWith((m) => {
      m.menu = ['cliente', 'relatorio'];
    });
    expect(issues).toEqual([issue('/menu/1', 'menu entry "relatorio" is not an entity of this module')]);
  });
});

describe('children', () => {
  it('children entity that does not exist', async () => {
    const issues = await problemsWith((m) => {
      m.entities.pedido.fields.itens.entity = 'linha';
    });
    expect(issues).toEqual([issue('/entities/pedido/fields/itens/entity', 'children entity "linha" is not an entity of this module')]);
  });

  it('children entity without a relation back to the parent', async () => {
    const issues = await problemsWith((m) => {
      delete m.entities.item.fields.pedido;
    });
    expect(issues).toEqual([issue('/entities/pedido/fields/itens/entity', /^"item" needs exactly one relation field to "pedido" \(found 0\)/)]);
  });

  it('children foreignKey that is not a relation to the parent', async () => {
    const issues = await problemsWith((m) => {
      m.entities.pedido.fields.itens.foreignKey = 'descricao';
    });
    expect(issues).toEqual([issue('/entities/pedido/fields/itens/foreignKey', '"item.descricao" must be a relation to "pedido"')]);
  });

  it('a back-relation written as "module.entity" counts', async () => {
    const loja = baseManifest();
    loja.entities.item.fields.pedido.to = 'loja.pedido';
    const model = await buildAppModel({ root: await makeRoot({ manifests: { 'loja.json': loja } }) });
    expect(model.entity('loja.item').parent).toEqual({ entity: 'loja.pedido', foreignKey: 'pedido', field: 'itens' });
  });

  it('a foreignKey to a same-named entity of ANOTHER module is not a back-relation', async () => {
    const loja = baseManifest();
    loja.entities.pedido.fields.itens.foreignKey = 'pedido';
    loja.entities.item.fields.pedido.to = 'compras.pedido';
    const root = await makeRoot({ manifests: { 'loja.json': loja, 'compras.json': comprasManifest() } });
    expect(await issuesOf(root)).toEqual([issue('/entities/pedido/fields/itens/foreignKey', '"item.pedido" must be a relation to "pedido"')]);
  });

  it('a relation to a same-named entity of ANOTHER module is not a back-relation', async () => {
    // loja.item.pedido points at compras.pedido, not at loja.pedido.
    const loja = baseManifest();
    loja.entities.item.fields.pedido.to = 'compras.pedido';
    const root = await makeRoot({ manifests: { 'loja.json': loja, 'compras.json': comprasManifest() } });
    const issues = await issuesOf(root);
    expect(issues).toEqual([issue('/entities/pedido/fields/itens/entity', /^"item" needs exactly one relation field to "pedido" \(found 0\)/)]);
  });
});

describe('permissions', () => {
  it('role used in permissions but not declared', async () => {
    const issues = await problemsWith((m) => {
      m.entities.cliente.permissions.delete = ['diretor'];
    });
    expect(issues).toEqual([issue('/entities/cliente/permissions/delete/0', 'role "diretor" is not declared in "roles"')]);
  });

  it('row rule with an undeclared role', async () => {
    const issues = await problemsWith((m) => {
      m.entities.cliente.permissions.update[1].role = 'diretor';
    });
    expect(issues).toEqual([issue('/entities/cliente/permissions/update/1/role', 'role "diretor" is not declared in "roles"')]);
  });

  it('row rule naming an unknown field', async () => {
    const issues = await problemsWith((m) => {
      m.entities.cliente.permissions.update[1].where = { regiao: 'sul' };
    });
    expect(issues).toEqual([issue('/entities/cliente/permissions/update/1/where/regiao', 'row rule field "regiao" is not a field')]);
  });

  it('"*" and "admin" need no declaration', async () => {
    const manifest = baseManifest();
    manifest.entities.cliente.permissions.delete = ['admin', '*'];
    await expect(buildAppModel({ root: await makeRoot({ manifests: { 'loja.json': manifest } }) })).resolves.toBeDefined();
  });
});

describe('modules and files', () => {
  it('module name different from the file name', async () => {
    const root = await makeRoot({ manifests: { 'tienda.json': baseManifest() } });
    expect(await issuesOf(root)).toEqual([issue('/module', 'module "loja" must match the file name "tienda"', 'manifests/tienda.json')]);
  });

  it('module already defined by core (platform)', async () => {
    const platform = { module: 'platform', label: 'Minha plataforma', version: '1.0.0' };
    const root = await makeRoot({ manifests: { 'platform.json': platform } });
    expect(await issuesOf(root)).toEqual([
      issue('/module', /^module "platform" is already defined in .*core\/platform\/platform\.json$/, 'manifests/platform.json'),
    ]);
  });

  it('the same module in two files', async () => {
    const root = await makeRoot({ manifests: { 'loja.json': baseManifest(), 'loja2.json': baseManifest() } });
    const issues = await issuesOf(root);
    expect(issues).toHaveLength(2);
    expect(issues).toContainEqual(issue('/module', 'module "loja" must match the file name "loja2"', 'manifests/loja2.json'));
    expect(issues).toContainEqual(issue('/module', 'module "loja" is already defined in manifests/loja.json', 'manifests/loja2.json'));
  });
});

describe('plugins against manifests', () => {
  const withComputed = (m: Draft) => {
    m.entities.pedido.fields.total_itens = { type: 'computed', returns: 'decimal', precision: 12, scale: 2 };
  };

  it('computed field without any plugin', async () => {
    const issues = await problemsWith(withComputed);
    expect(issues).toEqual([issue('/entities/pedido/fields/total_itens', 'computed field needs a plugin that provides it')]);
  });

  it('computed field whose plugin does not provide it', async () => {
    const manifest = baseManifest();
    withComputed(manifest);
    const root = await makeRoot({ manifests: { 'loja.json': manifest }, plugins: { loja: `export default { module: 'loja' };\n` } });
    expect(await issuesOf(root)).toEqual([
      issue('/computed/pedido/total_itens', 'computed field "pedido.total_itens" has no function in the plugin', 'plugins/loja/index.ts'),
    ]);
  });

  it('computed field provided by the plugin loads', async () => {
    const manifest = baseManifest();
    withComputed(manifest);
    const plugin = `export default { module: 'loja', computed: { pedido: { total_itens: () => '0.00' } } };\n`;
    const model = await buildAppModel({ root: await makeRoot({ manifests: { 'loja.json': manifest }, plugins: { loja: plugin } }) });
    expect(model.entity('loja.pedido').computed.total_itens!({}, undefined as never)).toBe('0.00');
  });

  it('plugin hooks for an unknown entity', async () => {
    const root = await makeRoot({
      manifests: { 'loja.json': baseManifest() },
      plugins: { loja: `export default { module: 'loja', hooks: { nope: {} } };\n` },
    });
    expect(await issuesOf(root)).toEqual([issue('/hooks/nope', 'plugin hooks for unknown entity "nope"', 'plugins/loja/index.ts')]);
  });

  it('plugin computed function for a field that is not computed', async () => {
    const root = await makeRoot({
      manifests: { 'loja.json': baseManifest() },
      plugins: { loja: `export default { module: 'loja', computed: { pedido: { total: () => '1' } } };\n` },
    });
    expect(await issuesOf(root)).toEqual([issue('/computed/pedido/total', '"pedido.total" is not a computed field', 'plugins/loja/index.ts')]);
  });

  it('plugin folder name different from plugin.module', async () => {
    const root = await makeRoot({
      manifests: { 'loja.json': baseManifest() },
      plugins: { loja: `export default { module: 'lojas' };\n` },
    });
    expect(await issuesOf(root)).toEqual([issue('/module', 'plugin module "lojas" must match its folder "loja"', 'plugins/loja/index.ts')]);
  });
});

describe('all problems at once', () => {
  it('several problems in several manifests come in one ManifestError', async () => {
    const loja = baseManifest();
    loja.colour = 'blue'; // schema
    loja.entities.cliente.fields.nascimento.type = 'datum'; // schema
    const compras = comprasManifest();
    compras.entities.pedido.fields.loja = { type: 'relation', to: 'loja.nada' }; // cross-check
    compras.entities.pedido.list = { columns: ['fornecedor', 'valor'], search: ['valor'] }; // cross-check ×2
    compras.menu = ['pedido', 'nota']; // cross-check
    const root = await makeRoot({ manifests: { 'loja.json': loja, 'compras.json': compras } });

    const error = await buildAppModel({ root }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ManifestError);
    const { issues, message } = error as ManifestError;
    expect(issues.length).toBeGreaterThanOrEqual(6);
    expect(issues).toContainEqual(issue('', 'unknown property "colour"'));
    expect(issues).toContainEqual(issue('/entities/cliente/fields/nascimento/type', /^must be one of/));
    const compra = (p: string, m: string | RegExp) => issue(p, m, 'manifests/compras.json');
    expect(issues).toContainEqual(compra('/entities/pedido/fields/loja/to', 'relation target "loja.nada" is not a known entity'));
    expect(issues).toContainEqual(compra('/entities/pedido/list/columns/1', 'list column "valor" is not a field of "pedido"'));
    expect(issues).toContainEqual(compra('/entities/pedido/list/search/0', /^search field "valor"/));
    expect(issues).toContainEqual(compra('/menu/1', 'menu entry "nota" is not an entity of this module'));
    // The formatted report has one `file#pointer: message` line per issue.
    expect(message).toMatch(new RegExp(`^${issues.length} manifest problems:\\n`));
    expect(reportLines(message)).toHaveLength(issues.length);
    expect(message).toContain('  manifests/compras.json#/menu/1: menu entry "nota" is not an entity of this module');
    expect(message).toContain('  manifests/loja.json#/: unknown property "colour"');
  });

  it('manifest problems and plugin problems come in the same ManifestError', async () => {
    const loja = baseManifest();
    loja.menu = ['cliente', 'relatorio'];
    const root = await makeRoot({
      manifests: { 'loja.json': loja, 'compras.json': comprasManifest() },
      plugins: {
        compras: `export default { module: 'compra' };\n`,
        loja: `export default { module: 'loja', hooks: { nope: {} } };\n`,
      },
    });
    const files = new Set((await issuesOf(root)).map((i) => i.file));
    expect([...files].sort()).toEqual(['manifests/loja.json', 'plugins/compras/index.ts', 'plugins/loja/index.ts']);
  });
});

describe('manifests:check and start-up', () => {
  /** A root whose manifest has two problems. */
  async function brokenRoot(): Promise<string> {
    const loja = baseManifest();
    loja.entities.pedido.fields.cliente.to = 'fornecedor';
    loja.menu = ['cliente', 'relatorio'];
    return makeRoot({ manifests: { 'loja.json': loja } });
  }

  it('`npm run manifests:check` on the repository exits 0 and lists the modules', async () => {
    const result = await runProcess('npm', ['run', '--silent', 'manifests:check'], REPO);
    expect(result.code).toBe(0);
    expect(result.stderr).not.toContain('manifest problem');
    expect(result.stdout).toMatch(/^ok {2}core\/platform\/platform\.json: \d+ entities, \d+ procedures$/m);
    expect(result.stdout).toMatch(/^ok {2}manifests\/sgp\.json: 10 entities, [1-9]\d* procedures$/m);
  });

  it('manifests:check on a broken root exits 1 and prints every file#pointer line', async () => {
    const root = await brokenRoot();
    const result = await runProcess(TSX, [path.join(REPO, 'core/cli/manifests-check.ts')], root);
    expect(result.code).toBe(1);
    expect(result.stdout).not.toMatch(/^ok /m);
    expect(result.stderr).toContain('2 manifest problems:');
    expect(reportLines(result.stderr)).toEqual([
      '  manifests/loja.json#/entities/pedido/fields/cliente/to: relation target "fornecedor" is not a known entity',
      '  manifests/loja.json#/menu/1: menu entry "relatorio" is not an entity of this module',
    ]);
  });

  it('start-up refuses a broken manifest: exit 1, the same report, no stack trace, no database', async () => {
    const root = await brokenRoot();
    const dataDir = path.join(root, 'data');
    await mkdir(dataDir);
    const env = { DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', SEED: 'false' };
    const [started, checked] = await Promise.all([
      runProcess(TSX, [path.join(REPO, 'core/main.ts')], root, env),
      runProcess(TSX, [path.join(REPO, 'core/cli/manifests-check.ts')], root),
    ]);
    expect(started.code).toBe(1);
    expect(started.stderr).toContain('Forja did not start');
    expect(started.stderr).toContain('manifests/loja.json#/entities/pedido/fields/cliente/to');
    expect(started.stderr).not.toMatch(/^\s+at /m);
    expect(reportLines(started.stderr)).toHaveLength(2);
    expect(reportLines(started.stderr)).toEqual(reportLines(checked.stderr));
    // Nothing half-loaded: no database file was created.
    expect(await readdir(dataDir)).toEqual([]);
  });
});

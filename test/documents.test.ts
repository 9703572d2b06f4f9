/**
 * Plugin documents: the generic route (permissions, row rules, headers) on
 * the "arquivos" fixture, and SGP's production sheet — a real one-page A4
 * PDF whose text and image are read back out of the file.
 */
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createUserAndLogin, login, ROOT, startTestPlatform, type LoginResult, type TestPlatform } from './support/testPlatform.js';
import { trpcApi } from './support/api.js';
import { png, upload } from './support/files.js';
import { prepareFixtureModule, type FixtureModule } from './support/fixtureModule.js';

function get(platform: TestPlatform, route: string, token?: string) {
  return fetch(`${platform.url}${route}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
}

describe('document route (fixture module)', () => {
  const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'files');
  let fixture: FixtureModule;
  let platform: TestPlatform;
  const users = {} as Record<'ana' | 'bruno', LoginResult>;
  let pastaId: number;

  beforeAll(async () => {
    fixture = await prepareFixtureModule({ manifestsDir: path.join(FIXTURE, 'manifests'), pluginsDir: path.join(FIXTURE, 'plugins') });
    platform = await startTestPlatform({}, fixture.options);
    const admin = (await login(platform.url, ADMIN.email, ADMIN.password)).token;
    users.ana = await createUserAndLogin(platform.url, admin, 'ana@test.local', ['operador']);
    users.bruno = await createUserAndLogin(platform.url, admin, 'bruno@test.local', ['operador']);
    const up = await upload(platform.url, '/files/arquivos/pasta/anexo', 'medidas.txt', 'text/plain', Buffer.from('12345'), { token: users.ana.token });
    const pasta = await trpcApi(platform.url, users.ana.token).mutate('arquivos.pasta.create', {
      data: { titulo: 'Orçamento "final"', responsavel: users.ana.user.id, anexo: up.body.id },
    });
    pastaId = pasta.id;
  });

  afterAll(async () => {
    await platform?.close();
    await fixture?.remove();
  });

  it('renders for a user who may read the record, with the record and its files', async () => {
    const res = await get(platform, `/documents/arquivos/resumo/${pastaId}`, users.ana.token);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('Pasta: Orçamento "final"\nAnexo: medidas.txt (5 bytes)\n');
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="resumo Orcamento _final_.txt"; filename*=UTF-8''resumo%20Or%C3%A7amento%20%22final%22.txt`,
    );
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('is 404 outside the row rules, for unknown documents and bad ids; 401 without a session', async () => {
    const outside = await get(platform, `/documents/arquivos/resumo/${pastaId}`, users.bruno.token);
    const missing = await get(platform, `/documents/arquivos/resumo/999999`, users.bruno.token);
    expect([outside.status, missing.status]).toEqual([404, 404]);
    expect(await outside.text()).toBe(await missing.text());
    for (const route of [
      '/documents/arquivos/nada/1',
      '/documents/nada/resumo/1',
      `/documents/arquivos/resumo/..%2f${pastaId}`,
      '/documents/arquivos/resumo/-1',
      '/documents/arquivos/toString/1',
      '/documents/arquivos/constructor/1',
    ]) {
      expect((await get(platform, route, users.ana.token)).status, route).toBe(404);
    }
    expect((await get(platform, `/documents/arquivos/resumo/${pastaId}`)).status).toBe(401);
  });
});

/** Text shown by a PDF's content streams: pdfkit writes standard-font text as hex strings (WinAnsi) inside TJ arrays. */
function pdfText(pdf: Buffer): string {
  const text: string[] = [];
  const source = pdf.toString('latin1');
  const streams = /<<([\s\S]*?)>>\s*stream\r?\n/g;
  for (let m = streams.exec(source); m; m = streams.exec(source)) {
    const start = m.index + m[0].length;
    const length = Number(/\/Length (\d+)/.exec(m[1]!)?.[1]);
    const raw = pdf.subarray(start, start + length);
    const content = m[1]!.includes('/FlateDecode') ? inflateSync(raw).toString('latin1') : raw.toString('latin1');
    if (/\/Subtype \/Image/.test(m[1]!)) continue;
    for (const line of content.match(/\[(.*?)\] TJ/g) ?? []) {
      const hexes = line.match(/<([0-9a-f]*)>/gi) ?? [];
      text.push(hexes.map((h) => Buffer.from(h.slice(1, -1), 'hex').toString('latin1')).join(''));
    }
  }
  return text.join('\n');
}

describe('SGP ficha de produção', () => {
  let platform: TestPlatform;
  let vendedor: LoginResult;
  let pedido: any;

  beforeAll(async () => {
    platform = await startTestPlatform();
    const admin = (await login(platform.url, ADMIN.email, ADMIN.password)).token;
    vendedor = await createUserAndLogin(platform.url, admin, 'vera@test.local', ['vendedor']);
    const api = trpcApi(platform.url, vendedor.token);
    const adminApi = trpcApi(platform.url, admin);
    const cliente = await api.mutate('sgp.cliente.create', { data: { nome: 'Aurora Brindes Ltda' } });
    const material = await adminApi.mutate('sgp.material.create', { data: { nome: 'Tecido Oxford' } });
    const image = await upload(platform.url, '/files/sgp/item_pedido/imagem', 'arte painel.png', 'image/png', await png(800, 400, '#dd2255'), {
      token: vendedor.token,
    });
    expect(image.status).toBe(201);
    pedido = await api.mutate('sgp.pedido.create', {
      data: {
        cliente: cliente.id,
        data_entrada: '2026-03-02',
        data_entrega: '2026-03-10',
        prioridade: 'ALTA',
        observacao: 'Entregar na portaria',
        itens: [
          {
            descricao: 'Painel de fundo 3x2',
            largura: '3',
            altura: '2',
            quantidade: 2,
            material: material.id,
            acabamento: 'ilhos',
            observacao: 'Ilhós a cada 50 cm',
            imagem: image.body.id,
          },
          { descricao: 'Bandeira sem imagem', quantidade: 1 },
        ],
      },
    });
  });

  afterAll(async () => {
    await platform?.close();
  });

  it('is listed on the item entity in the model', async () => {
    const model = await trpcApi(platform.url, vendedor.token).query('platform.model');
    const item = model.modules.find((m: any) => m.name === 'sgp').entities.item_pedido;
    expect(item.documents).toEqual([{ name: 'ficha_producao', label: 'Ficha de produção' }]);
  });

  it('is a one-page A4 PDF with the pedido, the item, its image and the stage checklist', async () => {
    const item = pedido.itens[0];
    const res = await get(platform, `/documents/sgp/ficha_producao/${item.id}`, vendedor.token);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toContain(`filename="ficha-${pedido.numero}-item-1.pdf"`);
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.subarray(-6).toString()).toMatch(/%%EOF\s*$/);
    const source = pdf.toString('latin1');
    expect(/\/Type \/Pages\s*\/Count (\d+)/.exec(source)?.[1]).toBe('1');
    expect(source).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    expect(source).toMatch(/\/Subtype \/Image/);
    const text = pdfText(pdf);
    for (const expected of [
      'FICHA DE PRODUÇÃO',
      `Nº ${pedido.numero}`,
      'Item 1 de 2',
      'PRIORIDADE ALTA',
      'Aurora Brindes Ltda',
      '02/03/2026',
      '10/03/2026',
      'Painel de fundo 3x2',
      'Tecido Oxford',
      '3,00 m × 2,00 m',
      '6,00 m²',
      'Ilhós',
      'Ilhós a cada 50 cm',
      'Pedido: Entregar na portaria',
      'Sublimação / calandra',
      'Conferência',
    ]) {
      expect(text, expected).toContain(expected);
    }
  });

  it('works without an image, and only for users who may read the item', async () => {
    const second = pedido.itens[1];
    const res = await get(platform, `/documents/sgp/ficha_producao/${second.id}`, vendedor.token);
    expect(res.status).toBe(200);
    const text = pdfText(Buffer.from(await res.arrayBuffer()));
    expect(text).toContain('Sem imagem');
    expect(text).toContain('Item 2 de 2');
    const admin = (await login(platform.url, ADMIN.email, ADMIN.password)).token;
    const stranger = await createUserAndLogin(platform.url, admin, 'sem@test.local', []);
    expect((await get(platform, `/documents/sgp/ficha_producao/${second.id}`, stranger.token)).status).toBe(404);
  });
});

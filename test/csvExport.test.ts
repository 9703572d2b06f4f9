/** CSV export: every row of the current filter, through the same permissions as list. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, apiClient, createUserAndLogin, login, startTestPlatform, type TestPlatform } from './support/testPlatform.js';

describe('GET /export/<module>/<entity>.csv', () => {
  let platform: TestPlatform;
  let token: string;

  beforeAll(async () => {
    platform = await startTestPlatform();
    ({ token } = await login(platform.url, ADMIN.email, ADMIN.password));
    const api = apiClient(platform.url, token);
    const cliente = await api.mutate('sgp.cliente.create', { data: { nome: 'Gráfica "Aspas"; Ltda' } });
    for (let i = 0; i < 230; i++) {
      await api.mutate('sgp.pedido.create', { data: { cliente: cliente.id, valor_frete: `${i}.50`, prioridade: i % 2 ? 'ALTA' : 'NORMAL' } });
    }
  });
  afterAll(() => platform.close());

  const exportUrl = (input: unknown, locale?: string) =>
    `${platform.url}/export/sgp/pedido.csv?input=${encodeURIComponent(JSON.stringify(input))}${locale ? `&locale=${locale}` : ''}`;
  const lines = (text: string) =>
    text
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter(Boolean);

  it('streams every matching row, beyond one page, with labels, display values and pt-BR numbers', async () => {
    const res = await fetch(exportUrl({ filter: { prioridade: 'ALTA' }, sort: 'id' }), { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toContain('sgp-pedido.csv');
    const bytes = new Uint8Array(await res.arrayBuffer());
    // UTF-8 BOM, so Excel reads the accents right (fetch's text() would hide it).
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    const [header, ...rows] = lines(text);
    expect(header!.split(';').slice(0, 3)).toEqual(['ID', 'Número', 'Data de entrada']);
    expect(rows).toHaveLength(115);
    expect(rows[0]).toContain(';"Gráfica ""Aspas""; Ltda";');
    expect(rows[0]).toContain(';1,50;');
  });

  it('uses commas and points for locale=en', async () => {
    const text = await (await fetch(exportUrl({ filter: { id: 1 } }, 'en'), { headers: { authorization: `Bearer ${token}` } })).text();
    const [header, row] = lines(text);
    expect(header!.startsWith('ID,Número,')).toBe(true);
    expect(row).toContain(',0.50,');
  });

  it('needs a session and read permission, and refuses unknown fields', async () => {
    expect((await fetch(exportUrl({}))).status).toBe(401);
    const noRoles = await createUserAndLogin(platform.url, token, 'sem-papel@test.local', []);
    const forbidden = await fetch(exportUrl({}), { headers: { authorization: `Bearer ${noRoles.token}` } });
    expect(forbidden.status).toBe(403);
    const bad = await fetch(exportUrl({ filter: { nada: 1 } }), { headers: { authorization: `Bearer ${token}` } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.issues[0].path).toBe('filter.nada');
    expect((await fetch(`${platform.url}/export/sgp/nada.csv`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(404);
  });
});

/** The duration field type through the real API: exact microseconds in the column, HH:MM:SS.ffffff everywhere else. */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, login, ROOT, startTestPlatform, type TestPlatform } from './support/testPlatform.js';
import { prepareFixtureModule, type FixtureModule } from './support/fixtureModule.js';
import { expectApiError, issuePaths, trpcApi, type Api } from './support/api.js';
import { openDatabase } from './support/database.js';
import { validateManifestSchema } from '../core/manifest/validateSchema.js';
import { crossCheckManifests } from '../core/manifest/crossCheck.js';
import type { ModuleManifest } from '../core/manifest/index.js';

describe('duration fields', () => {
  let fixture: FixtureModule;
  let platform: TestPlatform;
  let api: Api;
  let token: string;

  beforeAll(async () => {
    fixture = await prepareFixtureModule({ manifestsDir: path.join(ROOT, 'test', 'fixtures', 'duration', 'manifests') });
    platform = await startTestPlatform({}, fixture.options);
    ({ token } = await login(platform.url, ADMIN.email, ADMIN.password));
    api = trpcApi(platform.url, token);
    await api.mutate('corte.ordem.create', { data: { codigo: 'A', tempo: '01:30:00.250000' } });
    await api.mutate('corte.ordem.create', { data: { codigo: 'B', tempo: '130:00:00', pausa: null } });
    await api.mutate('corte.ordem.create', { data: { codigo: 'C', tempo: '0:00:59.5', pausa: '00:00:01' } });
  });
  afterAll(async () => {
    await platform?.close();
    await fixture?.remove();
  });

  const codes = (rows: { codigo: string }[]) => rows.map((r) => r.codigo);

  it('sends HH:MM:SS.ffffff back, whatever precision came in, and applies the default', async () => {
    const { rows } = await api.query('corte.ordem.list', { sort: 'id' });
    expect(rows.map((r: { tempo: string; pausa: string | null }) => [r.tempo, r.pausa])).toEqual([
      ['01:30:00.250000', '00:05:00.000000'],
      ['130:00:00.000000', null],
      ['00:00:59.500000', '00:00:01.000000'],
    ]);
    const one = await api.query('corte.ordem.get', { id: rows[0].id });
    expect(one.tempo).toBe('01:30:00.250000');
  });

  it('keeps an exact count of microseconds in a BIGINT-style integer column', async () => {
    const db = await openDatabase(platform.dataDir);
    try {
      expect(await db.all('SELECT tempo, pausa FROM corte_ordem ORDER BY id')).toEqual([
        { tempo: 5_400_250_000, pausa: 300_000_000 },
        { tempo: 468_000_000_000, pausa: null },
        { tempo: 59_500_000, pausa: 1_000_000 },
      ]);
      // Stored as integers, not as text or floating point.
      const kinds =
        db.dialect === 'sqlite'
          ? await db.all('SELECT DISTINCT typeof(tempo) AS kind FROM corte_ordem')
          : await db.all(
              "SELECT data_type AS kind FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'corte_ordem' AND column_name = 'tempo'",
            );
      expect(kinds).toEqual([{ kind: db.dialect === 'sqlite' ? 'integer' : 'bigint' }]);
    } finally {
      await db.close();
    }
  });

  it('filters and sorts by length of time, not by text', async () => {
    expect(codes((await api.query('corte.ordem.list', { sort: '-tempo' })).rows)).toEqual(['B', 'A', 'C']);
    expect(codes((await api.query('corte.ordem.list', { filter: { tempo: { gt: '2:00:00' } } })).rows)).toEqual(['B']);
    expect(codes((await api.query('corte.ordem.list', { filter: { tempo: { lte: '01:30:00.25' } }, sort: 'id' })).rows)).toEqual(['A', 'C']);
    expect(codes((await api.query('corte.ordem.list', { filter: { tempo: '01:30:00.250' } })).rows)).toEqual(['A']);
    expect(codes((await api.query('corte.ordem.list', { filter: { pausa: { isNull: true } } })).rows)).toEqual(['B']);
    await expectApiError(api.query('corte.ordem.list', { filter: { tempo: { contains: '01' } } }), 'BAD_REQUEST');
  });

  it('updates a duration and refuses text that is not one, naming the field', async () => {
    const { rows } = await api.query('corte.ordem.list', { filter: { codigo: 'C' } });
    const updated = await api.mutate('corte.ordem.update', { id: rows[0].id, data: { tempo: '02:00:00.000001' } });
    expect(updated.tempo).toBe('02:00:00.000001');
    for (const bad of ['1:30', '01:60:00', '01:00:00.1234567', 'uma hora', 90]) {
      const error = await expectApiError(api.mutate('corte.ordem.create', { data: { codigo: 'X', tempo: bad } }), 'BAD_REQUEST');
      expect(issuePaths(error)).toEqual(['data.tempo']);
    }
    const tooLong = await expectApiError(api.mutate('corte.ordem.create', { data: { codigo: 'X', tempo: '999999999:00:00' } }), 'BAD_REQUEST');
    expect(issuePaths(tooLong)).toEqual(['data.tempo']);
    const overMax = await expectApiError(
      api.mutate('corte.ordem.create', { data: { codigo: 'X', tempo: '1:00:00', pausa: '01:00:00.000001' } }),
      'BAD_REQUEST',
    );
    expect(overMax.issues).toEqual([{ path: 'data.pausa', message: 'must be at most 01:00:00' }]);
    expect((await api.query('corte.ordem.list', { filter: { codigo: 'X' } })).rows).toEqual([]);
  });

  it('checks min and max in the manifest: duration text, min not above max', () => {
    const manifest = (pausa: object) => ({
      module: 'm',
      label: 'M',
      version: '1.0.0',
      entities: { e: { label: 'E', fields: { pausa: { type: 'duration', ...pausa } } } },
    });
    expect(validateManifestSchema('m.json', manifest({ max: '1 hora' })).map((i) => i.path)).toEqual(['/entities/e/fields/pausa/max']);
    const loaded = { file: 'm.json', manifest: manifest({ min: '02:00:00', max: '01:00:00' }) as ModuleManifest };
    expect(crossCheckManifests([loaded])).toEqual([{ file: 'm.json', path: '/entities/e/fields/pausa/min', message: 'min must not be greater than max' }]);
  });

  it('exports the wire text to CSV', async () => {
    const input = encodeURIComponent(JSON.stringify({ sort: 'id' }));
    const res = await fetch(`${platform.url}/export/corte/ordem.csv?input=${input}`, { headers: { authorization: `Bearer ${token}` } });
    const [header, ...rows] = (await res.text())
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter(Boolean);
    expect(header).toBe('ID;Código;Tempo total;Pausa');
    expect(rows.map((r) => r.split(';').slice(1))).toEqual([
      ['A', '01:30:00.250000', '00:05:00.000000'],
      ['B', '130:00:00.000000', ''],
      ['C', '02:00:00.000001', '00:00:01.000000'],
    ]);
  });
});

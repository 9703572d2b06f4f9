/**
 * Schedules as data: cron next-run times across time zones (São Paulo has had
 * no daylight saving time since 2019), precise manifest errors, and the rule
 * that syncs manifest schedules into the table at start.
 */
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAppModel } from '../core/app/index.js';
import { ManifestError, type ManifestIssue } from '../core/manifest/index.js';
import { cronProblem, latestSlot, nextSlot } from '../core/scheduler/index.js';
import { isTimeZone } from '../core/time/index.js';
import { startPlatformOn } from './support/platformOnDir.js';
import { ADMIN, apiClient, login, ROOT } from './support/testPlatform.js';
import { FIXTURE, prepareSchedulerFixture } from './support/schedulerFixture.js';

const next = (cron: string, tz: string, after: string) => nextSlot(cron, tz, new Date(after)).toISOString();

describe('cron expressions in a time zone', () => {
  it('runs 02:00 in São Paulo at 05:00 UTC all year, including the dates daylight saving time used to change', () => {
    // DST used to start on the first Sunday of November and end in February; since 2019 the offset is always -03:00.
    expect(next('0 2 * * *', 'America/Sao_Paulo', '2026-10-31T12:00:00Z')).toBe('2026-11-01T05:00:00.000Z');
    expect(next('0 2 * * *', 'America/Sao_Paulo', '2027-02-20T12:00:00Z')).toBe('2027-02-21T05:00:00.000Z');
    expect(next('0 2 * * *', 'America/Sao_Paulo', '2027-07-15T12:00:00Z')).toBe('2027-07-16T05:00:00.000Z');
    expect(next('0 12 * * *', 'America/Sao_Paulo', '2019-11-03T00:00:00Z')).toBe('2019-11-03T15:00:00.000Z');
    // Before 2019 the zone did shift: noon of a DST day was 14:00 UTC.
    expect(next('0 12 * * *', 'America/Sao_Paulo', '2018-11-10T00:00:00Z')).toBe('2018-11-10T14:00:00.000Z');
  });

  it('handles midnight and the turn of the year in São Paulo', () => {
    expect(next('0 0 * * *', 'America/Sao_Paulo', '2026-12-31T23:00:00-03:00')).toBe('2027-01-01T03:00:00.000Z');
    expect(next('0 0 1 * *', 'America/Sao_Paulo', '2027-01-31T12:00:00Z')).toBe('2027-02-01T03:00:00.000Z');
    expect(next('59 23 * * *', 'America/Sao_Paulo', '2027-03-01T02:59:00Z')).toBe('2027-03-02T02:59:00.000Z');
    expect(next('*/15 * * * *', 'America/Sao_Paulo', '2027-03-01T02:59:00Z')).toBe('2027-03-01T03:00:00.000Z');
  });

  it('follows other zones, with their daylight saving time', () => {
    // New York weekdays 09:30: EST (-05:00) on Friday, EDT (-04:00) after the switch on Sunday 2026-03-08.
    expect(next('30 9 * * 1-5', 'America/New_York', '2026-03-06T00:00:00Z')).toBe('2026-03-06T14:30:00.000Z');
    expect(next('30 9 * * 1-5', 'America/New_York', '2026-03-07T00:00:00Z')).toBe('2026-03-09T13:30:00.000Z');
    expect(next('0 0 * * *', 'Asia/Tokyo', '2026-06-01T00:00:00Z')).toBe('2026-06-01T15:00:00.000Z');
    expect(next('0 3 * * 0', 'UTC', '2026-11-23T12:00:00Z')).toBe('2026-11-29T03:00:00.000Z');
    expect(next('*/10 * * * * *', 'UTC', '2026-11-23T12:00:01Z')).toBe('2026-11-23T12:00:10.000Z');
  });

  it('finds the latest slot at or before a moment, inclusive', () => {
    expect(latestSlot('0 * * * *', 'UTC', new Date('2026-11-23T12:00:00Z')).toISOString()).toBe('2026-11-23T12:00:00.000Z');
    expect(latestSlot('0 * * * *', 'UTC', new Date('2026-11-23T12:59:59Z')).toISOString()).toBe('2026-11-23T12:00:00.000Z');
    expect(latestSlot('0 2 * * *', 'America/Sao_Paulo', new Date('2026-11-23T04:59:00Z')).toISOString()).toBe('2026-11-22T05:00:00.000Z');
  });

  it('says what is wrong with a bad expression or zone', () => {
    expect(cronProblem('0 2 * * *')).toBeUndefined();
    expect(cronProblem('@daily')).toBeUndefined();
    expect(cronProblem('61 * * * *')).toMatch(/not a valid cron expression/);
    expect(cronProblem('* * *')).toMatch(/must have 5 fields/);
    expect(isTimeZone('America/Sao_Paulo')).toBe(true);
    expect(isTimeZone('America/Sao_Pablo')).toBe(false);
  });
});

describe('manifest schedules and record actions: precise errors', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'forja-schedule-manifest-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function issuesOf(change: (manifest: any) => void): Promise<ManifestIssue[]> {
    const manifest = JSON.parse(await readFile(path.join(FIXTURE, 'manifests', 'rotinas.json'), 'utf8'));
    change(manifest);
    const manifestsDir = path.join(dir, String(Math.random()).slice(2));
    await mkdir(manifestsDir);
    await writeFile(path.join(manifestsDir, 'rotinas.json'), JSON.stringify(manifest));
    try {
      await buildAppModel({ root: ROOT, manifestsDir, pluginsDir: path.join(FIXTURE, 'plugins') });
      return [];
    } catch (e) {
      expect(e).toBeInstanceOf(ManifestError);
      return (e as ManifestError).issues;
    }
  }
  const at = (issues: ManifestIssue[]) => issues.map((i) => [path.basename(i.file), i.path]);

  it('accepts the fixture as it is', async () => {
    expect(await issuesOf(() => undefined)).toEqual([]);
  });

  it('names the file and pointer of a bad cron, zone, job or params', async () => {
    const issues = await issuesOf((m) => {
      m.schedules = {
        cron: { cron: '0 25 * * *', job: 'marcar' },
        zona: { cron: '0 2 * * *', timezone: 'Brasil/Paulista', job: 'marcar' },
        tarefa: { cron: '0 2 * * *', job: 'backup' },
        params: { cron: '0 2 * * *', job: 'devagar', params: { steps: 0, ms: 5 } },
        sem_cron: { job: 'marcar' },
      };
    });
    expect(at(issues)).toEqual([['rotinas.json', '/schedules/sem_cron']]);
    expect(issues[0]!.message).toMatch(/cron/);
    const rest = await issuesOf((m) => {
      m.schedules = {
        cron: { cron: '0 25 * * *', job: 'marcar' },
        zona: { cron: '0 2 * * *', timezone: 'Brasil/Paulista', job: 'marcar' },
        tarefa: { cron: '0 2 * * *', job: 'backup' },
        params: { cron: '0 2 * * *', job: 'devagar', params: { steps: 0, ms: 5 } },
      };
    });
    expect(at(rest)).toEqual([
      ['rotinas.json', '/schedules/cron/cron'],
      ['rotinas.json', '/schedules/zona/timezone'],
      ['rotinas.json', '/schedules/tarefa/job'],
      ['rotinas.json', '/schedules/params/params/steps'],
    ]);
    expect(rest[1]!.message).toContain('"Brasil/Paulista" is not an IANA time zone');
    expect(rest[2]!.message).toContain(
      'job "backup" is not defined by the rotinas plugin (jobs: marcar, devagar, pendurar, martelar, validar, sondar, falhar)',
    );
  });

  it('checks record actions and related panels against plugin procedures, roles and relations', async () => {
    const issues = await issuesOf((m) => {
      m.entities.marca.actions = [{ name: 'refazer', label: 'Refazer', procedure: 'refazer', roles: ['gerente'] }];
      m.entities.marca.related = [{ entity: 'marca', field: 'slot' }];
    });
    expect(at(issues)).toEqual([
      ['rotinas.json', '/entities/marca/actions/0/roles/0'],
      ['rotinas.json', '/entities/marca/related/0/field'],
      ['rotinas.json', '/entities/marca/actions/0/procedure'],
    ]);
  });
});

describe('manifest schedules synced at start', () => {
  it('keeps an admin edit across restarts, applies a changed declaration, disables a removed one', async () => {
    const manifestsDir = await mkdtemp(path.join(os.tmpdir(), 'forja-sync-manifests-'));
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'forja-sync-data-'));
    const file = path.join(manifestsDir, 'rotinas.json');
    const manifest = JSON.parse(await readFile(path.join(FIXTURE, 'manifests', 'rotinas.json'), 'utf8'));
    await writeFile(file, JSON.stringify(manifest));
    const fixture = await prepareSchedulerFixture(manifestsDir);
    const start = () => startPlatformOn(dataDir, { SCHEDULER: 'off' }, fixture.options);
    const read = async (url: string) => {
      const api = apiClient(url, (await login(url, ADMIN.email, ADMIN.password)).token);
      return { api, row: (await api.query('platform.schedule.list', { filter: { name: 'rotinas.minuto' } })).rows[0] };
    };
    try {
      let p = await start();
      expect(p.scheduler).toBeUndefined();
      let { api, row } = await read(p.url);
      expect([row.source, row.cron, row.enabled]).toEqual(['manifest', '* * * * *', false]);
      await api.mutate('platform.schedule.update', { id: row.id, data: { cron: '*/5 * * * *', enabled: true }, version: row.version });
      await p.stop();

      p = await start();
      ({ row } = await read(p.url));
      expect([row.cron, row.enabled]).toEqual(['*/5 * * * *', true]);
      await p.stop();

      manifest.schedules.minuto.cron = '0 * * * *';
      await writeFile(file, JSON.stringify(manifest));
      p = await start();
      ({ row } = await read(p.url));
      expect([row.source, row.cron, row.enabled]).toEqual(['manifest', '0 * * * *', false]);
      await p.stop();

      delete manifest.schedules;
      await writeFile(file, JSON.stringify(manifest));
      p = await start();
      ({ api, row } = await read(p.url));
      expect([row.source, row.enabled, row.next_run_at]).toEqual(['manifest', false, null]);
      await p.stop();
    } finally {
      await fixture.remove();
      await rm(manifestsDir, { recursive: true, force: true });
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});

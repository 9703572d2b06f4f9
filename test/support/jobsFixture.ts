/** The `tarefas` fixture module (test/fixtures/jobs): record jobs that succeed, fail on purpose, hang or log slowly. */
import path from 'node:path';
import { ROOT } from './testPlatform.js';
import { prepareFixtureModule, type FixtureModule } from './fixtureModule.js';

export const JOBS_FIXTURE = path.join(ROOT, 'test', 'fixtures', 'jobs');

export function prepareJobsFixture(): Promise<FixtureModule> {
  return prepareFixtureModule({ manifestsDir: path.join(JOBS_FIXTURE, 'manifests'), pluginsDir: path.join(JOBS_FIXTURE, 'plugins') });
}

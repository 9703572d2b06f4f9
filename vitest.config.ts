import { defineConfig } from 'vitest/config';

/**
 * With TEST_DATABASE_URL set the suite is the second pass, on a MariaDB/MySQL
 * server (`npm run test:mariadb`): the files that never open a database —
 * unit tests of values, manifests, types and UI helpers, the architecture and
 * import rules — ran in the SQLite pass already and give the same answer, and
 * the browser tests check the UI over an API the server pass covers directly.
 */
const serverPass = Boolean(process.env.TEST_DATABASE_URL);
const WITHOUT_DATABASE = [
  'test/e2e/**',
  'test/ui/**',
  'test/types/**',
  'test/architecture.test.ts',
  'test/config.test.ts',
  'test/fields.ownership.test.ts',
  'test/fields.registry.test.ts',
  'test/files.store.test.ts',
  'test/manifest.test.ts',
  'test/manifestSchema.drift.test.ts',
  'test/pluginImports.test.ts',
  'test/sqlParameters.test.ts',
  'test/values.*.test.ts',
  'test/workflow.manifest.test.ts',
];

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: serverPass ? ['**/node_modules/**', ...WITHOUT_DATABASE] : ['**/node_modules/**'],
    // Browser tests (test/e2e) need the built UI; this builds it once when it is missing or stale.
    globalSetup: serverPass ? [] : ['test/e2e/buildUi.globalSetup.ts'],
    setupFiles: ['test/support/dropTestDatabases.setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Each file starts its own server on its own database; two at a time fits a 2-core machine.
    maxWorkers: 2,
  },
});

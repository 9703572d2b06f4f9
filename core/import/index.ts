/** CSV import of any entity's records: the /import routes (importRoutes.ts), the mode and its rules (importRows.ts). */
import type { CoreFeature } from '../service/coreFeature.js';
import { buildImportRoutes } from './importRoutes.js';

export type { ImportOptions, ImportPreview, ImportReport, ImportProgress } from './importRows.js';
export type { RowIssue } from './rowValues.js';

export const csvImportFeature: CoreFeature = {
  name: 'csvImport',
  // The file streams in as the raw request body.
  routes: [{ path: '/import', rawBody: true, build: ({ services, sessions, config }) => buildImportRoutes({ services, sessions, limits: config.csvImport }) }],
};

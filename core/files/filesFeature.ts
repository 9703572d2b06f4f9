import type { CoreFeature } from '../service/coreFeature.js';
import { checkFileValues, withFileFacts } from './recordFiles.js';
import { buildFileRoutes } from './fileRoutes.js';

/**
 * File and image fields: a write attaches only the writer's own uploads for
 * that field, rows carry their files' facts (`_files`), and /files uploads and serves them.
 */
export const filesFeature: CoreFeature = {
  name: 'files',
  entityExtension: ({ repos }) => ({
    checkValues: (entity, user, data, previous, tx, prefix) => checkFileValues(repos, entity, user, data, previous, tx, prefix),
    decorateRows: (entity, rows, tx) => withFileFacts(repos, entity, rows, tx),
  }),
  routes: [{ path: '/files', rawBody: true, build: ({ services, fileStore, sessions }) => buildFileRoutes({ services, store: fileStore }, sessions) }],
};
